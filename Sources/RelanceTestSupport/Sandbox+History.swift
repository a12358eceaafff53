import Foundation

extension Sandbox {
    /// Runs `scripts/generate --history ARGUMENTS --out ROOT/NAME` and returns that folder.
    @discardableResult
    public func generateHistory(_ arguments: [String], into name: String = "history") throws -> String {
        let folder = root + "/" + name
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["python3", Self.repository + "/scripts/generate", "--history", "--out", folder] + arguments
        let result = try process.runCollectingOutput()
        guard result.status == 0 else { throw SandboxError(message: "generate --history failed: \(result.stderr)") }
        return folder
    }

    /// Replays the `history.tsv` of a generated history (`NOW<TAB>ARGUMENT...` a line, files
    /// relative to its folder) with the sandbox's configuration, as scripts/replay-history does.
    public func replayHistory(_ folder: String) throws {
        let plan = try String(contentsOfFile: folder + "/history.tsv", encoding: .utf8)
        for line in plan.split(separator: "\n") {
            let words = line.split(separator: "\t").map(String.init)
            let arguments = words.dropFirst().map { $0.hasSuffix(".csv") ? folder + "/" + $0 : $0 }
            try succeed(arguments, now: words[0])
        }
    }

    /// The obligations of SPEC section 16 in place of the sample's `journal` block, with every
    /// closed period kept (`retention.closed_periods: 240`), for `Sandbox(edit:)`.
    public static func withObligations(_ obligations: [String]) -> @Sendable (String) -> String {
        let block = (["journal:", "  min_acts: 1", "  obligations:"] + obligations.map { "    - " + $0 })
            .joined(separator: "\n")
        return { text in
            replacingBlocks(["journal": block])(text).replacingOccurrences(
                of: "  closed_periods: 24", with: "  closed_periods: 240")
        }
    }
}
