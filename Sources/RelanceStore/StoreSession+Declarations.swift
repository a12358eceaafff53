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
        if let only, try !isMissed(jobseeker: only.jobseeker, period: only.period) { return (0, 0) }
        var arguments = journal.arguments
        _ = arguments.append(contentsOf: [
            "now": now.seconds, "jobseeker": only?.jobseeker, "period": only?.period.description,
        ])
        // Cached: the HTTP interface runs these for each late declaration, and preparing them
        // costs more than running them.
        try db.cachedStatement(
            sql: """
                UPDATE members SET
                    outcome = CASE WHEN d.declared_at < pt.closing_at THEN 'declared' ELSE 'late' END,
                    journal = \(Self.journalExpression(journal)), missed_streak = 0
                FROM declarations d, period_territories pt, jobseekers j
                WHERE members.outcome = 'missed' AND d.jobseeker_id = members.jobseeker_id
                    AND d.period = members.period AND pt.period = members.period
                    AND pt.territory = members.territory AND j.id = members.jobseeker_id
                    \(only == nil ? "" : "AND members.period = :period AND members.jobseeker_id = :jobseeker")
                """
        ).execute(arguments: arguments)
        let outcomes = db.changesCount
        guard outcomes > 0 else { return (0, 0) }
        try db.cachedStatement(
            sql: """
                UPDATE cases SET state = 'resolved', resolution = 'declared_late', updated_at = :now,
                    updated_by = 'relance'
                WHERE state IN ('open', 'contacted') \(only == nil ? "" : "AND jobseeker_id = :jobseeker")
                    AND EXISTS (SELECT 1 FROM case_reasons r WHERE r.case_id = cases.id)
                    AND NOT EXISTS (
                        SELECT 1 FROM case_reasons r
                        LEFT JOIN members m ON m.jobseeker_id = cases.jobseeker_id AND m.period = r.period
                        WHERE r.case_id = cases.id AND (r.reason != 'missed' OR m.outcome IS 'missed'))
                """
        ).execute(arguments: arguments)
        return (outcomes, db.changesCount)
    }

    /// Whether the member's outcome is `missed`: a lookup by key, so that a declaration in an
    /// open period (the usual one) does not bind the journal's rules for nothing.
    private func isMissed(jobseeker: String, period: Period) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(
                sql:
                    "SELECT EXISTS (SELECT 1 FROM members WHERE period = ? AND jobseeker_id = ? AND outcome = 'missed')"
            ),
            arguments: [period.description, jobseeker]) ?? false
    }

    /// SQL for a declared member's journal state, with `members` (or `m`) the member row, `j` the
    /// jobseeker and `d` the declaration: the department is the one recorded for the period when
    /// there is one (a jobseeker who moved keeps the obligation of where they were).
    static func journalExpression(_ journal: JournalQuery, member: String = "members") -> String {
        journal.state(
            required: "j.journal_required", department: "COALESCE(\(member).department, j.department)",
            period: "\(member).period", acts: "d.acts_count")
    }
}

extension JournalQuery {
    /// The values of the parameters of ``state(required:department:period:acts:)``: `:min_acts`,
    /// and for obligation `i` `:journal_from_i`, `:journal_until_i` and its departments
    /// `:journal_department_i_j`.
    var arguments: StatementArguments {
        var arguments: StatementArguments = ["min_acts": minActs]
        for (index, obligation) in obligations.obligations.enumerated() {
            if let from = obligation.from {
                _ = arguments.append(contentsOf: ["journal_from_\(index)": from.description])
            }
            if let until = obligation.until {
                _ = arguments.append(contentsOf: ["journal_until_\(index)": until.description])
            }
            if case .departments = obligation.coverage {
                for (position, department) in obligation.departments.enumerated() {
                    _ = arguments.append(contentsOf: ["journal_department_\(index)_\(position)": department])
                }
            }
        }
        return arguments
    }

    /// SQL telling whether a period requires the journal of a jobseeker, given the columns for the
    /// jobseeker's own `journal_required` (NULL: decided by the obligations), `department` and the
    /// period (`YYYY-MM` text, which orders like the periods). The departments are lists of bound
    /// values: SQLite looks a value up in one at a fraction of the cost of building a string for
    /// each row to search.
    func required(_ required: String, department: String, period: String) -> String {
        let conditions = obligations.obligations.enumerated().map { index, obligation in
            var parts: [String] = []
            if obligation.from != nil { parts.append("\(period) >= :journal_from_\(index)") }
            if obligation.until != nil { parts.append("\(period) < :journal_until_\(index)") }
            if case .departments = obligation.coverage {
                let list = obligation.departments.indices.map { ":journal_department_\(index)_\($0)" }
                parts.append(list.isEmpty ? "0" : "\(department) IN (\(list.joined(separator: ", ")))")
            }
            return parts.isEmpty ? "1" : "(" + parts.joined(separator: " AND ") + ")"
        }
        return "COALESCE(\(required), \(conditions.isEmpty ? "0" : conditions.joined(separator: " OR ")))"
    }

    /// SQL for a declared member's journal state (`complete`, `missing` or `not_required`), given
    /// the columns for the jobseeker's `journal_required` and `department`, the period and the
    /// declaration's `acts_count`.
    func state(required: String, department: String, period: String, acts: String) -> String {
        """
        CASE WHEN \(self.required(required, department: department, period: period))
            THEN (CASE WHEN \(acts) >= :min_acts THEN 'complete' ELSE 'missing' END)
            ELSE 'not_required' END
        """
    }
}
