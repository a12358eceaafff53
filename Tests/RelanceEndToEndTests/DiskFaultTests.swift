import Foundation
import RelanceTestSupport
import Testing

/// A disk that fills up and a database that turns read-only (SPEC section 8, exit 74): the
/// command says so in one line, the database stays sound with nothing half-written, and once
/// the disk is usable again the same command does the work, once. The database and the spool
/// live on a small tmpfs the test mounts over the sandbox's `var` folder. Skipped only outside CI
/// when the kernel refuses the mount; under CI a refusal fails every test (see `SmallFilesystem`).
@Suite(
    "disk full and read-only database, end to end", .serialized,
    .enabled(
        if: SmallFilesystem.canMount || SmallFilesystem.mountRequired,
        "mounting a tmpfs needs root (CAP_SYS_ADMIN); under CI (CI=true) a refused mount fails the suite instead"))
struct DiskFaultTests {
    static let before = "2026-11-20T09:00:00+01:00"
    static let opening = "2026-11-28T10:30:00+01:00"

    /// Runs `body` with a sandbox whose `var` folder is a fresh tmpfs of `megabytes`, unmounted
    /// afterwards (before the sandbox's folder is removed), even when the test fails.
    static func onSmallDisk(megabytes: Int, _ body: (Sandbox, SmallFilesystem) throws -> Void) throws {
        let sandbox = try Sandbox()
        let disk = try SmallFilesystem(at: sandbox.root + "/var", megabytes: megabytes)
        defer {
            disk.unmount()
            withExtendedLifetime(sandbox) {}
        }
        try body(sandbox, disk)
    }

    /// Exit 74 with one line on stderr, naming the database or spool and `problem`; no crash report.
    static func expectIOError(_ result: Sandbox.Result, naming problems: [String]) {
        #expect(result.status == 74, "\(result.status): \(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "not one line:\n\(result.stderr)")
        #expect(problems.contains { result.stderr.contains($0) }, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("relance: ") && result.stderr.contains("/var/"), "\(result.stderr)")
        for crash in ["Fatal error", "Stack dump", "backtrace", "Thread 0"] {
            #expect(!result.stderr.contains(crash), "\(result.stderr)")
        }
    }

    static let diskFull = ["database or disk is full", "No space left on device"]

    @Test("an import that fills the disk exits 74 and writes nothing; with space again it imports once")
    func importOnFullDisk() throws {
        try Self.onSmallDisk(megabytes: 32) { sandbox, disk in
            try sandbox.importSampleDirectory(at: Self.before)
            _ = try sandbox.tick(at: Self.opening)
            let before = try sandbox.databaseSnapshot().dump
            let count = 20_000
            let file = try sandbox.write("big.csv", jobseekersCSV(parisJobseekers(count, idDigit: 8, mailbox: "f")))
            try disk.fill(leaving: 1024 * 1024)  // about a third of what the import needs

            let full = try sandbox.run(["import", "jobseekers", file], now: Self.opening)
            Self.expectIOError(full, naming: Self.diskFull)
            #expect(try sandbox.sql("PRAGMA integrity_check") == "ok")
            #expect(try sandbox.databaseSnapshot().dump == before, "the failed import changed the database")

            disk.free()
            let done = try sandbox.succeed(["import", "jobseekers", file], now: Self.opening)
            #expect(done.stdout.contains("\(count) new or changed"), "\(done.stdout)")
            #expect(try sandbox.sql("SELECT COUNT(*) FROM jobseekers WHERE id LIKE '8%'") == "\(count)")
            let again = try sandbox.succeed(["import", "jobseekers", file], now: Self.opening)
            #expect(again.stdout.contains("0 new or changed"), "\(again.stdout)")
        }
    }

    @Test("a tick that fills the disk mid-delivery exits 74, half-writes nothing, and the next one sends the rest once")
    func tickOnFullDisk() throws {
        try Self.onSmallDisk(megabytes: 24) { sandbox, disk in
            let count = 1_500
            try sandbox.importJobseekers(
                jobseekersCSV(parisJobseekers(count, idDigit: 7, mailbox: "s")), at: Self.before)
            // Room for the planning and about 750 spooled emails (a few kB each): the tick stops in
            // its second batch of 500.
            try disk.fill(leaving: 6_000 * 1024)

            let full = try sandbox.run(["tick"], now: Self.opening)
            Self.expectIOError(full, naming: Self.diskFull)
            #expect(try sandbox.sql("PRAGMA integrity_check") == "ok")
            let sent = try sandbox.sql("SELECT COUNT(*) FROM reminders WHERE state = 'sent'")
            let pending = try sandbox.sql("SELECT COUNT(*) FROM reminders WHERE state = 'pending'")
            #expect(Int(sent) ?? 0 > 0 && Int(pending) ?? 0 > 0, "not mid-delivery: \(sent) sent, \(pending) pending")
            #expect(Int(sent)! + Int(pending)! == count, "reminders other than sent or pending")
            let spooled = sandbox.spooledReminders()
            #expect(try Self.keys(inState: "sent", sandbox).isSubset(of: spooled), "recorded sent, not in the spool")
            #expect(try Self.spoolFilesAreWhole(sandbox), "a spool file is cut short or left temporary")

            disk.free()
            let rest = try sandbox.tick(at: Self.opening)
            #expect(rest["sent"] == count - Int(sent)!, "\(rest)")
            #expect(try sandbox.sql("SELECT COUNT(*) FROM reminders WHERE state = 'sent'") == "\(count)")
            #expect(sandbox.spooledReminders().count == count)
            let accepted = try sandbox.sql(
                "SELECT COUNT(*), COUNT(DISTINCT jobseeker_id) FROM attempts WHERE outcome = 'accepted'")
            #expect(accepted == "\(count)|\(count)", "a reminder recorded sent twice: \(accepted)")
            #expect(try sandbox.sql("SELECT COUNT(*) FROM attempts WHERE outcome = 'in_flight'") == "0")
            #expect(try sandbox.tick(at: Self.opening)["sent"] == 0)
            #expect(try Self.spoolFilesAreWhole(sandbox))
        }
    }

    @Test("a read-only database: import and tick exit 74 saying so and change nothing; writable again, both work")
    func readOnlyDatabase() throws {
        try Self.onSmallDisk(megabytes: 16) { sandbox, disk in
            try sandbox.importSampleDirectory(at: Self.before)
            let file = try sandbox.write(
                "new.csv", jobseekersCSV(["2000001A,75,Aïcha,aicha.benali@example.fr,06 98 76 54 32,"]))
            let before = try sandbox.databaseSnapshot()
            try disk.remount(readOnly: true)

            let importing = try sandbox.run(["import", "jobseekers", file], now: Self.before)
            Self.expectIOError(importing, naming: ["Read-only file system"])
            let ticking = try sandbox.run(["tick"], now: Self.opening)
            Self.expectIOError(ticking, naming: ["Read-only file system"])

            // Writable again (the sqlite3 shell cannot open a WAL database on a read-only disk).
            try disk.remount(readOnly: false)
            #expect(try sandbox.sql("PRAGMA integrity_check") == "ok")
            #expect(try sandbox.databaseSnapshot() == before, "the database changed")
            #expect(sandbox.spooledReminders().isEmpty)
            try sandbox.succeed(["import", "jobseekers", file], now: Self.before)
            let sent = try sandbox.tick(at: Self.opening)["sent"] ?? 0
            #expect(sent > 0 && sandbox.spooledReminders().count == sent)
            #expect(try sandbox.tick(at: Self.opening)["sent"] == 0)
        }
    }

    /// The `CHANNEL/PERIOD/JOBSEEKER-STEP.eml` paths of the reminders in `state`.
    static func keys(inState state: String, _ sandbox: Sandbox) throws -> Set<String> {
        let rows = try sandbox.sql(
            "SELECT 'email/' || period || '/' || jobseeker_id || '-' || step || '.eml' FROM reminders WHERE state = '\(state)'"
        )
        return Set(rows.split(separator: "\n").map(String.init))
    }

    /// No temporary file in the spool, and every email ends with its closing MIME boundary.
    static func spoolFilesAreWhole(_ sandbox: Sandbox) throws -> Bool {
        let files = FileManager.default.enumerator(atPath: sandbox.spoolPath)?.allObjects as? [String] ?? []
        return try files.filter { $0.hasSuffix(".eml") || $0.hasSuffix(".tmp") }.allSatisfy { name in
            let text = try String(contentsOfFile: sandbox.spoolPath + "/" + name, encoding: .utf8)
            return name.hasSuffix(".eml") && text.contains("X-Relance-Key: ") && text.hasSuffix("--\r\n")
        }
    }
}
