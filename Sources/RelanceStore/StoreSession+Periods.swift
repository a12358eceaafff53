import GRDB
public import RelanceCore

/// Outcome counts recorded when a period closes in a territory.
public struct ClosingCounts: Sendable, Equatable {
    public var declared = 0
    public var missed = 0
    public var journalMissing = 0
}

extension StoreSession {
    /// The periods not yet finished, oldest first.
    public func activePeriods() throws -> [Period] {
        try String.fetchAll(db, sql: "SELECT period FROM periods WHERE state != 'finished' ORDER BY period")
            .compactMap { Period($0) }
    }

    /// The latest period relance has tracked, if any.
    public func latestPeriod() throws -> Period? {
        try String.fetchOne(db, sql: "SELECT MAX(period) FROM periods").flatMap { Period($0) }
    }

    /// Starts tracking a period (state `upcoming`); does nothing when already tracked.
    public func trackPeriod(_ period: Period) throws {
        try db.execute(
            sql: "INSERT OR IGNORE INTO periods (period, state) VALUES (?, 'upcoming')", arguments: [period.description]
        )
    }

    /// Sets a period's state: `upcoming`, `open`, `closed` or `finished`.
    public func setPeriodState(_ period: Period, _ state: String, at now: Instant) throws {
        try db.execute(
            sql: """
                UPDATE periods SET state = ?1,
                    opened_at = CASE WHEN ?1 = 'open' THEN ?2 ELSE opened_at END,
                    closed_at = CASE WHEN ?1 = 'closed' THEN ?2 ELSE closed_at END
                WHERE period = ?3
                """, arguments: [state, now.seconds, period.description])
    }

    /// The state of a tracked period, or nil.
    public func periodState(_ period: Period) throws -> String? {
        try String.fetchOne(db, sql: "SELECT state FROM periods WHERE period = ?", arguments: [period.description])
    }

    /// When the period opened and closed in a territory (nil while not done).
    public func territoryProgress(_ period: Period, _ territory: Territory) throws -> (opened: Bool, closed: Bool) {
        let row = try Row.fetchOne(
            db, sql: "SELECT opened_at, closed_at FROM period_territories WHERE period = ? AND territory = ?",
            arguments: [period.description, territory.key])
        return (row?["opened_at"] as Int64? != nil, row?["closed_at"] as Int64? != nil)
    }

    /// Records that a period's window had closed in a territory before relance was deployed: it is
    /// closed there without ever being opened, so it has no members, outcomes or cases.
    public func recordClosedBeforeDeployment(_ period: Period, _ territory: Territory, closingAt: Instant, now: Instant)
        throws
    {
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO period_territories (period, territory, closing_at, closed_at)
                VALUES (?, ?, ?, ?)
                """, arguments: [period.description, territory.key, closingAt.seconds, now.seconds])
    }

    /// Opens a period's window in a territory: every active jobseeker registered on or before
    /// the opening day becomes a member. Returns the number of members added.
    public func openTerritory(
        _ period: Period, _ territory: Territory, openingDay: LocalDate, closingAt: Instant, now: Instant
    ) throws -> Int {
        try db.execute(
            sql: """
                INSERT INTO period_territories (period, territory, closing_at, opened_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT(period, territory) DO UPDATE SET opened_at = ?4
                """, arguments: [period.description, territory.key, closingAt.seconds, now.seconds])
        let added = try addMembers(period, territory, openingDay: openingDay, sinceRevision: nil)
        try db.execute(
            sql: "UPDATE periods SET members_revision = ? WHERE period = ?",
            arguments: [try Int(meta("jobseekers_revision") ?? "0") ?? 0, period.description])
        return added
    }

    /// Adds the jobseekers imported or changed since the last call to the territories where a
    /// period is open; call it before opening new territories. Returns the number of members added.
    public func syncMembers(_ period: Period, openingDay: LocalDate, openTerritories: [Territory]) throws -> Int {
        let since =
            try Int.fetchOne(
                db, sql: "SELECT members_revision FROM periods WHERE period = ?", arguments: [period.description]) ?? 0
        let latest = try Int(meta("jobseekers_revision") ?? "0") ?? 0
        guard latest > since else { return 0 }
        var added = 0
        for territory in openTerritories {
            added += try addMembers(period, territory, openingDay: openingDay, sinceRevision: since)
        }
        try db.execute(
            sql: "UPDATE periods SET members_revision = ? WHERE period = ?", arguments: [latest, period.description])
        return added
    }

    private func addMembers(_ period: Period, _ territory: Territory, openingDay: LocalDate, sinceRevision: Int?)
        throws -> Int
    {
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO members (period, jobseeker_id, territory)
                SELECT ?1, id, territory FROM jobseekers
                WHERE territory = ?2 AND status = 'active' AND registered_on <= ?3 AND revision > ?4
                """,
            arguments: [period.description, territory.key, openingDay.description, sinceRevision ?? -1])
        return db.changesCount
    }

    /// Closes a period in a territory: records each member's outcome and journal, and the
    /// streaks of each escalation condition (SPEC section 4).
    public func closeTerritory(
        _ period: Period, _ territory: Territory, closingAt: Instant, journal: JournalQuery, now: Instant
    ) throws -> ClosingCounts {
        var arguments = journal.arguments
        _ = arguments.append(contentsOf: [
            "period": period.description, "territory": territory.key, "closing": closingAt.seconds,
            "previous": period.previous.description,
        ])
        try db.execute(
            sql: """
                UPDATE members SET
                    outcome = CASE WHEN j.status != 'active' THEN NULL
                        WHEN d.declared_at < :closing THEN 'declared' ELSE 'missed' END,
                    journal = CASE WHEN j.status = 'active' AND d.declared_at < :closing
                        THEN \(Self.journalExpression) END
                FROM jobseekers j LEFT JOIN declarations d ON d.jobseeker_id = j.id AND d.period = :period
                WHERE members.period = :period AND members.territory = :territory AND j.id = members.jobseeker_id
                """, arguments: arguments)
        try db.execute(
            sql: """
                UPDATE members SET
                    missed_streak = CASE WHEN members.outcome = 'missed' THEN 1 + COALESCE(p.missed_streak, 0)
                        ELSE 0 END,
                    journal_streak = CASE WHEN members.journal = 'missing' THEN 1 + COALESCE(p.journal_streak, 0)
                        ELSE 0 END,
                    unreachable_streak = CASE WHEN members.unreachable = 1 AND members.outcome IS NOT NULL
                        THEN 1 + COALESCE(p.unreachable_streak, 0) ELSE 0 END
                FROM (SELECT m.jobseeker_id AS jid, prev.missed_streak, prev.journal_streak, prev.unreachable_streak
                      FROM members m LEFT JOIN members prev
                          ON prev.period = :previous AND prev.jobseeker_id = m.jobseeker_id
                      WHERE m.period = :period AND m.territory = :territory
                          AND (m.outcome = 'missed' OR m.journal = 'missing' OR m.unreachable = 1)) AS p
                WHERE members.period = :period AND members.jobseeker_id = p.jid
                """, arguments: arguments)
        try db.execute(
            sql: "UPDATE period_territories SET closed_at = ? WHERE period = ? AND territory = ?",
            arguments: [now.seconds, period.description, territory.key])
        var counts = ClosingCounts()
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT outcome, journal, COUNT(*) AS n FROM members
                WHERE period = ? AND territory = ? AND outcome IS NOT NULL GROUP BY outcome, journal
                """, arguments: [period.description, territory.key])
        for row in rows {
            let n: Int = row["n"]
            if (row["outcome"] as String?) == "missed" { counts.missed += n } else { counts.declared += n }
            if (row["journal"] as String?) == "missing" { counts.journalMissing += n }
        }
        return counts
    }

    /// Marks a member unreachable for a period (no channel left for a reminder).
    public func markUnreachable(jobseeker: String, period: Period) throws {
        try db.cachedStatement(sql: "UPDATE members SET unreachable = 1 WHERE period = ? AND jobseeker_id = ?")
            .execute(arguments: [period.description, jobseeker])
    }
}
