import GRDB
public import RelanceCore

extension StoreSession {
    /// Records a declaration (the earliest `declared_at` counts) and its acts; duplicate acts are ignored.
    ///
    /// - Returns: whether anything changed.
    @discardableResult
    public func recordDeclaration(
        jobseeker: String, period: Period, declaredAt: Instant, acts: [Act], recordedAt: Instant
    ) throws -> Bool {
        try db.cachedStatement(
            sql: """
                INSERT INTO declarations (jobseeker_id, period, declared_at, recorded_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT(jobseeker_id, period) DO UPDATE SET declared_at = ?3
                WHERE ?3 < declarations.declared_at
                """
        ).execute(arguments: [jobseeker, period.description, declaredAt.seconds, recordedAt.seconds])
        var changed = db.changesCount > 0
        for act in acts {
            try db.cachedStatement(
                sql: """
                    INSERT OR IGNORE INTO acts (jobseeker_id, period, act_date, act_type, act_label)
                    VALUES (?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [jobseeker, period.description, act.date.description, act.kind.rawValue, act.label])
            if db.changesCount > 0 {
                changed = true
                try db.cachedStatement(
                    sql: """
                        UPDATE declarations SET acts_count = acts_count + 1 WHERE jobseeker_id = ? AND period = ?
                        """
                ).execute(arguments: [jobseeker, period.description])
            }
        }
        return changed
    }

    /// Settles closed periods after declarations arrived: a `missed` outcome becomes `late`
    /// (or `declared` when the declaration was made in time but recorded late), and an open
    /// case whose only reasons were such missed periods is resolved (`declared_late`). With
    /// `only`, the one member a single declaration can change (the HTTP interface: a lookup by
    /// key, where an import reads every missed member).
    ///
    /// - Returns: the number of outcomes changed and of cases resolved.
    public func settleLateDeclarations(
        journal: JournalQuery, now: Instant, only: (jobseeker: String, period: Period)? = nil
    ) throws -> (outcomes: Int, cases: Int) {
        var arguments = journal.arguments
        _ = arguments.append(contentsOf: [
            "now": now.seconds, "jobseeker": only?.jobseeker, "period": only?.period.description,
        ])
        try db.execute(
            sql: """
                UPDATE members SET
                    outcome = CASE WHEN d.declared_at < pt.closing_at THEN 'declared' ELSE 'late' END,
                    journal = \(Self.journalExpression(journal)), missed_streak = 0
                FROM declarations d, period_territories pt, jobseekers j
                WHERE members.outcome = 'missed' AND d.jobseeker_id = members.jobseeker_id
                    AND d.period = members.period AND pt.period = members.period
                    AND pt.territory = members.territory AND j.id = members.jobseeker_id
                    \(only == nil ? "" : "AND members.period = :period AND members.jobseeker_id = :jobseeker")
                """, arguments: arguments)
        let outcomes = db.changesCount
        guard outcomes > 0 else { return (0, 0) }
        try db.execute(
            sql: """
                UPDATE cases SET state = 'resolved', resolution = 'declared_late', updated_at = :now,
                    updated_by = 'relance'
                WHERE state IN ('open', 'contacted') \(only == nil ? "" : "AND jobseeker_id = :jobseeker")
                    AND EXISTS (SELECT 1 FROM case_reasons r WHERE r.case_id = cases.id)
                    AND NOT EXISTS (
                        SELECT 1 FROM case_reasons r
                        LEFT JOIN members m ON m.jobseeker_id = cases.jobseeker_id AND m.period = r.period
                        WHERE r.case_id = cases.id AND (r.reason != 'missed' OR m.outcome IS 'missed'))
                """, arguments: arguments)
        return (outcomes, db.changesCount)
    }

    /// SQL for a declared member's journal state, with `j` the jobseeker and `d` the declaration.
    static func journalExpression(_ journal: JournalQuery) -> String {
        journal.state(required: "j.journal_required", department: "j.department", acts: "d.acts_count")
    }
}

extension JournalQuery {
    /// The values of the parameters of ``state(required:department:acts:)``: `:min_acts`, and
    /// `:required_department0`, `:required_department1`... for the departments where the journal
    /// is required.
    var arguments: StatementArguments {
        var arguments: StatementArguments = ["min_acts": minActs]
        for (index, department) in requiredDepartments.enumerated() {
            _ = arguments.append(contentsOf: ["required_department\(index)": department])
        }
        return arguments
    }

    /// SQL telling whether the journal is required of a jobseeker, given the columns for the
    /// jobseeker's own `journal_required` (NULL: decided by the department) and `department`.
    /// The departments are a list of bound values: SQLite looks a value up in it at a fraction of
    /// the cost of building a string for each row (`'|' || department || '|'`) to search.
    func required(_ required: String, department: String) -> String {
        let list = requiredDepartments.indices.map { ":required_department\($0)" }.joined(separator: ", ")
        return "COALESCE(\(required), \(department) IN (\(list)))"
    }

    /// SQL for a declared member's journal state (`complete`, `missing` or `not_required`), given
    /// the columns for the jobseeker's `journal_required` and `department` and the declaration's
    /// `acts_count`.
    func state(required: String, department: String, acts: String) -> String {
        """
        CASE WHEN \(self.required(required, department: department))
            THEN (CASE WHEN \(acts) >= :min_acts THEN 'complete' ELSE 'missing' END)
            ELSE 'not_required' END
        """
    }
}
