import Foundation
import RelanceTestSupport
import Testing

/// Retention erases for real: once purged, an address is in no byte of the database files,
/// write-ahead log included (SPEC section 10).
@Suite("purge, end to end")
struct PurgeTests {
    static let opening = "2026-11-28T10:30:00+01:00"
    /// More than `retention.message_content` (7 days) after the opening reminder.
    static let afterRetention = "2026-12-06T10:30:00+01:00"
    static let oldAddress = "adresse.perimee.4242@example.fr"

    /// A jobseeker reminded at `oldAddress` who then changed address: the old one survives only
    /// in the attempt of the sent reminder.
    private static func sandboxWithOldAddress() throws -> Sandbox {
        let sandbox = try Sandbox()
        let before = JobseekerFixture(id: "7000001A", department: "75", email: oldAddress)
        try sandbox.importJobseekers([before], at: "2026-11-20T09:00:00+01:00")
        #expect(try sandbox.tick(at: opening)["sent"] == 1)
        var after = before
        after.email = "nouvelle.adresse@example.fr"
        try sandbox.importJobseekers([after], at: "2026-11-29T09:00:00+01:00")
        #expect(databaseBytes(sandbox).contains(oldAddress), "the test needs the address in the database first")
        return sandbox
    }

    /// The database file and its write-ahead log, as text.
    private static func databaseBytes(_ sandbox: Sandbox) -> String {
        ["", "-wal"].compactMap { sandbox.contents(sandbox.databasePath + $0) }
            .map { String(decoding: $0, as: UTF8.self) }.joined()
    }

    @Test("retention in a tick erases the address from the file and the write-ahead log")
    func tickRetention() throws {
        let sandbox = try Self.sandboxWithOldAddress()
        _ = try sandbox.tick(at: Self.afterRetention)
        #expect(!Self.databaseBytes(sandbox).contains(Self.oldAddress))
    }

    @Test("relance purge erases it too; --dry-run only counts")
    func purgeCommand() throws {
        let sandbox = try Self.sandboxWithOldAddress()
        let dryRun = try sandbox.succeed(["purge", "--dry-run"], now: Self.afterRetention)
        #expect(dryRun.stdout.contains("would purge: 1 addresses"), "\(dryRun.stdout)")
        #expect(Self.databaseBytes(sandbox).contains(Self.oldAddress))
        let purge = try sandbox.succeed(["purge"], now: Self.afterRetention)
        #expect(purge.stdout.contains("purged: 1 addresses"), "\(purge.stdout)")
        #expect(!Self.databaseBytes(sandbox).contains(Self.oldAddress))
    }

    @Test("in the daemon, whose database stays open, the address is gone from the files once the tick purged")
    func daemonRetention() throws {
        let sandbox = try Self.sandboxWithOldAddress()
        let log = sandbox.root + "/daemon.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let daemon = sandbox.process(["--log-level", "info", "run", "--interval", "3600"], now: Self.afterRetention)
        daemon.standardError = FileHandle(forWritingAtPath: log)
        try daemon.run()
        defer { daemon.killHard() }
        try #require(
            waitUntil(timeout: 30) {
                (try? String(contentsOfFile: log, encoding: .utf8))?.contains("tick finished") ?? false
            })
        #expect(!Self.databaseBytes(sandbox).contains(Self.oldAddress))
    }
}
