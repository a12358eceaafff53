import Foundation
import RelanceTestSupport
import Testing

/// A mistyped database path: the commands that only read (or change existing rows) refuse it
/// with 74 and create nothing there; the writing ones still create the database.
@Suite("database path")
struct DatabasePathTests {
    static let now = "2026-11-20T09:00:00+01:00"

    static let readingCommands: [[String]] = [
        ["status"], ["cases", "list"], ["cases", "update", "1", "--state", "contacted"], ["reminders", "list"],
        ["report", "--period", "2026-11"], ["purge", "--dry-run"], ["purge"],
    ]

    @Test(
        "a reading command on a path with no database: error naming it, exit 74, no file nor folder",
        arguments: readingCommands)
    func refused(command: [String]) throws {
        let sandbox = try Sandbox()
        let folder = sandbox.root + "/typo"
        let path = folder + "/relance.sqlite"
        let result = try sandbox.run(["--db", path] + command, now: Self.now)
        #expect(result.status == 74, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("\(path): no database there"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    @Test("backup of a database that is not there writes nothing")
    func backup() throws {
        let sandbox = try Sandbox()
        let path = sandbox.root + "/typo/relance.sqlite"
        let copy = sandbox.root + "/copy.sqlite"
        let result = try sandbox.run(["--db", path, "backup", copy], now: Self.now)
        #expect(result.status == 74)
        #expect(result.stderr.contains("no database there"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.root + "/typo"))
        #expect(!FileManager.default.fileExists(atPath: copy))
    }

    @Test("doctor reports the missing database and creates nothing")
    func doctor() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.run(["doctor"], now: Self.now)
        #expect(
            result.stdout.contains("warning  database: \(sandbox.databasePath) does not exist yet"), "\(result.stdout)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.databasePath))
    }

    @Test("import and tick still create the database")
    func writingCommandsCreate() throws {
        let sandbox = try Sandbox()
        _ = try sandbox.tick(at: Self.now)
        #expect(FileManager.default.fileExists(atPath: sandbox.databasePath))
        let other = sandbox.root + "/other/relance.sqlite"
        try sandbox.succeed(["--db", other, "import", "agencies", Sandbox.sample("agencies.csv")], now: Self.now)
        #expect(FileManager.default.fileExists(atPath: other))
        #expect(try sandbox.succeed(["--db", other, "status"], now: Self.now).status == 0)
    }
}
