import Foundation
import RelanceTestSupport
import Testing

/// `kill -9` at seeded points of imports and ticks: afterwards the database is sound, an import
/// is all or nothing and leaves the last committed revision, and a final tick delivers every due
/// reminder, duplicating only what was on the wire (SPEC section 11). The points are events of the
/// work itself (the import's n-th write to the WAL, a number of emails the server captured), never
/// delays, so that a seed replays the same kills on a fast machine and on a loaded one.
/// `make test-faults` runs these alone.
@Suite("kill -9 at seeded points, end to end", .serialized)
struct RandomKillTests {
    static let opening = "2026-11-28T10:30:00+01:00"
    static let before = "2026-11-20T09:00:00+01:00"

    /// Deterministic numbers in 0..<`limit` (a linear congruential generator).
    struct Seeded {
        private var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next(below limit: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 11) % UInt64(limit))
        }
    }

    /// Runs `relance ARGS…` until strace kills it as it makes `syscall` on `file` for the
    /// `number`-th time; fails the test unless it was killed so (a kill after the work ended
    /// proves nothing).
    private static func kill(
        _ sandbox: Sandbox, _ arguments: [String], now: String, trial: Int, at number: Int, of syscall: String,
        on file: String
    ) throws {
        let process = try sandbox.launch(arguments, now: now, killedAtCall: number, of: syscall, on: file)
        process.waitUntilExit()
        try #require(
            process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL,
            "trial \(trial): \(arguments[0]) ended (\(process.terminationStatus)) before \(syscall) \(number)")
    }

    /// The revisions the jobseekers' rows come from, with how many rows each: a row of revision
    /// `r` has the email `kN-rR@example.fr`.
    private static func revisions(_ sandbox: Sandbox) throws -> [String: Int] {
        let rows = try sandbox.sql(
            "SELECT substr(email, instr(email, '-r') + 2, 2), COUNT(*) FROM jobseekers GROUP BY 1")
        var revisions: [String: Int] = [:]
        for row in rows.split(separator: "\n") {
            let fields = row.split(separator: "|")
            revisions[String(fields[0])] = Int(fields[1]) ?? 0
        }
        return revisions
    }

    @Test(
        "imports killed at seeded writes to the WAL: each time the last committed revision, whole, and a sound database"
    )
    func imports() throws {
        let sandbox = try Sandbox()
        let count = 20_000
        let rows = parisJobseekers(count, idDigit: 8, mailbox: "k")
        let file = sandbox.root + "/big.csv"
        let wal = sandbox.databasePath + "-wal"
        let arguments = ["import", "jobseekers", file]
        // Every revision changes every row (same length), so a partial import shows as a mix.
        func write(revision: Int) throws {
            let tag = String(format: "-r%02d@example.fr", revision)
            try jobseekersCSV(rows.map { $0.replacingOccurrences(of: "@example.fr", with: tag) })
                .write(toFile: file, atomically: true, encoding: .utf8)
        }
        // An import of no agencies creates the database (read-only commands refuse a missing one).
        let noAgencies = sandbox.root + "/no-agencies.csv"
        try "code,name,email,department\n".write(toFile: noAgencies, atomically: true, encoding: .utf8)
        try sandbox.succeed(["import", "agencies", noAgencies], now: Self.before)
        try write(revision: 0)
        // The whole import, counting its writes to the WAL: the transaction's pages, then its commit.
        let (writes, status) = try sandbox.countCalls("pwrite64", on: wal, running: arguments, now: Self.before)
        try #require(status == 0 && writes > 100, "\(writes) writes to the WAL, exit \(status)")
        try #require(try Self.revisions(sandbox) == ["00": count])

        var seeded = Seeded(seed: 2026)
        var committed = "00"
        for trial in 1...12 {
            try write(revision: trial)
            let revision = String(format: "%02d", trial)
            if trial % 4 == 0 {
                // Now and then an import that commits, so that the revision to survive moves on.
                try sandbox.succeed(arguments, now: Self.before)
                committed = revision
            } else {
                // Killed before one of its writes to the WAL, before its commit: it must leave nothing.
                let point = 1 + seeded.next(below: writes * 9 / 10)
                try Self.kill(sandbox, arguments, now: Self.before, trial: trial, at: point, of: "pwrite64", on: wal)
            }
            #expect(try sandbox.sql("PRAGMA integrity_check") == "ok")
            let survived = try Self.revisions(sandbox)
            #expect(survived == [committed: count], "trial \(trial): \(survived), committed \(committed)")
        }
    }

    @Test(
        "ten live ticks killed at seeded acceptances: the final tick delivers everything, duplicating only what was in flight"
    )
    func ticks() throws {
        let count = 1_500
        let kills = 10
        let burst = try LiveBurst(jobseekers: count, idDigit: 9, mailbox: "t", connections: 3, ratePerSecond: 400)
        let (sink, sandbox, delivery) = (burst.sink, burst.sandbox, burst.delivery)
        let acceptances = sandbox.databasePath + "-accepted"
        var seeded = Seeded(seed: 11)
        for trial in 1...kills {
            // Each tick is killed as one of its connections notes its 5th to 29th acceptance in the
            // log of acceptances (strace counts calls thread by thread): a few dozen emails have gone
            // through, others are on the wire.
            let point = 5 + seeded.next(below: 25)
            try Self.kill(
                sandbox, ["tick"], now: Self.opening, trial: trial, at: point, of: "write", on: acceptances)
            #expect(try sandbox.sql("PRAGMA integrity_check") == "ok")
            let pending = try sandbox.reminderKeys(inState: "pending")
            #expect(!pending.isEmpty, "trial \(trial): the kill came after the tick's work")
        }
        _ = try sandbox.tick(at: Self.opening)
        let sent = try sandbox.reminderKeys(inState: "sent")
        #expect(sent == burst.openingKeys, "\(sent.count) of \(count) reminders sent")
        #expect(try sandbox.sql("SELECT COUNT(*) FROM attempts WHERE outcome = 'in_flight'") == "0")
        let interrupted = try sandbox.attempts("interrupted")
        #expect(!interrupted.isEmpty, "no kill caught a send in flight: the duplicate bound was not tested")
        expectNothingLost(
            KeyedCopies(sink), expected: burst.openingKeys, interrupted: interrupted, kills: kills,
            connections: delivery.connections)
    }
}
