import GRDB
public import RelanceCore

/// One step to plan for the members of one territory.
public struct ReminderPlan: Sendable {
    public var territory: Territory
    public var step: Step
    public var dueAt: Instant
    public var expiresAt: Instant
    /// Created `pending`, or `expired` when a later step superseded it or its relevance ended.
    public var isPending: Bool

    public init(territory: Territory, step: Step, dueAt: Instant, expiresAt: Instant, isPending: Bool) {
        self.territory = territory
        self.step = step
        self.dueAt = dueAt
        self.expiresAt = expiresAt
        self.isPending = isPending
    }
}

extension StoreSession {
    /// Creates the reminders of some steps for the eligible members of their territories
    /// (`only_if`) in `chunk` (see ``memberChunk(_:after:size:)``), in one pass over those members.
    /// Reminders that exist are left as they are, so a chunk created twice (a tick killed before
    /// ``recordPlans(_:_:membersRevision:now:)``) is created once.
    public func planReminders(
        _ period: Period, _ plans: [ReminderPlan], chunk: MemberChunk, journal: JournalQuery, now: Instant
    ) throws {
        guard !plans.isEmpty else { return }
        try insertReminders(period, plans, chunk: chunk, journal: journal, now: now)
    }

    /// Records each plan as done at `membersRevision`, once all its chunks are.
    public func recordPlans(_ period: Period, _ plans: [ReminderPlan], membersRevision: Int, now: Instant) throws {
        for plan in plans {
            try db.execute(
                sql: """
                    INSERT INTO step_plans (period, step, territory, planned_at, members_revision)
                    VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE SET members_revision = ?5
                    """,
                arguments: [period.description, plan.step.id, plan.territory.key, now.seconds, membersRevision])
        }
    }

    /// How many reminders of a period are expired among the steps of the plans created expired
    /// (a count over an index range).
    public func expiredCount(_ period: Period, of plans: [ReminderPlan]) throws -> Int {
        let steps = Array(Set(plans.filter { !$0.isPending }.map(\.step.id))).jsonArray
        return try Int.fetchOne(
            db,
            sql: """
                SELECT COUNT(*) FROM reminders
                WHERE period = ? AND step IN (SELECT value FROM json_each(?)) AND state = 'expired'
                """, arguments: [period.description, steps]) ?? 0
    }

    private func insertReminders(
        _ period: Period, _ plans: [ReminderPlan], chunk: MemberChunk, journal: JournalQuery, now: Instant
    ) throws {
        try db.execute(
            sql: """
                CREATE TEMP TABLE reminder_plans (territory TEXT, step TEXT, only_if TEXT, state TEXT, due_at INTEGER,
                    expires_at INTEGER, PRIMARY KEY (territory, step)) WITHOUT ROWID
                """)
        let rows = plans.map { plan -> JSON in
            .array([
                .string(plan.territory.key), .string(plan.step.id), .string(plan.step.onlyIf.rawValue),
                .string(plan.isPending ? "pending" : "expired"), .int(Int(plan.dueAt.seconds)),
                .int(Int(plan.expiresAt.seconds)),
            ])
        }
        try db.execute(
            sql: """
                INSERT INTO reminder_plans
                SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 FROM json_each(?)
                """, arguments: [JSON.array(rows).serialized])
        var arguments = journal.arguments
        _ = arguments.append(contentsOf: [
            "period": period.description, "now": now.seconds, "after": chunk.bounds.after,
            "through": chunk.bounds.through,
        ])
        try db.execute(
            sql: """
                INSERT INTO reminders (jobseeker_id, period, step, state, due_at, expires_at, next_attempt_at,
                    updated_at)
                SELECT m.jobseeker_id, :period, p.step, p.state, p.due_at, p.expires_at, p.due_at, :now
                FROM members m
                CROSS JOIN jobseekers j ON j.id = m.jobseeker_id
                LEFT JOIN declarations d ON d.jobseeker_id = m.jobseeker_id AND d.period = m.period
                CROSS JOIN reminder_plans p ON p.territory = m.territory
                WHERE m.period = :period AND \(MemberChunk.condition("m.jobseeker_id"))
                    AND m.territory IN (SELECT territory FROM reminder_plans)
                    AND j.status = 'active' AND CASE p.only_if
                    WHEN 'not_declared' THEN d.jobseeker_id IS NULL
                    WHEN 'journal_missing' THEN d.jobseeker_id IS NOT NULL AND \(Self.journalExpression(journal, member: "m")) = 'missing'
                    WHEN 'missed' THEN m.outcome = 'missed'
                    ELSE 1 END
                ON CONFLICT DO NOTHING
                """, arguments: arguments)
        try db.execute(sql: "DROP TABLE temp.reminder_plans")
    }

    /// Expires the pending reminders of steps superseded in a territory by a later step with the
    /// same condition. Reads only the pending reminders of those steps.
    public func expireSuperseded(_ period: Period, _ superseded: [(territory: Territory, step: String)], now: Instant)
        throws -> Int
    {
        guard !superseded.isEmpty else { return 0 }
        let pairs = JSON.array(superseded.map { .array([.string($0.territory.key), .string($0.step)]) }).serialized
        try db.execute(
            sql: """
                UPDATE reminders SET state = 'expired', last_error = 'superseded by a later step', updated_at = :now
                WHERE period = :period AND state = 'pending'
                    AND step IN (SELECT value ->> 1 FROM json_each(:pairs))
                    AND EXISTS (
                        SELECT 1 FROM json_each(:pairs) AS pair
                        JOIN members m ON m.period = reminders.period AND m.jobseeker_id = reminders.jobseeker_id
                        WHERE pair.value ->> 1 = reminders.step AND pair.value ->> 0 = m.territory)
                """, arguments: ["now": now.seconds, "period": period.description, "pairs": pairs])
        return db.changesCount
    }
}
