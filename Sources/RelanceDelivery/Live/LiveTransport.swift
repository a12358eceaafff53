public import RelanceConfig
public import RelanceCore

/// Sends for real (`delivery.mode: live`): email over SMTP, SMS and webhooks over HTTP, each
/// channel with its own pool of kept-alive connections and rate limit, shared by reminders
/// and digests.
public final class LiveTransport: Transport {
    private let pools: [Channel: ConnectionPool]
    private let acceptedLog: AcceptedLog?

    /// Reads the secrets and prepares a pool per configured channel; connections open on first use.
    /// `acceptedLog` lets connections go on without waiting for each outcome to be recorded.
    ///
    /// - Throws: ``RelanceError`` (`configuration`) when a secret cannot be read.
    public init(settings: DeliverySettings, acceptedLog: AcceptedLog?, clock: any Clock) throws {
        self.acceptedLog = acceptedLog
        var pools: [Channel: ConnectionPool] = [:]
        if let email = settings.email {
            let password = try email.password?.read(for: "delivery.email.password")
            pools[.email] = ConnectionPool(limits: email.limits, acceptedLog: acceptedLog) {
                SMTPSender(settings: email, password: password)
            }
        }
        if let sms = settings.sms {
            let token = try sms.token?.read(for: "delivery.sms.token")
            pools[.sms] = ConnectionPool(limits: sms.limits, acceptedLog: acceptedLog) {
                try HTTPSender.sms(sms, token: token, clock: clock)
            }
        }
        if let webhook = settings.webhook {
            let secret = try webhook.secret?.read(for: "delivery.webhook.secret")
            pools[.webhook] = ConnectionPool(limits: webhook.limits, acceptedLog: acceptedLog) {
                try HTTPSender.webhook(webhook, secret: secret, clock: clock)
            }
        }
        self.pools = pools
    }

    public func canSend(on channel: Channel) -> Bool { pools[channel] != nil }

    public func deliver(next: (_ limit: Int) throws -> [OutgoingMessage], settle: ([Settled]) throws -> Void) throws {
        let results = DeliveryResults()
        for pool in pools.values { pool.forgetDown() }
        var supplied = 0
        var settledCount = 0
        var exhausted = false
        // Batches of `batchPerConnection` messages per connection, topped up when half is left.
        // Preparing a batch holds the caller's thread, and with it the recording of outcomes; the
        // connections go on meanwhile, as they note acceptances in the log (a digest's, or one
        // without a log, waits for its record).
        let connections = max(1, pools.values.reduce(0) { $0 + $1.connections })
        let batchSize = Self.batchPerConnection * connections
        func supply() throws {
            let messages = try next(batchSize)
            guard !messages.isEmpty else {
                exhausted = true
                return
            }
            var jobs: [Channel: [ConnectionPool.Job]] = [:]
            for (offset, message) in messages.enumerated() {
                jobs[message.channel, default: []].append(
                    .init(index: supplied + offset, message: message, results: results))
            }
            for (channel, channelJobs) in jobs {
                guard let pool = pools[channel] else {
                    for job in channelJobs {
                        results.post(job.index, .channelDown(reason: "delivery.\(channel) is not configured"))
                    }
                    continue
                }
                pool.submit(channelJobs)
            }
            supplied += messages.count
        }
        func record(_ settled: [Settled]) throws {
            settledCount += settled.count
            try settle(settled)
            results.markRecorded(settled)
        }
        do {
            while !exhausted || settledCount < supplied {
                // Outcomes first: a worker whose outcome is not in the log waits for its record.
                let ready = results.nextIfReady()
                if !ready.isEmpty {
                    try record(ready)
                } else if !exhausted && queued <= batchSize / 2 {
                    // Top the queues up before they run dry, so connections never wait for the caller.
                    try supply()
                } else {
                    // Several connections' outcomes in one transaction when they come close
                    // together: each transaction writes its pages anew.
                    try record(results.next(gathering: connections, within: Self.gatheringWindow))
                }
            }
            // Everything the log noted is in the database now.
            acceptedLog?.clear()
        } catch {
            // Recording failed: start nothing more, let the sends on the wire finish, then stop.
            results.releaseAll()
            var outstanding = supplied - settledCount - pools.values.reduce(0) { $0 + $1.cancelQueued().count }
            while outstanding > 0 { outstanding -= results.next().count }
            throw error
        }
    }

    /// How many messages per connection a batch holds.
    static let batchPerConnection = 32

    /// How long recording waits for the outcomes of other connections after a first one.
    static let gatheringWindow = 0.000_3

    public func cancelPending() {
        for pool in pools.values {
            for job in pool.cancelQueued() {
                job.results.post(job.index, .notSent(reason: "not sent: relance is stopping"))
            }
        }
    }

    /// Messages waiting for a connection, all channels together.
    private var queued: Int { pools.values.reduce(0) { $0 + $1.queuedCount } }

    public func close() {
        for pool in pools.values { pool.close() }
    }
}

extension ConnectionPool {
    convenience init(
        limits: ConnectionLimits, acceptedLog: AcceptedLog?,
        makeSender: @escaping @Sendable () throws -> any MessageSender
    ) {
        self.init(
            connections: limits.connections, ratePerSecond: limits.ratePerSecond, acceptedLog: acceptedLog,
            makeSender: makeSender)
    }
}
