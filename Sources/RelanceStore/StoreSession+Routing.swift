import GRDB
public import RelanceCore

/// Where a jobseeker's cases go, as imports and operations need to know it.
public struct KnownRecipients: Sendable {
    /// Imported agency codes.
    public var agencies: Set<String>
    /// Imported advisor ids.
    public var advisors: Set<String>
}

extension StoreSession {
    /// SQL true for a case (alias `alias`) that reaches no one: no advisor (unknown advisors are
    /// left out when a case opens) and no imported agency. Resolved at read time, so that an
    /// agency imported later makes its cases routed.
    static func unrouted(_ alias: String) -> String {
        "\(alias).advisor IS NULL AND NOT EXISTS (SELECT 1 FROM agencies g WHERE g.code = \(alias).agency)"
    }

    /// The number of active cases that reach no one (the unrouted queue); with a period, those
    /// of them with a reason in it.
    public func unroutedCaseCount(period: Period? = nil) throws -> Int {
        try Int.fetchOne(
            db,
            sql: """
                SELECT COUNT(*) FROM cases c WHERE c.state IN ('open', 'contacted') AND \(Self.unrouted("c"))
                    AND (?1 IS NULL OR EXISTS (SELECT 1 FROM case_reasons r WHERE r.case_id = c.id AND r.period = ?1))
                """, arguments: [period?.description]) ?? 0
    }

    /// The agencies and advisors imported so far.
    public func knownRecipients() throws -> KnownRecipients {
        KnownRecipients(
            agencies: Set(try String.fetchAll(db, sql: "SELECT code FROM agencies")),
            advisors: Set(try String.fetchAll(db, sql: "SELECT id FROM advisors")))
    }
}
