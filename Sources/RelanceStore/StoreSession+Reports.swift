import GRDB
public import RelanceCore

/// Counts of one period for `status`.
public struct PeriodStatus: Sendable {
    public var period: Period
    /// `upcoming`, `open` or `closed`.
    public var state: String
    public var jobseekers = 0
    public var declared = 0
    public var late = 0
    public var missed = 0
    public var journalMissing = 0
    public var reminders: [String: Int] = [:]
    public var casesOpen = 0
    /// Active cases with a reason in the period that reach no advisor and no agency.
    public var casesUnrouted = 0
}

/// One reminder and its history, for `reminders list`.
public struct ReminderRow: Sendable {
    public var jobseekerID: String
    public var period: Period
    public var step: String
    public var state: String
    public var channel: String?
    public var dueAt: Instant
    public var expiresAt: Instant
    public var sentAt: Instant?
    public var attempts: Int
    public var lastError: String?
    public var department: String
    /// `unconfirmed`, `delivered`, `undelivered` or `not_tracked` once sent (SPEC 13), else nil.
    public var delivery: String?

    /// Which reminder this is.
    public var key: ReminderKey { ReminderKey(jobseekerID: jobseekerID, period: period, step: step) }
}

extension StoreSession {
    /// Every tracked period (or one), with its counts.
    public func periodStatuses(only period: Period?) throws -> [PeriodStatus] {
        let periods = try Row.fetchAll(
            db,
            sql:
                "SELECT period, state FROM periods WHERE period = COALESCE(?, period) AND state != 'purged' ORDER BY period",
            arguments: [period?.description])
        return try periods.map { row in
            let name: String = row["period"]
            var status = PeriodStatus(
                period: Period(name)!, state: ["finished", "closed"].contains(row["state"]) ? "closed" : row["state"])
            let counts = try Row.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) AS total,
                        SUM(EXISTS (SELECT 1 FROM declarations d WHERE d.jobseeker_id = m.jobseeker_id
                            AND d.period = m.period) AND COALESCE(m.outcome, '') NOT IN ('missed', 'late')) AS declared,
                        SUM(m.outcome = 'late') AS late, SUM(m.outcome = 'missed') AS missed,
                        SUM(m.journal = 'missing') AS journal_missing
                    FROM members m WHERE m.period = ?
                    """, arguments: [name])!
            status.jobseekers = counts["total"] ?? 0
            status.declared = counts["declared"] ?? 0
            status.late = counts["late"] ?? 0
            status.missed = counts["missed"] ?? 0
            status.journalMissing = counts["journal_missing"] ?? 0
            for reminder in try Row.fetchAll(
                db, sql: "SELECT state, COUNT(*) AS n FROM reminders WHERE period = ? GROUP BY state", arguments: [name]
            ) {
                status.reminders[reminder["state"]] = reminder["n"]
            }
            status.casesOpen =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(DISTINCT c.id) FROM cases c JOIN case_reasons r ON r.case_id = c.id
                        WHERE r.period = ? AND c.state IN ('open', 'contacted')
                        """, arguments: [name]) ?? 0
            status.casesUnrouted = try unroutedCaseCount(period: status.period)
            return status
        }
    }

    /// Reminders matching the filters, by period, jobseeker and due time.
    public func reminders(period: Period?, jobseeker: String?, state: String?) throws -> [ReminderRow] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT r.*, j.department FROM reminders r JOIN jobseekers j ON j.id = r.jobseeker_id
                WHERE r.period = COALESCE(?, r.period) AND r.jobseeker_id = COALESCE(?, r.jobseeker_id)
                    AND r.state = COALESCE(?, r.state)
                ORDER BY r.period, r.jobseeker_id, r.due_at, r.step
                """, arguments: [period?.description, jobseeker, state]
        ).map { row in
            ReminderRow(
                jobseekerID: row["jobseeker_id"], period: Period(row["period"] as String)!, step: row["step"],
                state: row["state"], channel: row["channel"], dueAt: Instant(seconds: row["due_at"]),
                expiresAt: Instant(seconds: row["expires_at"]),
                sentAt: (row["sent_at"] as Int64?).map(Instant.init(seconds:)), attempts: row["attempts"],
                lastError: row["last_error"], department: row["department"], delivery: row["delivery"])
        }
    }
}
