import GRDB
public import RelanceCore

/// Where and when the cases of a territory that just closed are opened and due.
public struct EscalationPlace: Sendable {
    public var territory: Territory
    /// The local day the cases are opened on.
    public var openedOn: LocalDate
    /// The local day the advisor must have acted by (SLA in business days).
    public var dueOn: LocalDate

    public init(territory: Territory, openedOn: LocalDate, dueOn: LocalDate) {
        self.territory = territory
        self.openedOn = openedOn
        self.dueOn = dueOn
    }
}

extension StoreSession {
    /// Opens or extends the cases of the members of territories that just closed (SPEC section 4):
    /// the first rule of `policy` that matches a member's streaks opens a case, or adds its reason
    /// to the member's open case and raises its route. Set-based: a handful of statements
    /// whatever the number of members. Reads the members that ``recordOutcomes(_:_:chunk:journal:)``
    /// left in `temp.closed_members` (all those with a streak), and drops that table.
    ///
    /// - Returns: the number of cases opened.
    func escalate(_ period: Period, in places: [EscalationPlace], policy: EscalationPolicy, now: Instant)
        throws -> Int
    {
        guard !places.isEmpty else {
            try db.execute(sql: "DROP TABLE IF EXISTS temp.closed_members")
            return 0
        }
        try fillDecisions(policy)
        try db.execute(
            sql: "CREATE TEMP TABLE escalation_places (territory TEXT PRIMARY KEY, opened_on TEXT, due_on TEXT)")
        try db.execute(
            sql: "INSERT INTO escalation_places SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)",
            arguments: [
                JSON.array(
                    places.map {
                        .array([.string($0.territory.key), .string("\($0.openedOn)"), .string("\($0.dueOn)")])
                    }
                ).serialized
            ])
        let cap = Self.streakCap(policy)
        try db.execute(
            sql: """
                CREATE TEMP TABLE escalation AS
                SELECT m.jobseeker_id, x.rule_id, x.condition, x.route, p.opened_on, p.due_on,
                    (SELECT a.id FROM advisors a WHERE a.id = j.advisor) AS advisor, j.agency,
                    c.id AS case_id, c.route AS case_route
                FROM temp.closed_members m
                CROSS JOIN escalation_places p ON p.territory = m.territory
                CROSS JOIN escalation_decisions x ON x.missed = min(m.missed_streak, ?1)
                    AND x.journal = min(m.journal_streak, ?1) AND x.unreachable = min(m.unreachable_streak, ?1)
                CROSS JOIN jobseekers j ON j.id = m.jobseeker_id
                LEFT JOIN cases c ON c.jobseeker_id = m.jobseeker_id AND c.state IN ('open', 'contacted')
                WHERE j.status = 'active'
                    AND (m.missed_streak > 0 OR m.journal_streak > 0 OR m.unreachable_streak > 0)
                """, arguments: [cap])
        try db.execute(
            sql: """
                INSERT INTO cases (jobseeker_id, route, state, advisor, agency, opened_on, due_on, opened_at, updated_at)
                SELECT jobseeker_id, route, 'open', advisor, agency, opened_on, due_on, ?1, ?1
                FROM escalation WHERE case_id IS NULL ORDER BY jobseeker_id
                """, arguments: [now.seconds])
        let opened = db.changesCount
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO case_reasons (case_id, period, reason, rule_id)
                SELECT c.id, ?, e.condition, e.rule_id FROM escalation e
                JOIN cases c ON c.jobseeker_id = e.jobseeker_id AND c.state IN ('open', 'contacted')
                """, arguments: [period.description])
        // Routes are ordered phone < agency: the only raise there is.
        try db.execute(
            sql: """
                UPDATE cases SET route = 'agency', updated_at = ?, updated_by = 'relance'
                WHERE id IN (SELECT case_id FROM escalation WHERE route = 'agency' AND case_route = 'phone')
                """, arguments: [now.seconds])
        try db.execute(
            sql: """
                DROP TABLE temp.escalation; DROP TABLE temp.escalation_places; DROP TABLE temp.escalation_decisions;
                DROP TABLE temp.closed_members;
                """)
        return opened
    }

    /// Streaks at or above this value all decide alike: the longest streak a rule asks for.
    private static func streakCap(_ policy: EscalationPolicy) -> Int {
        policy.rules.map { max($0.streak, 1) }.max() ?? 1
    }

    /// Tabulates the policy's decision (``EscalationPolicy/firstMatch(_:)``) for every combination
    /// of streaks up to the cap, so that SQL applies exactly the rule the policy states.
    private func fillDecisions(_ policy: EscalationPolicy) throws {
        let cap = Self.streakCap(policy)
        var decisions: [JSON] = []
        for missed in 0...cap {
            for journal in 0...cap {
                for unreachable in 0...cap {
                    let streaks = Streaks(missed: missed, journalMissing: journal, unreachable: unreachable)
                    guard let rule = policy.firstMatch(streaks) else { continue }
                    decisions.append(
                        .array([
                            .int(missed), .int(journal), .int(unreachable), .string(rule.id),
                            .string(rule.condition.rawValue), .string(rule.route.rawValue),
                        ]))
                }
            }
        }
        try db.execute(
            sql: """
                CREATE TEMP TABLE escalation_decisions (missed INTEGER, journal INTEGER, unreachable INTEGER,
                    rule_id TEXT, condition TEXT, route TEXT, PRIMARY KEY (missed, journal, unreachable)) WITHOUT ROWID
                """)
        try db.execute(
            sql: """
                INSERT INTO escalation_decisions
                SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 FROM json_each(?)
                """, arguments: [JSON.array(decisions).serialized])
    }
}
