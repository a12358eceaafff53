import GRDB
public import RelanceCore

/// One jobseeker in one period, as the HTTP interface shows it.
public struct JobseekerPeriod: Sendable {
    public var territory: Territory
    public var department: String
    /// The jobseeker's own `journal_required`; nil when the department decides.
    public var journalRequired: Bool?
    public var declaredAt: Instant?
    public var actsCount: Int?
    /// The outcome recorded at closing, nil before.
    public var outcome: String?
    /// The journal state recorded for the member, nil before.
    public var journal: String?
}

extension StoreSession {
    /// A jobseeker's declaration, outcome and journal in a period; nil when there is no such jobseeker.
    public func jobseekerPeriod(_ id: String, period: Period) throws -> JobseekerPeriod? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT COALESCE(m.territory, j.territory) AS territory, COALESCE(m.department, j.department) AS department,
                        j.journal_required, d.declared_at, d.acts_count,
                        m.outcome, m.journal
                    FROM jobseekers j
                    LEFT JOIN declarations d ON d.jobseeker_id = j.id AND d.period = ?2
                    LEFT JOIN members m ON m.jobseeker_id = j.id AND m.period = ?2
                    WHERE j.id = ?1
                    """, arguments: [id, period.description]),
            let territory = Territory(key: row["territory"])
        else { return nil }
        return JobseekerPeriod(
            territory: territory, department: row["department"],
            journalRequired: (row["journal_required"] as Int64?).map { $0 != 0 },
            declaredAt: (row["declared_at"] as Int64?).map(Instant.init(seconds:)), actsCount: row["acts_count"],
            outcome: row["outcome"], journal: row["journal"])
    }

    /// Whether a jobseeker has a declaration for a period.
    public func hasDeclaration(jobseeker: String, period: Period) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM declarations WHERE jobseeker_id = ? AND period = ?)"),
            arguments: [jobseeker, period.description]) ?? false
    }
}
