import Foundation
import RelanceTestSupport
import Testing

/// `kill -9` at random moments (seeded, so a failure can be replayed) during imports and ticks:
/// afterwards the database is sound, an import is all or nothing, and a final tick delivers
/// every due reminder with duplicates only for what was on the wire (SPEC section 11).
/// `make test-faults` runs these alone.
@Suite("kill -9 at random moments, end to end", .serialized)
struct RandomKillTests {
    static let opening = "2026-11-28T10:30:00+01:00"

    /// Deterministic delays in 0..<`limit` seconds (a linear congruential generator).
    struct Delays {
        private var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next(below limit: Double) -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53) * limit
        }
    }

    /// Starts a command, kills it after `delay` seconds if it still runs; whether it was killed.
    private static func killed(_ sandbox: Sandbox, _ arguments: [String], now: String, after delay: Double) throws
        -> Bool
    {
        let process = try sandbox.launch(arguments, now: now)
        let finished = waitUntil(timeout: delay) { !process.isRunning }
        process.killHard()
        return !finished
    }

    @Test("ten imports killed at random moments: each time all rows or none, and a sound database")
    func imports() throws {
        let sandbox = try Sandbox()
        let count = 20_000
        let rows = parisJobseekers(count, idDigit: 8, mailbox: "k")
        let file = try sandbox.write("big.csv", jobseekersCSV(rows))
        try sandbox.succeed(["status"], now: "2026-11-20T09:00:00+01:00")  // creates the database
        var delays = Delays(seed: 2026)
        var kills = 0
        for trial in 1...10 {
            // Each trial changes every row, so a partial import would show as a mix of revisions.
            let changed = rows.map { $0.replacingOccurrences(of: "@example.fr", with: "-\(trial)@example.fr") }
            try jobseekersCSV(changed).write(toFile: file, atomically: true, encoding: .utf8)
            let wasKilled = try Self.killed(
                sandbox, ["import", "jobseekers", file], now: "2026-11-20T09:00:00+01:00",
                after: delays.next(below: 1.5))
            kills += wasKilled ? 1 : 0
            #expect(try sandbox.sql("PRAGMA integrity_check") == "ok")
            let emails = try sandbox.sql(
                "SELECT COUNT(*), COUNT(DISTINCT substr(email, instr(email, '-'))) FROM jobseekers")
            let parts = emails.split(separator: "|")
            #expect(parts.first == "0" || parts.first == "\(count)", "a partial import: \(emails)")
            #expect(parts.last == "1" || parts.first == "0", "rows of two imports mixed: \(emails)")
        }
        #expect(kills >= 5, "only \(kills) of 10 imports were killed before they ended: the test proves little")
    }

    @Test(
        "ten live ticks killed at random moments: the final tick delivers everything, duplicating only what was in flight"
    )
    func ticks() throws {
        let count = 1_500
        let burst = try LiveBurst(jobseekers: count, idDigit: 9, mailbox: "t", connections: 3, ratePerSecond: 400)
        let (sink, sandbox, delivery) = (burst.sink, burst.sandbox, burst.delivery)
        var delays = Delays(seed: 11)
        for _ in 1...10 {
            _ = try Self.killed(sandbox, ["tick"], now: Self.opening, after: 0.2 + delays.next(below: 1.0))
            #expect(try sandbox.sql("PRAGMA integrity_check") == "ok")
        }
        _ = try sandbox.tick(at: Self.opening)
        #expect(try sandbox.sql("SELECT COUNT(*) FROM reminders WHERE state = 'sent'") == "\(count)")
        #expect(try sandbox.sql("SELECT COUNT(*) FROM attempts WHERE outcome = 'in_flight'") == "0")
        let interrupted = try sandbox.sql("SELECT COUNT(*) FROM attempts WHERE outcome = 'interrupted'")
        let duplicates = sink.capturedCount - count
        #expect(duplicates >= 0, "an email was lost")
        #expect(
            duplicates <= Int(interrupted) ?? 0,
            "\(duplicates) duplicates, \(interrupted) attempts in flight at the kills")
        #expect(duplicates <= 10 * delivery.connections, "more duplicates than one per connection per kill")
    }
}
