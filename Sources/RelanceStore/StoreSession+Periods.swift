import GRDB
public import RelanceCore

/// Outcome counts recorded when a period closes in a territory.
public struct ClosingCounts: Sendable, Equatable {
    public var declared = 0
    public var missed = 0
    public var journalMissing = 0
    /// Cases opened by the escalation that follows the outcomes.
    public var casesOpened = 0

    /// Counts of members: declared (in time or recorded late), missed, declared with a missing
    /// journal; and the cases opened.
    public init(declared: Int = 0, missed: Int = 0, journalMissing: Int = 0, casesOpened: Int = 0) {
        self.declared = declared
        self.missed = missed
        self.journalMissing = journalMissing
        self.casesOpened = casesOpened
    }
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

    /// Sets a period's state, and when it opened or closed.
    public func setPeriodState(_ period: Period, _ state: PeriodState, at now: Instant) throws {
        try db.execute(
            sql: """
                UPDATE periods SET state = ?1,
                    opened_at = CASE WHEN ?1 = 'open' THEN ?2 ELSE opened_at END,
                    closed_at = CASE WHEN ?1 = 'closed' THEN ?2 ELSE closed_at END
                WHERE period = ?3
                """, arguments: [state.rawValue, now.seconds, period.description])
    }

    /// The state of a tracked period, or nil.
    public func periodState(_ period: Period) throws -> PeriodState? {
        try String.fetchOne(db, sql: "SELECT state FROM periods WHERE period = ?", arguments: [period.description])
            .flatMap(PeriodState.init(rawValue:))
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

    /// Starts opening a period's window in some territories: records them (not yet opened).
    /// ``openTerritories(_:_:chunk:openingDay:)`` then adds their members chunk by chunk, and
    /// ``finishOpening(_:_:now:)`` records them opened with the last chunk.
    public func startOpening(_ period: Period, _ territories: [(territory: Territory, closingAt: Instant)]) throws {
        for (territory, closingAt) in territories {
            try db.execute(
                sql: "INSERT OR IGNORE INTO period_territories (period, territory, closing_at) VALUES (?, ?, ?)",
                arguments: [period.description, territory.key, closingAt.seconds])
        }
    }

    /// Adds as members of a period, in some territories, every active jobseeker of `chunk`
    /// registered on or before the opening day (one pass over that range of the jobseekers,
    /// whatever the number of territories). Members that exist are kept, so a chunk added twice
    /// (a tick killed before the opening was recorded) is added once. Returns the members added.
    public func openTerritories(_ period: Period, _ territories: [Territory], chunk: MemberChunk, openingDay: LocalDate)
        throws -> Int
    {
        try addMembers(period, territories, openingDay: openingDay, since: .chunk(chunk))
    }

    /// Records some territories opened, once their last chunk of members is added.
    public func finishOpening(_ period: Period, _ territories: [Territory], now: Instant) throws {
        try db.execute(
            sql: """
                UPDATE period_territories SET opened_at = ?
                WHERE period = ? AND territory IN (SELECT value FROM json_each(?))
                """, arguments: [now.seconds, period.description, territories.jsonKeys])
    }

    /// Adds the jobseekers imported or changed since the last call to the territories where a
    /// period is open; call it before opening new territories. Returns the number of members added.
    public func syncMembers(_ period: Period, openingDay: LocalDate, openTerritories: [Territory]) throws -> Int {
        let since =
            try Int.fetchOne(
                db, sql: "SELECT members_revision FROM periods WHERE period = ?", arguments: [period.description]) ?? 0
        let latest = try Int(meta("jobseekers_revision") ?? "0") ?? 0
        guard latest > since else { return 0 }
        let added = try addMembers(period, openTerritories, openingDay: openingDay, since: .revision(since))
        try db.execute(
            sql: "UPDATE periods SET members_revision = ? WHERE period = ?", arguments: [latest, period.description])
        return added
    }

    /// Which jobseekers ``addMembers(_:_:openingDay:since:)`` reads.
    private enum MemberSource {
        /// A range of the table's primary key (an opening).
        case chunk(MemberChunk)
        /// Those changed after a revision, through the revision index.
        case revision(Int)
    }

    /// Adds the eligible jobseekers of some territories as members: a range of the jobseekers, or
    /// only those changed after a revision.
    private func addMembers(_ period: Period, _ territories: [Territory], openingDay: LocalDate, since: MemberSource)
        throws -> Int
    {
        guard !territories.isEmpty else { return 0 }
        var arguments: StatementArguments = [
            "period": period.description, "territories": territories.jsonKeys, "opening": openingDay.description,
        ]
        let selection: String
        switch since {
        case .chunk(let chunk):
            _ = arguments.append(contentsOf: ["after": chunk.bounds.after, "through": chunk.bounds.through])
            selection = MemberChunk.condition("j.id")
        case .revision(let revision):
            _ = arguments.append(contentsOf: ["revision": revision])
            selection = "j.revision > :revision"
        }
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO members (period, jobseeker_id, territory, active, department, journal_required,
                    declared_at, acts_count)
                SELECT :period, j.id, j.territory, 1, j.department, j.journal_required, d.declared_at, d.acts_count
                FROM jobseekers j LEFT JOIN declarations d ON d.jobseeker_id = j.id AND d.period = :period
                WHERE \(selection) AND j.territory IN (SELECT value FROM json_each(:territories))
                    AND j.status = 'active' AND j.registered_on <= :opening
                """, arguments: arguments)
        return db.changesCount
    }

    /// Closes a period in some territories for the members of `chunk` (see
    /// ``memberChunk(_:after:size:)``) and escalates them (SPEC section 4): records each member's
    /// outcome and journal and the streaks of each escalation condition, then opens or extends the
    /// cases the first matching rule of `policy` calls for, each territory's cases opened and due
    /// on the days of its `places` entry. ``finishClosing(_:_:now:)`` records the territories
    /// closed once the last chunk is.
    public func closeAndEscalate(
        _ period: Period, _ places: [EscalationPlace], chunk: MemberChunk, journal: JournalQuery,
        policy: EscalationPolicy, now: Instant
    ) throws -> ClosingCounts {
        var counts = try recordOutcomes(period, places.map(\.territory), chunk: chunk, journal: journal)
        counts.casesOpened = try escalate(period, in: places, policy: policy, now: now)
        return counts
    }

    /// Records the outcomes, journals and streaks of the members of `chunk` in one pass over
    /// those members that reads nothing but their rows (the facts copied on them, see
    /// `Schema.memberFacts`; the previous period is read only for the members whose condition
    /// holds).
    ///
    /// Leaves in `temp.closed_members` the members just closed that have a streak or no outcome
    /// (about one in ten): the counts come from it, and ``escalate(_:in:policy:now:)`` reads it
    /// instead of all the members again, and drops it.
    private func recordOutcomes(
        _ period: Period, _ territories: [Territory], chunk: MemberChunk, journal: JournalQuery
    ) throws -> ClosingCounts {
        try db.execute(
            sql: """
                DROP TABLE IF EXISTS temp.closed_members;
                CREATE TEMP TABLE closed_members (jobseeker_id TEXT, territory TEXT, outcome TEXT, journal TEXT,
                    missed_streak INTEGER, journal_streak INTEGER, unreachable_streak INTEGER);
                """)
        guard !territories.isEmpty else { return ClosingCounts() }
        var arguments = journal.arguments
        _ = arguments.append(contentsOf: [
            "period": period.description, "territories": territories.jsonKeys,
            "previous": period.previous.description, "after": chunk.bounds.after,
            "through": chunk.bounds.through,
        ])
        // The territories and their closing instants as bound values of the statement, grouped by
        // instant in the order of `territories` (metropolitan France first): a list and a CASE cost
        // next to nothing per member, where a `json_each` subquery in the WHERE clause makes SQLite
        // collect every key before updating, and a join reads period_territories once per member.
        let closingAt = Dictionary(
            try Row.fetchAll(
                db,
                sql: """
                    SELECT territory, closing_at FROM period_territories
                    WHERE period = :period AND territory IN (SELECT value FROM json_each(:territories))
                    """, arguments: arguments
            ).map { ($0["territory"] as String, $0["closing_at"] as Int64) }, uniquingKeysWith: { first, _ in first })
        var groups: [(closingAt: Int64, territories: [String])] = []
        for territory in territories.map(\.key) {
            guard let instant = closingAt[territory] else { continue }
            if let index = groups.firstIndex(where: { $0.closingAt == instant }) {
                groups[index].territories.append(territory)
            } else {
                groups.append((instant, [territory]))
            }
        }
        guard let earliest = groups.map(\.closingAt).min(), let latest = groups.map(\.closingAt).max() else {
            return ClosingCounts()
        }
        var lists: [String] = []
        for (index, group) in groups.enumerated() {
            lists.append(group.territories.indices.map { ":territory\(index)_\($0)" }.joined(separator: ", "))
            _ = arguments.append(contentsOf: ["closing\(index)": group.closingAt])
            for (position, territory) in group.territories.enumerated() {
                _ = arguments.append(contentsOf: ["territory\(index)_\(position)": territory])
            }
        }
        _ = arguments.append(contentsOf: ["earliest": earliest, "latest": latest])
        // In time: before the closing instant of the member's territory. Most declarations are
        // before the earliest of the instants, or none is: the territory is looked at only for the
        // few made between the earliest and the latest (the same value, NULL without declaration).
        let inTime =
            groups.count == 1
            ? "declared_at < :closing0"
            : "(declared_at < :earliest OR (declared_at < :latest AND declared_at < CASE "
                + lists.indices.map { "WHEN territory IN (\(lists[$0])) THEN :closing\($0)" }.joined(separator: " ")
                + " END))"
        let journalState = journal.state(
            required: "journal_required", department: "department", period: "period", acts: "acts_count")
        let required = journal.required("journal_required", department: "department", period: "period")
        let territoryList = lists.joined(separator: ", ")
        // The cheap tests first: most members are active, declared in time with enough acts.
        // OR IGNORE: no constraint of members can fail here (the key is not set, and the streaks
        // are never NULL); without it SQLite keeps a statement journal in case one did, a copy in a
        // temporary file of every page the statement changes (nearly 100 MB at 1,000,000 members).
        try db.execute(
            sql: """
                UPDATE OR IGNORE members SET (outcome, journal, missed_streak, journal_streak, unreachable_streak) = (
                    CASE WHEN active THEN (CASE WHEN \(inTime) THEN 'declared' ELSE 'missed' END) END,
                    CASE WHEN active AND \(inTime) THEN \(journalState) END,
                    CASE WHEN NOT active OR \(inTime) THEN 0 ELSE 1 + \(Self.previousStreak("missed_streak")) END,
                    CASE WHEN active AND acts_count < :min_acts AND \(required) AND \(inTime)
                        THEN 1 + \(Self.previousStreak("journal_streak")) ELSE 0 END,
                    CASE WHEN unreachable = 1 AND active THEN 1 + \(Self.previousStreak("unreachable_streak")) ELSE 0 END)
                WHERE period = :period AND \(MemberChunk.condition("members.jobseeker_id")) AND territory IN (\(territoryList))
                """, arguments: arguments)
        let closed = db.changesCount
        // Every missed member has a missed streak, every member whose journal is missing a journal
        // streak, and the members without outcome (not active) are kept too: the counts follow.
        try db.execute(
            sql: """
                INSERT INTO temp.closed_members
                SELECT jobseeker_id, territory, outcome, journal, missed_streak, journal_streak, unreachable_streak
                FROM members WHERE period = :period AND \(MemberChunk.condition("members.jobseeker_id")) AND territory IN (\(territoryList))
                    AND (missed_streak > 0 OR journal_streak > 0 OR unreachable_streak > 0 OR outcome IS NULL)
                """, arguments: arguments)
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT COUNT(*) FILTER (WHERE outcome = 'missed') AS missed,
                    COUNT(*) FILTER (WHERE outcome IS NULL) AS unset,
                    COUNT(*) FILTER (WHERE journal = 'missing') AS journal_missing
                FROM temp.closed_members
                """)
        let missed: Int = row?["missed"] ?? 0
        let unset: Int = row?["unset"] ?? 0
        return ClosingCounts(
            declared: closed - unset - missed, missed: missed, journalMissing: row?["journal_missing"] ?? 0)
    }

    /// SQL for a streak column of the same member in the previous period (0 when not a member then).
    private static func previousStreak(_ column: String) -> String {
        """
        COALESCE((SELECT previous.\(column) FROM members AS previous
            WHERE previous.period = :previous AND previous.jobseeker_id = members.jobseeker_id), 0)
        """
    }

    /// Marks a member unreachable for a period (no channel left for a reminder).
    public func markUnreachable(jobseeker: String, period: Period) throws {
        try db.cachedStatement(sql: "UPDATE members SET unreachable = 1 WHERE period = ? AND jobseeker_id = ?")
            .execute(arguments: [period.description, jobseeker])
    }
}
