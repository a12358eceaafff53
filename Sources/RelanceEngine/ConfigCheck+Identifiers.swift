import RelanceConfig
import RelanceCore

extension ConfigCheck {
    /// Ids that would leave or hide in the spool folder, or pass for an option.
    static let unsafeIdentifiers = ["../x", "x/y", "x\\y", ".x", "-x", "x\u{0}y"]

    /// A warning (`config check`, `doctor`) when `identifier_pattern` admits ids that cannot name a file (see
    /// ``FileName/problem(_:)``): imports refuse them whatever the pattern, with their line.
    static func identifierWarning(_ pattern: IdentifierPattern) -> String? {
        let admitted = unsafeIdentifiers.filter(pattern.matches)
        guard !admitted.isEmpty else { return nil }
        let shown = admitted.map { "'\($0.replacingOccurrences(of: "\u{0}", with: "\\0"))'" }.joined(separator: ", ")
        return
            "identifier_pattern \(pattern.source) admits ids such as \(shown), which could leave the spool folder; imports refuse them whatever the pattern"
    }
}
