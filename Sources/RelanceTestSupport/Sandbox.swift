public import Foundation

/// A temporary folder with a copy of the sample configuration and templates, and a way to run
/// the `relance` executable in it, for end-to-end tests.
public final class Sandbox: @unchecked Sendable {
    /// The temporary folder (removed on deinit).
    public let root: String
    /// The configuration file of the sandbox.
    public var configPath: String { root + "/config/relance.yaml" }
    /// The database file of the sandbox.
    public var databasePath: String { root + "/var/relance.sqlite" }
    /// The spool folder of the sandbox.
    public var spoolPath: String { root + "/var/spool" }

    /// The repository checkout (found from this file's path).
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// Copies `config/relance.yaml` and `config/templates` into a new temporary folder;
    /// `edit` may rewrite the configuration text.
    public init(edit: (String) -> String = { $0 }) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("relance-\(UUID().uuidString)").path
        let manager = FileManager.default
        try manager.createDirectory(atPath: root + "/config", withIntermediateDirectories: true)
        try manager.copyItem(atPath: Self.repository + "/config/templates", toPath: root + "/config/templates")
        let text = try String(contentsOfFile: Self.repository + "/config/relance.yaml", encoding: .utf8)
        try edit(text).write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// Writes a file in the sandbox and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let path = root + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The path of a sample data file of the repository.
    public static func sample(_ name: String) -> String { repository + "/config/sample/" + name }

    /// The result of one run of the executable.
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// Environment variables added to the test's own for every run (e.g. delivery secrets).
    public var environment: [String: String] = [:]

    /// A process for `relance --config CONFIG ARGS…` with the sandbox's environment, not started.
    public func process(_ arguments: [String], now: String? = nil) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.repository + "/.build/debug/relance")
        process.arguments =
            ["--config", configPath, "--log-level", "warning"] + (now.map { ["--now", $0] } ?? [])
            + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        return process
    }

    /// Runs `relance --config CONFIG ARGS…` and waits for it.
    @discardableResult
    public func run(_ arguments: [String], now: String? = nil) throws -> Result {
        try process(arguments, now: now).runCollectingOutput()
    }

    /// Runs a tick with `--format json` and returns its counts.
    public func tick(at now: String) throws -> [String: Int] {
        let result = try run(["tick", "--format", "json"], now: now)
        guard result.status == 0,
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Int]
        else { throw SandboxError(message: "tick failed (\(result.status)): \(result.stderr)") }
        return object
    }

    /// Imports the sample agencies, advisors and jobseekers.
    public func importSampleDirectory(at now: String) throws {
        for (kind, file) in [
            ("agencies", "agencies.csv"), ("advisors", "advisors.csv"), ("jobseekers", "jobseekers.csv"),
        ] {
            let result = try run(["import", kind, Self.sample(file)], now: now)
            guard result.status == 0 else { throw SandboxError(message: "import \(kind) failed: \(result.stderr)") }
        }
    }

    /// The bytes of a file, or nil.
    public func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }
}

/// A failure of the sandbox itself.
public struct SandboxError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
