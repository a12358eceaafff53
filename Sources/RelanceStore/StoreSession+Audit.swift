import GRDB
public import RelanceCore

/// One line of the audit trail (SPEC 14): who read or changed which case, and when.
public struct AuditEntry: Sendable, Equatable {
    public var at: Instant
    public var actor: String
    public var action: AuditAction
    /// Nil for an action on no single case.
    public var caseID: Int64?
    /// What changed (the new state, the advisor a case went to); never personal data.
    public var detail: String?

    public init(at: Instant, actor: AuditActor, action: AuditAction, caseID: Int64?, detail: String? = nil) {
        self.at = at
        self.actor = actor.description
        self.action = action
        self.caseID = caseID
        self.detail = detail
    }

    init(row: Row) {
        at = Instant(seconds: row["at"])
        actor = row["actor"]
        action = AuditAction(rawValue: row["action"]) ?? .view
        caseID = row["case_id"]
        detail = row["detail"]
    }
}

/// Filters of `relance audit`.
public struct AuditFilter: Sendable, Hashable {
    /// Only what this actor did (`advisor:ID`, `client:ID`, `cli:USER`).
    public var actor: String?
    /// Only what was done with this case.
    public var caseID: Int64?

    public init(actor: String? = nil, caseID: Int64? = nil) {
        self.actor = actor
        self.caseID = caseID
    }
}

extension StoreSession {
    /// Appends entries to the audit trail, in this transaction: the read or change they record
    /// and its trace are committed together, or neither.
    public func recordAudit(_ entries: [AuditEntry]) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT INTO audit (at, actor, action, case_id, detail) VALUES (?, ?, ?, ?, ?)")
        for entry in entries {
            try statement.execute(arguments: [
                entry.at.seconds, entry.actor, entry.action.rawValue, entry.caseID, entry.detail,
            ])
        }
    }

    /// The audit trail matching a filter, oldest first.
    public func auditEntries(_ filter: AuditFilter) throws -> [AuditEntry] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let actor = filter.actor {
            conditions.append("actor = ?")
            _ = arguments.append(contentsOf: [actor])
        }
        if let caseID = filter.caseID {
            conditions.append("case_id = ?")
            _ = arguments.append(contentsOf: [caseID])
        }
        return try Row.fetchAll(
            db,
            sql: """
                SELECT at, actor, action, case_id, detail FROM audit
                \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")) ORDER BY id
                """, arguments: arguments
        ).map(AuditEntry.init(row:))
    }

    /// Deletes the audit entries recorded before `cutoff` (`retention.audit`); returns how many.
    public func purgeAudit(before cutoff: Instant) throws -> Int {
        try db.execute(sql: "DELETE FROM audit WHERE at < ?", arguments: [cutoff.seconds])
        return db.changesCount
    }
}
