/// Who read or changed a case (SPEC 14, accountability): an advisor on the desk, a client of the
/// HTTP interface, or an operating-system account on the command line.
public enum AuditActor: Sendable, Hashable, CustomStringConvertible {
    /// An advisor signed in to the desk, by advisor id.
    case advisor(String)
    /// A client of the HTTP interface, by its `http.clients` id.
    case client(String)
    /// A command line run, by operating-system account.
    case cli(String)

    /// `advisor:ID`, `client:ID` or `cli:USER`, as the audit trail stores and prints it.
    public var description: String {
        switch self {
        case .advisor(let id): "advisor:\(id)"
        case .client(let id): "client:\(id)"
        case .cli(let user): "cli:\(user)"
        }
    }

    /// Parses `advisor:ID`, `client:ID` or `cli:USER`; nil for anything else.
    public init?(_ text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let name = String(text[text.index(after: colon)...])
        guard !name.isEmpty else { return nil }
        switch text[..<colon] {
        case "advisor": self = .advisor(name)
        case "client": self = .client(name)
        case "cli": self = .cli(name)
        default: return nil
        }
    }
}
