public import RelanceCore
public import RelanceStore

/// One case with its history, as `GET /v1/cases/{id}` shows it: the object of `cases list
/// --format json` with a `history` array of the events of `cases history --format json`.
public struct CaseDocument: Sendable {
    public let row: CaseRow
    public let history: [CaseEvent]
    /// Today in Paris, which decides `overdue`.
    public let today: LocalDate

    /// The case as it stands, nil when there is no such case.
    public static func load(_ id: Int64, in session: StoreSession, now: Instant) throws -> CaseDocument? {
        guard let row = try session.caseRow(id: id), let history = try session.caseHistory(id: id) else {
            return nil
        }
        return CaseDocument(row: row, history: history, today: Zone.paris.date(of: now))
    }

    public var json: JSON {
        .object(CaseListing.members(row, today: today) + [("history", .array(history.map(Self.event)))])
    }

    /// One event of a case's history: `at` (ISO 8601, Paris), `by`, `from_state` (null for the
    /// opening), `state`, `note`.
    public static func event(_ event: CaseEvent) -> JSON {
        .object([
            ("at", .string(Zone.paris.format(event.at))), ("by", .string(event.author)),
            ("from_state", .optional(event.fromState?.rawValue)),
            ("state", .string(event.toState.rawValue)), ("note", .optional(event.note)),
        ])
    }
}
