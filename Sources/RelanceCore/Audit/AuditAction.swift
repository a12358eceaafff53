/// What an audited actor did with a case (SPEC 14): a read of its personal data, or a change.
public enum AuditAction: String, Sendable, CaseIterable {
    /// The case page (or `GET /v1/cases/{id}`, `cases history`): contacts, periods, journal.
    case view
    /// The case appeared, with its personal data, in a list (`cases list`, a desk list).
    case list
    /// The case was part of an export (the desk's CSV, `cases list --format csv`).
    case export
    /// A change of state or note.
    case update
    /// An advisor took the case from the agency queue.
    case take
    /// A manager reassigned the case.
    case reassign

    /// Whether the action changed the case, as opposed to reading it.
    public var isChange: Bool { self == .update || self == .take || self == .reassign }

    /// The action in French, for the `audit` table.
    public var french: String {
        switch self {
        case .view: "consultation"
        case .list: "liste"
        case .export: "export"
        case .update: "modification"
        case .take: "prise en charge"
        case .reassign: "réaffectation"
        }
    }
}
