/// The regular expression jobseeker identifiers must match (`identifier_pattern`).
public struct IdentifierPattern: @unchecked Sendable {
    /// The pattern as written in the configuration.
    public let source: String
    // Regex is immutable once built; it is only read after initialisation.
    private let regex: Regex<AnyRegexOutput>

    /// Compiles a pattern, or throws when it is not a valid regular expression.
    public init(_ source: String) throws {
        self.source = source
        regex = try Regex(source)
    }

    /// Whether an identifier matches the pattern (anchors are the pattern's own).
    public func matches(_ identifier: String) -> Bool {
        (try? regex.firstMatch(in: identifier)) != nil
    }
}
