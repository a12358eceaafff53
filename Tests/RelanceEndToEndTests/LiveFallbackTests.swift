import Foundation
import RelanceTestSupport
import Testing

/// Permanent failures (SPEC sections 3 and 4): the next channel of the list, and when none is
/// left, a failed reminder that makes the jobseeker unreachable and routes them to an agency.
@Suite("live delivery fallback, end to end")
struct LiveFallbackTests {
    /// A channel that refuses the message for good, and the channel expected to carry it instead.
    struct Fallback: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var channels: [String]
        /// SMTP commands answered 500.
        var smtpRefuses: [SMTPSink.Command] = []
        /// The HTTP path answered 400.
        var httpRefuses: String?
        /// In `last_error`.
        var error: String
        var expected: String
    }

    static let fallbacks = [
        Fallback(
            testDescription: "SMTP 500 on RCPT, email then sms", channels: ["email", "sms"], smtpRefuses: [.rcpt],
            error: "SMTP 500", expected: "sms"),
        Fallback(
            testDescription: "SMTP 500 after the data, email then webhook", channels: ["email", "webhook"],
            smtpRefuses: [.endOfData], error: "SMTP 500", expected: "webhook"),
        Fallback(
            testDescription: "HTTP 400 from the SMS gateway, sms then email", channels: ["sms", "email"],
            httpRefuses: "/sms", error: "HTTP 400", expected: "email"),
        Fallback(
            testDescription: "HTTP 400 from the webhook, webhook then sms", channels: ["webhook", "sms"],
            httpRefuses: "/webhook", error: "HTTP 400", expected: "sms"),
    ]

    @Test("a permanent failure moves the reminder to the next channel in the same tick", arguments: fallbacks)
    func permanentFailureFallsBack(_ fallback: Fallback) throws {
        let sink = try SMTPSink(hardReject: fallback.smtpRefuses)
        let refused = fallback.httpRefuses
        let server = try HTTPTestServer { request in
            request.path == refused ? .status(400, body: "{\"error\": \"invalid recipient\"}") : .ok()
        }
        let scene = try FaultScene(
            LiveDelivery(sink: sink, http: server).with(channels: fallback.channels, for: "opening"))
        let counts = try scene.sandbox.tick(at: FaultScene.opening)
        #expect(counts["sent"] == 1 && counts["failed"] == 0 && counts["retrying"] == 0, "\(counts)")
        let sent = try scene.reminder()
        #expect(sent.state == "sent" && sent.channel == fallback.expected && sent.attempts == 2, "\(sent)")
        #expect(sent.lastError?.contains(fallback.error) == true, "\(sent.lastError ?? "no error")")
        let smtpAccepted = fallback.smtpRefuses.isEmpty ? sink.captured().count : 0
        let httpAccepted = server.requests.filter { $0.path != refused }.count
        #expect(smtpAccepted + httpAccepted == 1, "the message went out more than once")
    }

    @Test("once max_attempts on SMS fell back to email, a transient email failure is retried on email")
    func transientFailureAfterRetriesExhausted() throws {
        let gateway = try HTTPTestServer { _ in .status(429, body: "slow down") }
        let refusing = try SMTPSink(softReject: [.rcpt])
        let scene = try FaultScene(
            LiveDelivery(sink: refusing, http: gateway).with(channels: ["sms", "email"], for: "opening"))
        // Each tick waits out the longest backoff of the attempt before (30 s doubling): eight
        // SMS attempts, the eighth of which falls back to email within its tick.
        var now = Date(iso: FaultScene.opening)!
        var counts: [String: Int] = [:]
        for attempt in 1...8 {
            if attempt > 1 { now.addTimeInterval(30 * pow(2, Double(attempt - 2))) }
            counts = try scene.sandbox.tick(at: now.iso)
            #expect(gateway.requests.count == attempt, "SMS attempts at \(now.iso)")
        }
        #expect(counts["failed"] == 0 && counts["retrying"] == 1, "\(counts)")
        let pending = try scene.reminder(at: now.iso)
        #expect(pending.state == "pending" && pending.channel == "email" && pending.attempts == 9, "\(pending)")
        #expect(pending.lastError?.contains("450") == true, "\(pending.lastError ?? "no error")")
        // The first attempt on email waits the initial backoff: 15 to 30 s.
        #expect((15...30).contains(try scene.delay(after: now.iso)))

        let healthy = try SMTPSink()
        try scene.expectRetry(
            quiet: now.addingTimeInterval(14).iso, send: now.addingTimeInterval(30).iso, healthy: (healthy, gateway),
            attempts: 10, arrivals: { healthy.captured().count })
        #expect(gateway.requests.count == 8, "tried SMS again after its max_attempts")
    }

    @Test("after a permanent failure the next channel gets all its max_attempts, from the initial backoff")
    func fullRetriesAfterPermanentFailure() throws {
        let sink = try SMTPSink(hardReject: [.rcpt])
        let gateway = try HTTPTestServer { _ in .status(503) }
        var delivery = LiveDelivery(sink: sink, http: gateway).with(channels: ["email", "sms"], for: "opening")
        delivery.maxAttempts = 3
        let scene = try FaultScene(delivery)
        // Email refused for good at the opening, then SMS attempts 1 and 2 in the same tick and
        // the next one, each followed by its own backoff: 15 to 30 s, then 30 to 60 s.
        for (now, delays) in [(FaultScene.opening, 15...30), ("2026-11-28T10:30:30+01:00", 30...60)] {
            let counts = try scene.sandbox.tick(at: now)
            #expect(counts["retrying"] == 1 && counts["failed"] == 0, "\(counts) at \(now)")
            #expect(delays.contains(try scene.delay(after: now)), "backoff at \(now)")
        }
        let last = try scene.sandbox.tick(at: "2026-11-28T10:31:30+01:00")
        #expect(last["failed"] == 1, "\(last)")
        #expect(gateway.requests.count == 3, "\(gateway.requests.count) SMS attempts instead of max_attempts")
        let failed = try scene.reminder(at: "2026-11-28T10:31:30+01:00")
        #expect(failed.state == "failed" && failed.attempts == 4, "\(failed)")
        let attempts = try scene.sandbox.sql("SELECT channel || ' ' || outcome FROM attempts ORDER BY id")
        #expect(attempts == "email permanent\nsms transient\nsms transient\nsms transient", "\(attempts)")
    }

    @Test("no channel left: the reminder fails and closing opens an agency case for the unreachable")
    func noChannelLeft() throws {
        let sink = try SMTPSink(hardReject: [.rcpt])
        let server = try HTTPTestServer { _ in .ok() }
        let scene = try FaultScene(LiveDelivery(sink: sink, http: server))
        let counts = try scene.sandbox.tick(at: FaultScene.opening)
        #expect(counts["failed"] == 1 && counts["sent"] == 0, "\(counts)")
        let failed = try scene.reminder()
        #expect(failed.state == "failed" && failed.attempts == 1, "\(failed)")
        // `last_error` says why the reminder ended; the attempt keeps the server's reply.
        #expect(failed.lastError?.contains("no usable channel") == true, "\(failed.lastError ?? "no error")")
        let attempts = try scene.sandbox.sql("SELECT channel, outcome, reply FROM attempts")
        #expect(attempts.hasPrefix("email|permanent|SMTP 500"), "\(attempts)")

        // Paris closes at midnight; the period itself closes with the last territory.
        let closing = "2026-12-16T01:00:00+01:00"
        let closed = try scene.sandbox.tick(at: closing)
        #expect(closed["missed"] == 1 && closed["cases_opened"] == 1, "\(closed)")
        let cases = try scene.sandbox.cases(at: closing).filter { $0.jobseekerID == FaultScene.jobseeker }
        #expect(cases.count == 1)
        #expect(cases.first?.route == "agency" && cases.first?.state == "open", "\(cases)")
        #expect(cases.first?.reasons.contains("unreachable 2026-11") == true, "\(cases)")
    }
}
