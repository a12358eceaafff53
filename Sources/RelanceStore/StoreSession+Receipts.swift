import GRDB
public import RelanceCore

/// A tracked message whose receipt timeout passed without a final receipt.
public struct OverdueDelivery: Sendable {
    public var key: ReminderKey
    public var channel: Channel
}

/// Delivery receipts, verdicts and invalid contacts (SPEC 13).
extension StoreSession {
    /// Notes a reminder accepted on `channel` with receipts expected until `deadline`: the
    /// message's verdict is unknown until a final receipt or the deadline.
    public func trackDelivery(_ reminder: PendingReminder, channel: Channel, acceptedAt: Instant, deadline: Instant)
        throws
    {
        try db.cachedStatement(
            sql: """
                INSERT INTO deliveries (jobseeker_id, period, step, channel, accepted_at, deadline_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """
        ).execute(arguments: [
            reminder.jobseekerID, reminder.period.description, reminder.stepID, channel.rawValue, acceptedAt.seconds,
            deadline.seconds,
        ])
    }

    /// Adds a receipt to the history of a reminder.
    public func recordReceipt(
        _ reminder: PendingReminder, channel: Channel, status: String, at: Instant?, detail: String?,
        receivedAt: Instant
    ) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO receipts (channel, jobseeker_id, period, step, status, at, received_at, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            channel.rawValue, reminder.jobseekerID, reminder.period.description, reminder.stepID, status, at?.seconds,
            receivedAt.seconds, detail,
        ])
    }

    /// Sets the verdict of a tracked message unless one is set already, and the reminder's
    /// `delivery` when that message is still its latest, unconfirmed; whether the reminder's
    /// verdict was set now (only then does it fall back).
    public func settleDelivery(
        _ reminder: PendingReminder, channel: Channel, verdict: DeliveryVerdict, reason: String, now: Instant
    ) throws -> Bool {
        try db.cachedStatement(
            sql: """
                UPDATE deliveries SET verdict = ?, verdict_at = ?, reason = ?
                WHERE jobseeker_id = ? AND period = ? AND step = ? AND channel = ? AND verdict IS NULL
                """
        ).execute(arguments: [
            verdict.rawValue, now.seconds, reason, reminder.jobseekerID, reminder.period.description, reminder.stepID,
            channel.rawValue,
        ])
        guard db.changesCount > 0 else { return false }
        try db.cachedStatement(
            sql: """
                UPDATE reminders SET delivery = ?, updated_at = ?
                WHERE jobseeker_id = ? AND period = ? AND step = ? AND channel = ? AND state = 'sent'
                    AND delivery = 'unconfirmed'
                """
        ).execute(arguments: [
            verdict.rawValue, now.seconds, reminder.jobseekerID, reminder.period.description, reminder.stepID,
            channel.rawValue,
        ])
        return db.changesCount > 0
    }

    /// Sets the verdict of a tracked message whose reminder is gone (retention).
    public func settleDelivery(_ overdue: OverdueDelivery, verdict: DeliveryVerdict, reason: String, now: Instant)
        throws
    {
        try db.execute(
            sql: """
                UPDATE deliveries SET verdict = ?, verdict_at = ?, reason = ?
                WHERE jobseeker_id = ? AND period = ? AND step = ? AND channel = ? AND verdict IS NULL
                """,
            arguments: [
                verdict.rawValue, now.seconds, reason, overdue.key.jobseekerID, overdue.key.period.description,
                overdue.key.step,
                overdue.channel.rawValue,
            ])
    }

    /// Makes a sent reminder pending again on the channel at `channelIndex` of its list, due now
    /// (the fallback of an undelivered message).
    public func reopen(_ reminder: PendingReminder, channelIndex: Int, error: String, now: Instant) throws {
        try db.cachedStatement(
            sql: """
                UPDATE reminders SET state = 'pending', next_attempt_at = ?1, channel_index = ?2, channel_attempts = 0,
                    last_error = ?3, updated_at = ?1
                WHERE jobseeker_id = ?4 AND period = ?5 AND step = ?6
                """
        ).execute(arguments: [
            now.seconds, channelIndex, error, reminder.jobseekerID, reminder.period.description, reminder.stepID,
        ])
    }

    /// Marks the number or address a reminder was accepted for on `channel` as unusable for its
    /// jobseeker, as long as their record holds it. Nothing when the address was purged or the
    /// record changed since.
    public func markContactInvalid(_ reminder: PendingReminder, channel: Channel) throws {
        let column: String
        switch channel {
        case .sms: column = "phone"
        case .email: column = "email"
        case .webhook: return
        }
        try db.execute(
            sql: """
                UPDATE jobseekers SET invalid_\(column) = \(column)
                WHERE id = ?1 AND \(column) = (
                    SELECT recipient FROM attempts
                    WHERE jobseeker_id = ?1 AND period = ?2 AND step = ?3 AND channel = ?4 AND outcome = 'accepted'
                    ORDER BY id DESC LIMIT 1)
                """,
            arguments: [reminder.jobseekerID, reminder.period.description, reminder.stepID, channel.rawValue])
    }

    /// Tracked messages still without a verdict whose deadline passed, oldest first.
    public func overdueDeliveries(now: Instant, limit: Int) throws -> [OverdueDelivery] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT jobseeker_id, period, step, channel FROM deliveries
                WHERE verdict IS NULL AND deadline_at <= ? ORDER BY deadline_at LIMIT ?
                """, arguments: [now.seconds, limit]
        ).compactMap { row in
            guard let period = Period(row[1] as String), let channel = Channel(rawValue: row[3]) else { return nil }
            return OverdueDelivery(
                key: ReminderKey(jobseekerID: row[0], period: period, step: row[2]), channel: channel)
        }
    }
}
