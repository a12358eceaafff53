import RelanceCore

/// The regular expression jobseeker identifiers must match (`identifier_pattern`).
public struct IdentifierPattern: @unchecked Sendable {
    /// The pattern as written in the configuration.
    public let source: String
    // Regex is immutable once built; it is only read after initialisation.
    private let regex: Regex<AnyRegexOutput>
    /// The same pattern as a byte matcher, when it is simple enough (see ``SimplePattern``).
    private let simple: SimplePattern?

    /// Compiles a pattern, or throws when it is not a valid regular expression.
    public init(_ source: String) throws {
        self.source = source
        regex = try Regex(source)
        simple = SimplePattern(source)
    }

    /// Whether an identifier matches the pattern (anchors are the pattern's own).
    public func matches(_ identifier: String) -> Bool {
        if let simple, let verdict = simple.matches(identifier) { return verdict }
        return matchesRegex(identifier)
    }

    /// Why `identifier` is not a valid jobseeker id, or nil when it is: it must match the pattern
    /// and, whatever the pattern admits, be a plain file name (``FileName/problem(_:)``), since
    /// it names spool files.
    public func problem(with identifier: String) -> String? {
        guard matches(identifier) else { return "does not match \(source)" }
        return FileName.problem(identifier).map { "\($0): an id names files, whatever identifier_pattern admits" }
    }

    /// The answer of the regular expression itself, without the byte matcher.
    func matchesRegex(_ identifier: String) -> Bool {
        (try? regex.firstMatch(in: identifier)) != nil
    }
}
