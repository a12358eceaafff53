public import RelanceConfig
public import RelanceCore

/// Sends for real (`delivery.mode: live`): email over SMTP, SMS and webhooks over HTTP, each
/// channel with its own pool of kept-alive connections and rate limit, shared by reminders
/// and digests.
public final class LiveTransport: Transport {
    private let pools: [Channel: ConnectionPool]

    /// Reads the secrets and prepares a pool per configured channel; connections open on first use.
    ///
    /// - Throws: ``RelanceError`` (`configuration`) when a secret cannot be read.
    public init(settings: DeliverySettings, clock: any Clock) throws {
        var pools: [Channel: ConnectionPool] = [:]
        if let email = settings.email {
            let password = try email.password?.read(for: "delivery.email.password")
            pools[.email] = ConnectionPool(limits: email.limits) {
                try SMTPSender(settings: email, password: password)
            }
        }
        if let sms = settings.sms {
            let token = try sms.token?.read(for: "delivery.sms.token")
            pools[.sms] = ConnectionPool(limits: sms.limits) { try HTTPSender.sms(sms, token: token, clock: clock) }
        }
        if let webhook = settings.webhook {
            let secret = try webhook.secret?.read(for: "delivery.webhook.secret")
            pools[.webhook] = ConnectionPool(limits: webhook.limits) {
                try HTTPSender.webhook(webhook, secret: secret, clock: clock)
            }
        }
        self.pools = pools
    }

    public func canSend(on channel: Channel) -> Bool { pools[channel] != nil }

    public func deliver(_ messages: [OutgoingMessage], settle: ([Settled]) throws -> Void) throws {
        let results = DeliveryResults()
        var jobs: [Channel: [ConnectionPool.Job]] = [:]
        for (index, message) in messages.enumerated() {
            jobs[message.channel, default: []].append(.init(index: index, message: message, results: results))
        }
        var outstanding = 0
        for (channel, channelJobs) in jobs {
            guard let pool = pools[channel] else {
                for job in channelJobs { results.post(job.index, .channelDown(reason: "delivery.\(channel) is not configured")) }
                outstanding += channelJobs.count
                continue
            }
            pool.submit(channelJobs)
            outstanding += channelJobs.count
        }
        do {
            while outstanding > 0 {
                let settled = results.next()
                outstanding -= settled.count
                try settle(settled)
            }
        } catch {
            // Recording failed: start nothing more, let the sends on the wire finish, then stop.
            outstanding -= pools.values.reduce(0) { $0 + $1.cancelQueued() }
            while outstanding > 0 { outstanding -= results.next().count }
            throw error
        }
    }

    public func close() {
        for pool in pools.values { pool.close() }
    }
}

extension ConnectionPool {
    convenience init(limits: ConnectionLimits, makeSender: @escaping @Sendable () throws -> any MessageSender) {
        self.init(connections: limits.connections, ratePerSecond: limits.ratePerSecond, makeSender: makeSender)
    }
}
