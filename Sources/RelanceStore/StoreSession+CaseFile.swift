import GRDB
public import RelanceCore

/// What the desk's case page shows beyond the case itself: the jobseeker's preferred channels,
/// each period's outcome, the journal's acts and the reminders.
public struct CaseFile: Sendable {
    /// One period of the jobseeker.
    public struct PeriodLine: Sendable {
        public var period: Period
        public var outcome: String?
        public var journal: String?
        public var declaredAt: Instant?
    }

    /// One act of the journal.
    public struct Act: Sendable {
        public var period: Period
        public var date: String
        public var type: String
        public var label: String
    }

    /// One reminder.
    public struct Reminder: Sendable {
        public var period: Period
        public var step: String
        public var state: String
        public var channel: String?
        public var sentAt: Instant?
        /// The verdict on its latest channel (SPEC 13): `unconfirmed`, `delivered`,
        /// `undelivered` or `not_tracked`; nil before any send.
        public var delivery: String?
        /// Its messages accepted with receipts expected, first accepted first.
        public var messages: [TrackedMessage]
    }

    /// One message of a reminder accepted on a channel with receipts expected (SPEC 13).
    public struct TrackedMessage: Sendable {
        public var channel: String
        public var acceptedAt: Instant
        /// `delivered` or `undelivered`; nil while no final receipt came and the timeout has not passed.
        public var verdict: String?
        public var verdictAt: Instant?
        /// What set the verdict: the receipt's status (`delivered`, `bounced`, `rejected`…) or
        /// `receipt_timeout`.
        public var reason: String?
    }

    /// The jobseeker's own channel preference, `|`-separated; nil when the policy decides.
    public var channels: String?
    public var periods: [PeriodLine]
    public var acts: [Act]
    public var reminders: [Reminder]
}

extension StoreSession {
    /// The file of a jobseeker, newest period first.
    public func caseFile(jobseeker id: String) throws -> CaseFile {
        let channels = try String.fetchOne(db, sql: "SELECT channels FROM jobseekers WHERE id = ?", arguments: [id])
        let periods = try Row.fetchAll(
            db,
            sql: """
                SELECT m.period, m.outcome, m.journal, d.declared_at FROM members m
                LEFT JOIN declarations d ON d.jobseeker_id = m.jobseeker_id AND d.period = m.period
                WHERE m.jobseeker_id = ? ORDER BY m.period DESC
                """, arguments: [id]
        ).map { row in
            CaseFile.PeriodLine(
                period: Period(row["period"] as String)!, outcome: row["outcome"], journal: row["journal"],
                declaredAt: (row["declared_at"] as Int64?).map(Instant.init(seconds:)))
        }
        let acts = try Row.fetchAll(
            db,
            sql: """
                SELECT period, act_date, act_type, act_label FROM acts WHERE jobseeker_id = ?
                ORDER BY period DESC, act_date, act_type
                """, arguments: [id]
        ).map { row in
            CaseFile.Act(
                period: Period(row["period"] as String)!, date: row["act_date"], type: row["act_type"],
                label: row["act_label"])
        }
        let messages = try trackedMessages(jobseeker: id)
        let reminders = try Row.fetchAll(
            db,
            sql: """
                SELECT period, step, state, channel, sent_at, delivery FROM reminders WHERE jobseeker_id = ?
                ORDER BY period DESC, due_at
                """, arguments: [id]
        ).map { row in
            let period: String = row["period"]
            let step: String = row["step"]
            return CaseFile.Reminder(
                period: Period(period)!, step: step, state: row["state"], channel: row["channel"],
                sentAt: (row["sent_at"] as Int64?).map(Instant.init(seconds:)), delivery: row["delivery"],
                messages: messages[ReminderStep(period: period, step: step)] ?? [])
        }
        return CaseFile(channels: channels, periods: periods, acts: acts, reminders: reminders)
    }

    /// A reminder of one jobseeker: its period and step.
    private struct ReminderStep: Hashable {
        let period: String
        let step: String
    }

    /// The tracked messages of a jobseeker's reminders, by reminder, first accepted first.
    private func trackedMessages(jobseeker id: String) throws -> [ReminderStep: [CaseFile.TrackedMessage]] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT period, step, channel, accepted_at, verdict, verdict_at, reason FROM deliveries
                WHERE jobseeker_id = ? ORDER BY accepted_at, id
                """, arguments: [id])
        return Dictionary(grouping: rows) { ReminderStep(period: $0["period"], step: $0["step"]) }
            .mapValues { rows in
                rows.map { row in
                    CaseFile.TrackedMessage(
                        channel: row["channel"], acceptedAt: Instant(seconds: row["accepted_at"]),
                        verdict: row["verdict"], verdictAt: (row["verdict_at"] as Int64?).map(Instant.init(seconds:)),
                        reason: row["reason"])
                }
            }
    }

    /// Gives a case to an advisor (taken from the queue, or reassigned), recording who did it.
    /// Returns false when there is no such case.
    public func assignCase(id: Int64, to advisor: String, by author: String, now: Instant) throws -> Bool {
        try db.execute(
            sql: "UPDATE cases SET advisor = ?, updated_at = ?, updated_by = ? WHERE id = ?",
            arguments: [advisor, now.seconds, author, id])
        return db.changesCount > 0
    }
}
