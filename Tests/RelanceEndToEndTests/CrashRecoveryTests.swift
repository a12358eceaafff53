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
        let sink = try SMTPSink()
        let server = try HTTPTestServer { _ in .ok() }
        var delivery = LiveDelivery(sink: sink, http: server)
        delivery.connections = Self.connections
        delivery.ratePerSecond = 200
        let sandbox = try Sandbox.live(delivery)
        let rows = (1...Self.jobseekers).map { String(format: "3%06dA,75,Personne%d,p%d@example.fr,,", $0, $0, $0) }
        try sandbox.importJobseekers(jobseekersCSV(rows), at: "2026-11-20T09:00:00+01:00")

        // Early in the first batch, then in later ones. A tick starts with a second's worth of
        // sends at once (a full token bucket), so each kill point leaves the next run well behind it.
        let killPoints = [1, 700, 1300]
        for killPoint in killPoints {
            let tick = try sandbox.launch(["tick"], now: Self.opening)
            let reached = waitUntil(timeout: 60) { !tick.isRunning || sink.capturedCount >= killPoint }
            try #require(reached && tick.isRunning, "the tick ended (\(tick.terminationStatus)) before \(killPoint) captures")
            tick.killHard()
        }
        let last = try sandbox.tick(at: Self.opening)
        #expect(last["sent"] ?? 0 > 0, "\(last)")

        let reminders = try sandbox.reminders(at: Self.opening)
        #expect(reminders.count == Self.jobseekers)
        #expect(reminders.allSatisfy { $0.state == "sent" }, "\(reminders.filter { $0.state != "sent" }.prefix(3))")
        let keys = sink.captured().map(relanceKey)
        let distinct = Set(keys)
        #expect(distinct == Set(reminders.map(\.key)), "some reminders never reached the server")
        let duplicates = keys.count - distinct.count
        #expect(duplicates <= killPoints.count * Self.connections, "\(duplicates) duplicates")

        let interrupted = Set(try sandbox.sql(
            "SELECT DISTINCT jobseeker_id || '/' || period || '/' || step FROM attempts WHERE outcome = 'interrupted'"
        ).split(separator: "\n").map(String.init))
        let duplicated = Set(Dictionary(grouping: keys, by: { $0 }).filter { $0.value.count > 1 }.keys)
        #expect(duplicated.isSubset(of: interrupted), "sent twice though not in flight: \(duplicated.subtracting(interrupted))")
        #expect(try sandbox.sql("PRAGMA integrity_check") == "ok")
        #expect(try sandbox.sql("SELECT COUNT(*) FROM attempts WHERE outcome = 'in_flight'") == "0")
        #expect(try sandbox.sql("SELECT COUNT(*) FROM attempts WHERE outcome = 'accepted'") == "\(Self.jobseekers)")
    }

    /// The `X-Relance-Key` of a captured email.
    private func relanceKey(_ message: SMTPSink.CapturedMessage) -> String {
        let header = message.text.split(separator: "\r\n").first { $0.hasPrefix("X-Relance-Key: ") }
        return header.map { String($0.dropFirst("X-Relance-Key: ".count)) } ?? "?"
    }

    /// Polls `condition` every 20 ms until it holds (true) or `timeout` seconds pass (false).
    private func waitUntil(timeout: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while !condition() {
            if Date() > deadline { return false }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return true
    }
}
