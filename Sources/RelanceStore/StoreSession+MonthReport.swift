import GRDB
public import RelanceCore

/// A count within one clock hour: declarations (`key` `on_time` or `late`) or sent reminders
/// (`key` the step). Whole hours, so that any zone with whole-hour offsets can bucket them by day.
public struct HourlyCount: Sendable, Equatable {
    /// The start of the hour.
    public var hour: Instant
    public var key: String
    public var count: Int
}

/// Reminders of one step, channel (of the last attempt, nil when none) and state.
public struct ReminderTally: Sendable, Equatable {
    public var step: String
    public var channel: String?
    public var state: String
    public var count: Int
}

/// Failed attempts of one channel and outcome, by normalised cause (`SMTP 550`, `HTTP 400`,
/// `channel down`, `timeout`, `connection error`, `interrupted`): never the reply itself, which
/// may quote an address.
public struct FailureTally: Sendable, Equatable {
    public var channel: String
    public var outcome: String
    public var cause: String
    public var count: Int
}

/// Failed reminders of one channel (of the last attempt, nil when none was made) by cause:
/// `no usable channel` when no attempt was made (no address, no mobile, nothing left of the
/// jobseeker's own channels), else `channels exhausted: ` and the cause of the last failed attempt.
public struct FailedReminderTally: Sendable, Equatable {
    public var channel: String?
    public var cause: String
    public var count: Int
}

/// Cases of one route, agency and state; `overdue` of them are open past their due date.
public struct CaseTally: Sendable, Equatable {
    public var route: String
    /// The agency code, nil when the jobseeker has none.
    public var agency: String?
    public var state: String
    public var count: Int
    public var overdue: Int
    /// The earliest due date among the overdue ones.
    public var oldestOverdue: LocalDate?
}

extension StoreSession {
    /// Declarations of the period's members that count as declared or late, by hour of `declared_at`.
    public func declarationsByHour(_ period: Period) throws -> [HourlyCount] {
        try hourly(
            sql: """
                SELECT d.declared_at / 3600 AS hour, CASE WHEN m.outcome = 'late' THEN 'late' ELSE 'on_time' END AS key,
                    COUNT(*) AS n
                FROM members m JOIN declarations d ON d.jobseeker_id = m.jobseeker_id AND d.period = m.period
                WHERE m.period = ? AND COALESCE(m.outcome, '') != 'missed'
                GROUP BY hour, key ORDER BY hour, key
                """, period)
    }

    /// Sent reminders of the period, by step and hour of `sent_at`.
    public func sentRemindersByHour(_ period: Period) throws -> [HourlyCount] {
        try hourly(
            sql: """
                SELECT sent_at / 3600 AS hour, step AS key, COUNT(*) AS n FROM reminders
                WHERE period = ? AND state = 'sent' AND sent_at IS NOT NULL
                GROUP BY hour, key ORDER BY hour, key
                """, period)
    }

    private func hourly(sql: String, _ period: Period) throws -> [HourlyCount] {
        try Row.fetchAll(db, sql: sql, arguments: [period.description]).map { row in
            HourlyCount(hour: Instant(seconds: (row["hour"] as Int64) * 3600), key: row["key"], count: row["n"])
        }
    }

    /// Journal states of the members counted as declared or late (`pending` until the period
    /// closes for them), and how many members were unreachable.
    public func journalAndReach(_ period: Period) throws -> (journal: [String: Int], unreachable: Int) {
        var journal: [String: Int] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT COALESCE(m.journal, 'pending') AS journal, COUNT(*) AS n FROM members m
                JOIN declarations d ON d.jobseeker_id = m.jobseeker_id AND d.period = m.period
                WHERE m.period = ? AND COALESCE(m.outcome, '') != 'missed' GROUP BY 1
                """, arguments: [period.description])
        {
            journal[row["journal"]] = row["n"]
        }
        let unreachable =
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM members WHERE period = ? AND unreachable != 0",
                arguments: [period.description]) ?? 0
        return (journal, unreachable)
    }

    /// Reminders of the period by step (in the order they first fell due), channel and state.
    public func reminderTallies(_ period: Period) throws -> [ReminderTally] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT step, channel, state, COUNT(*) AS n FROM reminders WHERE period = ?
                GROUP BY step, channel, state
                ORDER BY MIN(MIN(due_at)) OVER (PARTITION BY step), step, channel, state
                """, arguments: [period.description]
        ).map { ReminderTally(step: $0["step"], channel: $0["channel"], state: $0["state"], count: $0["n"]) }
    }

    /// Attempts of the period that did not deliver (in-flight ones excluded), by normalised cause;
    /// read through the index of failures alone, as nearly all of a period's attempts are accepted.
    public func failureTallies(_ period: Period) throws -> [FailureTally] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT channel, outcome, \(Self.failureCause("attempts")) AS cause, COUNT(*) AS n
                FROM attempts INDEXED BY attempts_failed
                WHERE period = ? AND outcome NOT IN ('accepted', 'in_flight')
                GROUP BY channel, outcome, cause ORDER BY n DESC, channel, outcome, cause
                """, arguments: [period.description]
        ).map { FailureTally(channel: $0["channel"], outcome: $0["outcome"], cause: $0["cause"], count: $0["n"]) }
    }

    /// Failed reminders of the period by channel and cause: together they are the `failed`
    /// reminders of the period, whether or not an attempt was made.
    public func failedReminderTallies(_ period: Period) throws -> [FailedReminderTally] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT r.channel, CASE
                        WHEN r.last_error LIKE 'unknown department%' THEN 'unknown department'
                        WHEN r.attempts = 0 THEN 'no usable channel'
                        ELSE 'channels exhausted: ' || COALESCE((
                            SELECT \(Self.failureCause("a")) FROM attempts a
                            WHERE a.jobseeker_id = r.jobseeker_id AND a.period = r.period AND a.step = r.step
                                AND a.outcome NOT IN ('accepted', 'in_flight')
                            ORDER BY a.id DESC LIMIT 1), 'no attempt recorded') END AS cause,
                    COUNT(*) AS n
                FROM reminders r WHERE r.period = ? AND r.state = 'failed'
                GROUP BY r.channel, cause ORDER BY n DESC, r.channel, cause
                """, arguments: [period.description]
        ).map { FailedReminderTally(channel: $0["channel"], cause: $0["cause"], count: $0["n"]) }
    }

    /// SQL naming the cause of a failed attempt (alias `a`) without quoting its reply, which may
    /// quote an address: `SMTP 550`, `HTTP 400`, `channel down`, `interrupted`, `timeout`,
    /// `connection error`.
    static func failureCause(_ a: String) -> String {
        """
        CASE WHEN \(a).outcome = 'channel_down' THEN 'channel down'
            WHEN \(a).outcome = 'interrupted' THEN 'interrupted'
            WHEN \(a).reply GLOB 'SMTP [0-9][0-9][0-9]*' OR \(a).reply GLOB 'HTTP [0-9][0-9][0-9]*'
                THEN substr(\(a).reply, 1, 8)
            WHEN \(a).reply LIKE '%timeout%' OR \(a).reply LIKE '%timed out%' THEN 'timeout'
            ELSE 'connection error' END
        """
    }

    /// Cases with a reason in the period, by route, agency and state; open cases due before
    /// `today` are overdue.
    public func caseTallies(_ period: Period, today: LocalDate) throws -> [CaseTally] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT route, agency, state, COUNT(*) AS n, SUM(state = 'open' AND due_on < ?1) AS overdue,
                    MIN(CASE WHEN state = 'open' AND due_on < ?1 THEN due_on END) AS oldest
                FROM cases WHERE id IN (SELECT case_id FROM case_reasons WHERE period = ?2)
                GROUP BY route, agency, state ORDER BY route, agency, state
                """, arguments: [today.description, period.description]
        ).map { row in
            CaseTally(
                route: row["route"], agency: row["agency"], state: row["state"], count: row["n"],
                overdue: row["overdue"], oldestOverdue: (row["oldest"] as String?).flatMap { LocalDate(iso: $0) })
        }
    }

    /// Cases with a reason in the period, by reason (a case may have several).
    public func caseReasonCounts(_ period: Period) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT reason, COUNT(DISTINCT case_id) AS n FROM case_reasons WHERE period = ? GROUP BY reason",
            arguments: [period.description])
        {
            counts[row["reason"]] = row["n"]
        }
        return counts
    }

    /// The tracked periods (not purged), oldest first.
    public func trackedPeriods() throws -> [Period] {
        try String.fetchAll(db, sql: "SELECT period FROM periods WHERE state != 'purged' ORDER BY period")
            .compactMap { Period($0) }
    }
}
