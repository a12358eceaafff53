import Foundation
import RelanceTestSupport
import Testing

/// `kill -9` in the middle of live delivery (SPEC sections 3 and 11): nothing is lost, the
/// database stays sound, and only sends that were in flight go out twice.
@Suite("kill -9 during live delivery, end to end", .serialized)
struct CrashRecoveryTests {
    static let opening = "2026-11-28T10:30:00+01:00"
    static let jobseekers = 2000
    static let connections = 4

    @Test("killed three times mid-delivery, the next tick sends everything, duplicating only what was in flight")
    func killNineLosesNothing() throws {
        let crashes = try Crashes()
        let sandbox = crashes.sandbox
        let last = try sandbox.tick(at: Self.opening)
        #expect(last["sent"] ?? 0 > 0, "\(last)")

        let reminders = try sandbox.reminders(at: Self.opening)
        #expect(Set(reminders.map(\.key)) == crashes.expected)
        #expect(reminders.allSatisfy { $0.state == "sent" }, "\(reminders.filter { $0.state != "sent" }.prefix(3))")
        expectNothingLost(
            KeyedCopies(crashes.sink), expected: crashes.expected, interrupted: try sandbox.attempts("interrupted"),
            kills: crashes.resentPerKill.count, connections: Self.connections)
        #expect(try sandbox.sql("PRAGMA integrity_check") == "ok")
        #expect(try sandbox.sql("SELECT COUNT(*) FROM attempts WHERE outcome = 'in_flight'") == "0")
        #expect(try sandbox.sql("SELECT COUNT(*) FROM attempts WHERE outcome = 'accepted'") == "\(Self.jobseekers)")
    }

    @Test(
        "a kill -9 duplicates no more sends than there are connections")
    func duplicatesBoundedByConnections() throws {
        let crashes = try Crashes()
        #expect(
            crashes.resentPerKill.allSatisfy { $0 <= Self.connections }, "resent per kill: \(crashes.resentPerKill)")
    }

    @Test("an acceptance noted in the log before the kill is recorded as sent, never sent again")
    func acceptanceLogSettlesWhatTheDatabaseMissed() throws {
        let burst = try LiveBurst(jobseekers: 2, idDigit: 4, mailbox: "l", connections: 1, ratePerSecond: 100)
        let sandbox = burst.sandbox
        // The reminders fall due with the server down: they stay pending.
        var down = burst.delivery
        down.emailURL = "smtp://127.0.0.1:1"
        try sandbox.reconfigure(down)
        #expect(try sandbox.tickOutcome(at: Self.opening).result.status == 69)
        try sandbox.reconfigure(burst.delivery)
        // The state a kill leaves: both reminders in flight, the first noted as accepted.
        _ = try sandbox.sql(
            """
            INSERT INTO attempts (jobseeker_id, period, step, channel, recipient, started_at, outcome)
            SELECT jobseeker_id, period, step, 'email', 'x@example.fr', due_at, 'in_flight' FROM reminders
            WHERE step = 'opening';
            """)
        let log = sandbox.databasePath + "-accepted"
        try "4000001A/2026-11/opening\tSMTP 250: 2.0.0 Ok: queued\n4000001A/2026-11/d-5\t".write(
            toFile: log, atomically: true, encoding: .utf8)

        let later = "2026-11-28T10:35:00+01:00"
        let counts = try sandbox.tick(at: later)
        #expect(counts["sent"] == 1, "only the reminder not noted goes out: \(counts)")
        #expect(burst.sink.captured().map(\.relanceKey) == ["4000002A/2026-11/opening"])
        let states = try sandbox.sql(
            """
            SELECT jobseeker_id || ' ' || outcome || ' ' || COALESCE(reply, '') FROM attempts
            WHERE outcome != 'channel_down' ORDER BY id
            """)
        #expect(
            states.split(separator: "\n").prefix(2) == [
                "4000001A accepted SMTP 250: 2.0.0 Ok: queued", "4000002A interrupted ",
            ], "\(states)")
        #expect(try sandbox.reminders(at: later).allSatisfy { $0.state == "sent" })
        #expect(try String(contentsOfFile: log, encoding: .utf8).isEmpty, "the log is emptied once settled")
    }

    /// A sandbox of 2,000 jobseekers in Paris with an email each, whose opening tick delivering
    /// to an SMTP sink was killed three times: early in the first batch, then in later ones.
    struct Crashes {
        let sink: SMTPSink
        let sandbox: Sandbox
        /// The keys of the reminders due.
        let expected: Set<String>
        /// For each kill, how many emails had reached the server with no acceptance recorded
        /// (in the database or the log of acceptances): the next tick sends them again.
        var resentPerKill: [Int] = []

        init() throws {
            let burst = try LiveBurst(
                jobseekers: CrashRecoveryTests.jobseekers, idDigit: 3, mailbox: "p",
                connections: CrashRecoveryTests.connections, ratePerSecond: 200)
            (sink, sandbox, expected) = (burst.sink, burst.sandbox, burst.openingKeys)
            // A tick starts with a second's worth of sends at once (a full token bucket), so each
            // kill point leaves the next run well behind it.
            var unrecorded: Set<String> = []
            for killPoint in [1, 700, 1300] {
                let tick = try sandbox.launch(["tick"], now: CrashRecoveryTests.opening)
                let reached = waitUntil(timeout: hangTimeout) { !tick.isRunning || sink.capturedCount >= killPoint }
                try #require(
                    reached && tick.isRunning, "the tick ended (\(tick.terminationStatus)) before \(killPoint) captures"
                )
                tick.killHard()
                // Recorded: in the database, or noted in the log of acceptances the next tick settles.
                let log = (try? String(contentsOfFile: sandbox.databasePath + "-accepted", encoding: .utf8)) ?? ""
                let noted = log.split(separator: "\n").compactMap { $0.split(separator: "\t").first.map(String.init) }
                let accepted = Set(try sandbox.attempts("accepted").keys).union(noted)
                let now = KeyedCopies(sink).keys.subtracting(accepted)
                resentPerKill.append(now.subtracting(unrecorded).count)
                unrecorded = now
            }
        }
    }
}
