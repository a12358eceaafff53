import RelanceCore
import RelanceDelivery
import RelanceStore

/// How many receipts of one request matched a reminder of ours.
public struct ReceiptCounts: Sendable, Equatable {
    public var matched = 0
    public var unknown = 0

    public init() {}
}

extension Relance {
    /// Records delivery receipts in one transaction (SPEC 13): each goes to its reminder's
    /// history; the first final one on the reminder's latest, unconfirmed channel sets its
    /// `delivery`, and an undelivered verdict makes it fall back. Receipts naming no reminder of
    /// ours are counted `unknown` and change nothing.
    ///
    /// - Throws: ``RelanceError`` for the database.
    public func record(receipts: [Receipt]) throws -> ReceiptCounts {
        let now = clock.now
        return try store.writeImmediately { session in
            var counts = ReceiptCounts()
            for receipt in receipts {
                guard let key = receipt.key, let reminder = try session.reminder(key) else {
                    counts.unknown += 1
                    continue
                }
                counts.matched += 1
                try session.recordReceipt(
                    reminder, channel: receipt.channel, status: receipt.status.name, at: receipt.at,
                    detail: receipt.detail, receivedAt: now)
                guard let verdict = receipt.status.verdict, reminder.channel == receipt.channel else { continue }
                try settle(
                    reminder, on: receipt.channel, verdict: verdict, status: receipt.status,
                    reason: receipt.status.name,
                    in: session, now: now)
            }
            return counts
        }
    }

    /// Sets a tracked message's verdict; when it is the reminder's verdict too and says
    /// undelivered, the channel counts as failed for good (SPEC 3 fallback): pending again on
    /// the next channel while the reminder is relevant and its jobseeker eligible, failed when
    /// none is left, else only `delivery` changed. A permanent failure or a complaint marks the
    /// number or address unusable.
    func settle(
        _ reminder: PendingReminder, on channel: Channel, verdict: DeliveryVerdict, status: ReceiptStatus?,
        reason: String, in session: StoreSession, now: Instant
    ) throws {
        guard try session.settleDelivery(reminder, channel: channel, verdict: verdict, reason: reason, now: now) else {
            return
        }
        if status?.isPermanent == true || status?.isComplaint == true {
            try session.markContactInvalid(reminder, channel: channel)
        }
        guard verdict == .undelivered, var next = try session.reminder(reminder.key) else { return }
        next.channelIndex += 1
        let step = configuration.steps.first { $0.id == reminder.stepID }
        let error = "undelivered on \(channel.rawValue) (\(reason))"
        switch ReminderDecision.decide(
            next, step: step, configuration: configuration, now: now, isUsable: { _ in true })
        {
        case .skip, .expire:
            break
        case .fail:
            try session.settleReminder(next, state: .failed, channel: nil, error: error, now: now)
            try session.markUnreachable(jobseeker: next.jobseekerID, period: next.period)
        case .wait, .attempt:
            try session.reopen(next, channelIndex: next.channelIndex, error: error, now: now)
        }
        logger.info(
            "reminder undelivered",
            metadata: ["key": "\(reminder.key)", "channel": "\(channel)", "status": "\(reason)"])
    }

    /// `delivery.CHANNEL.receipt_timeout` in live mode: nil when no receipts are expected.
    func receiptTimeout(for channel: Channel) -> Int64? {
        guard configuration.delivery.mode == .live else { return nil }
        switch channel {
        case .sms: return configuration.delivery.sms?.receiptTimeout
        case .email: return configuration.delivery.email?.receiptTimeout
        case .webhook: return nil
        }
    }

    /// The VERP return path of emails, with its secret read.
    ///
    /// - Throws: ``RelanceError`` (`configuration`) when the secret cannot be read.
    func returnPath() throws -> ReturnPath? {
        guard let settings = configuration.delivery.email?.returnPath else { return nil }
        return ReturnPath(
            pattern: settings.pattern, secret: try settings.secret.read(for: "delivery.email.return_path_secret"))
    }
}
