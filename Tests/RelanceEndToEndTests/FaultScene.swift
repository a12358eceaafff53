import Foundation
import RelanceTestSupport
import Testing

/// One jobseeker in Paris with an email address and a mobile, in a live sandbox whose servers
/// misbehave, ticked at the opening of 2026-11 when their `opening` reminder falls due.
struct FaultScene {
    static let opening = "2026-11-28T10:30:00+01:00"
    static let jobseeker = "2000001A"
    static let key = "2000001A/2026-11/opening"

    let sandbox: Sandbox
    let delivery: LiveDelivery

    init(_ delivery: LiveDelivery) throws {
        self.delivery = delivery
        sandbox = try Sandbox.live(delivery)
        try sandbox.importJobseekers(
            jobseekersCSV(["\(Self.jobseeker),75,Aïcha,aicha.benali@example.fr,06 98 76 54 32,"]),
            at: "2026-11-20T09:00:00+01:00")
    }

    /// The opening reminder as `reminders list` shows it at `now`.
    func reminder(at now: String = opening) throws -> ReminderListing {
        try #require(try sandbox.reminders(at: now).first { $0.key == Self.key })
    }

    /// Points the sandbox at healthy servers, keeping the step channels.
    func heal(_ sink: SMTPSink, _ http: HTTPTestServer) throws {
        try sandbox.reconfigure(delivery.sending(to: sink, http))
    }

    /// Seconds from `now` to the opening reminder's next attempt.
    func delay(after now: String) throws -> Int {
        let next = try sandbox.sql("SELECT next_attempt_at FROM reminders WHERE step = 'opening'")
        return try #require(Int(next)) - Int(try #require(Date(iso: now)).timeIntervalSince1970)
    }

    /// After a transient failure: heals the servers, then expects a tick at `quiet` to send
    /// nothing and one at `send` to send the reminder once more, as attempt `attempts` (2 after a
    /// failure at the opening). `arrivals` counts what reached the healthy servers.
    func expectRetry(
        quiet: String, send: String, healthy: (SMTPSink, HTTPTestServer), attempts: Int = 2, arrivals: () -> Int
    ) throws {
        try heal(healthy.0, healthy.1)
        #expect(try sandbox.tick(at: quiet)["sent"] == 0, "retried before its delay")
        #expect(arrivals() == 0)
        #expect(try sandbox.tick(at: send)["sent"] == 1)
        #expect(arrivals() == 1)
        let sent = try reminder(at: send)
        #expect(sent.state == "sent" && sent.attempts == attempts, "\(sent)")
    }
}
