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

    /// The answer of the regular expression itself, without the byte matcher.
    func matchesRegex(_ identifier: String) -> Bool {
        (try? regex.firstMatch(in: identifier)) != nil
    }
}
