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
