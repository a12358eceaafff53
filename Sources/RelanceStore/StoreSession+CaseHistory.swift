import GRDB
public import RelanceCore

/// One change of a case: its opening, or a change of state or note (see `Schema.caseHistory`).
public struct CaseEvent: Sendable, Equatable {
    public var at: Instant
    /// `relance` for the cycle itself, `cli:USER` for the command line.
    public var author: String
    /// Nil for the opening.
    public var fromState: CaseState?
    public var toState: CaseState
    /// The note given with the change, if any.
    public var note: String?
}

extension StoreSession {
    /// The history of a case, oldest first, starting with its opening; nil when there is no such case.
    public func caseHistory(id: Int64) throws -> [CaseEvent]? {
        guard let openedAt = try Int64.fetchOne(db, sql: "SELECT opened_at FROM cases WHERE id = ?", arguments: [id])
        else { return nil }
        let opening = CaseEvent(at: Instant(seconds: openedAt), author: "relance", fromState: nil, toState: .open)
        return [opening]
            + (try Row.fetchAll(
                db, sql: "SELECT * FROM case_events WHERE case_id = ? ORDER BY id", arguments: [id]
            ).map { row in
                CaseEvent(
                    at: Instant(seconds: row["at"]), author: row["author"],
                    fromState: CaseState(rawValue: row["from_state"]),
                    toState: CaseState(rawValue: row["to_state"]) ?? .open,
                    note: row["note"])
            })
    }
}
