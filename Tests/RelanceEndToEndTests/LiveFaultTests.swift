import Foundation
import RelanceTestSupport
import Testing

/// Transient failures and channels down (SPEC sections 3, 8 and 9): the work stays queued and
/// goes out later, never lost, never early.
@Suite("live delivery faults, end to end")
struct LiveFaultTests {
    @Test(
        "SMTP 450 is transient: pending, retried after the backoff with the same Message-ID",
        arguments: [SMTPSink.Command.rcpt, .endOfData])
    func smtpTransient(rejected: SMTPSink.Command) throws {
        let failing = try SMTPSink(softReject: [rejected])
        let server = try HTTPTestServer { _ in .ok() }
        let scene = try FaultScene(LiveDelivery(sink: failing, http: server))
        let first = try scene.sandbox.tick(at: FaultScene.opening)
        #expect(first["sent"] == 0 && first["retrying"] == 1, "\(first)")
        let pending = try scene.reminder()
        #expect(pending.state == "pending" && pending.attempts == 1, "\(pending)")
        #expect(pending.lastError?.contains("450") == true, "\(pending.lastError ?? "no error")")
        // Rejected at `.`, the first attempt reached the server in full.
        #expect(failing.captured().count == (rejected == .endOfData ? 1 : 0))

        let healthy = try SMTPSink()
        // Backoff after attempt 1: 15 to 30 s (initial 30s, equal jitter).
        try scene.expectRetry(
            quiet: "2026-11-28T10:30:14+01:00", send: "2026-11-28T10:31:00+01:00", healthy: (healthy, server),
            arrivals: { healthy.captured().count })
        let copies = try Python.parseEmails((failing.captured() + healthy.captured()).map(\.body))
        #expect(Set(copies.map(\.messageID)) == ["<relance.2000001A.2026-11.opening@example.fr>"])
        #expect(Set(copies.map(\.relanceKey)) == [FaultScene.key])
    }

    @Test(
        "an SMTP exchange broken after the greeting is transient: pending, then retried after the backoff",
        arguments: [FaultySMTPServer.Fault.garbageReplyToData, .dropDuringData])
    func smtpBrokenExchange(fault: FaultySMTPServer.Fault) throws {
        let failing = try FaultySMTPServer(fault)
        let server = try HTTPTestServer { _ in .ok() }
        var delivery = LiveDelivery(sink: try SMTPSink(), http: server)
        delivery.emailURL = failing.url
        let scene = try FaultScene(delivery)
        let (result, counts) = try scene.sandbox.tickOutcome(at: FaultScene.opening)
        #expect(result.status == 0, "a broken exchange is not a channel down: \(result.stderr)")
        #expect(counts["sent"] == 0 && counts["retrying"] == 1 && counts["failed"] == 0, "\(counts)")
        #expect(failing.connectionCount >= 1)
        let pending = try scene.reminder()
        #expect(pending.state == "pending" && pending.attempts == 1 && pending.channel == "email", "\(pending)")

        let healthy = try SMTPSink()
        try scene.expectRetry(
            quiet: "2026-11-28T10:30:14+01:00", send: "2026-11-28T10:31:00+01:00", healthy: (healthy, server),
            arrivals: { healthy.captured().count })
    }

    /// An HTTP reply the SMS gateway gives to the first attempt, with when the retry may and
    /// must happen.
    struct Transient: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var reply: HTTPTestServer.Response
        /// In `last_error` after the first attempt.
        var error: String
        var timeout = "5s"
        /// No retry at this instant…
        var quiet = "2026-11-28T10:30:14+01:00"
        /// …but by this one.
        var send = "2026-11-28T10:31:00+01:00"
    }

    static let transients = [
        Transient(testDescription: "HTTP 500", reply: .status(500, body: "oops"), error: "HTTP 500"),
        Transient(testDescription: "HTTP 408", reply: .status(408), error: "HTTP 408"),
        Transient(testDescription: "HTTP 503", reply: .status(503), error: "HTTP 503"),
        Transient(testDescription: "HTTP 429 without Retry-After", reply: .status(429), error: "HTTP 429"),
        Transient(
            testDescription: "a reply slower than timeout: 1s", reply: Response.ok().delayed(by: 3), error: "timed out",
            timeout: "1s"),
        Transient(testDescription: "the connection closed with no reply", reply: .hangUp, error: "Empty reply"),
    ]
    typealias Response = HTTPTestServer.Response

    /// 429 with `Retry-After: 120` (seconds, or the HTTP date of the opening + 120 s): the backoff
    /// alone would retry within 30 s.
    static let retryAfters = [
        Transient(
            testDescription: "HTTP 429, Retry-After in seconds", reply: .status(429, headers: ["Retry-After": "120"]),
            error: "HTTP 429", quiet: "2026-11-28T10:31:59+01:00", send: "2026-11-28T10:32:00+01:00"),
        Transient(
            testDescription: "HTTP 429, Retry-After as an HTTP date",
            reply: .status(429, headers: ["Retry-After": "Sat, 28 Nov 2026 09:32:00 GMT"]),
            error: "HTTP 429", quiet: "2026-11-28T10:31:59+01:00", send: "2026-11-28T10:32:00+01:00"),
    ]

    @Test(
        "Retry-After delays the retry of an HTTP 429",
        arguments: retryAfters)
    func retryAfter(_ transient: Transient) throws {
        try httpTransient(transient)
    }

    @Test("an HTTP failure that may pass is retried after the backoff, not before", arguments: transients)
    func httpTransient(_ transient: Transient) throws {
        let sink = try SMTPSink()
        let failing = try HTTPTestServer { _ in transient.reply }
        var delivery = LiveDelivery(sink: sink, http: failing).with(channels: ["sms", "email"], for: "opening")
        delivery.timeout = transient.timeout
        let scene = try FaultScene(delivery)
        let first = try scene.sandbox.tick(at: FaultScene.opening)
        #expect(first["sent"] == 0 && first["retrying"] == 1, "\(first)")
        #expect(failing.requests.count == 1)
        let pending = try scene.reminder()
        #expect(pending.state == "pending" && pending.attempts == 1, "\(pending)")
        #expect(pending.lastError?.contains(transient.error) == true, "\(pending.lastError ?? "no error")")

        let healthy = try HTTPTestServer { _ in .ok() }
        try scene.expectRetry(
            quiet: transient.quiet, send: transient.send, healthy: (sink, healthy),
            arrivals: { healthy.requests.filter { $0.path == "/sms" }.count })
        #expect(sink.captured().isEmpty, "fell back to email instead of retrying the SMS")
    }

    /// A channel whose server cannot be used at all.
    struct Outage: Sendable, CustomTestStringConvertible {
        /// How the server fails.
        enum Kind: Sendable {
            /// Nobody listens on the channel's port.
            case notListening
            /// The HTTP server answers 401 to our credentials.
            case unauthorized
            /// The server does not speak the protocol: a line of junk instead of an SMTP greeting
            /// or an HTTP reply (SPEC section 8: no connection to it can be established).
            case garbage
        }

        var testDescription: String
        var channel: String
        var kind: Kind
    }

    static let outages = [
        Outage(testDescription: "SMTP server not listening", channel: "email", kind: .notListening),
        Outage(testDescription: "SMS gateway not listening", channel: "sms", kind: .notListening),
        Outage(testDescription: "SMS gateway answers 401", channel: "sms", kind: .unauthorized),
        Outage(testDescription: "webhook answers 401", channel: "webhook", kind: .unauthorized),
        Outage(testDescription: "SMTP server greets with garbage", channel: "email", kind: .garbage),
        Outage(testDescription: "SMS gateway answers garbage, not HTTP", channel: "sms", kind: .garbage),
    ]

    @Test("a channel down exits 69 naming it, keeps the work queued, and the next tick sends it", arguments: outages)
    func channelDown(_ outage: Outage) throws {
        let sink = try SMTPSink()
        let refusing = try HTTPTestServer { _ in
            outage.kind == .garbage ? .garbage("SSH-2.0-OpenSSH_9.2\r\n") : .status(401, body: "invalid token")
        }
        let deadPort = try DeadPort()
        let garbling = try FaultySMTPServer(.garbageGreeting)
        var delivery = LiveDelivery(sink: sink, http: refusing).with(channels: [outage.channel], for: "opening")
        switch (outage.channel, outage.kind) {
        case ("email", .garbage): delivery.emailURL = garbling.url
        case ("email", _): delivery.emailURL = deadPort.url(scheme: "smtp")
        case ("sms", .notListening): delivery.smsURL = deadPort.url(scheme: "http")
        default: break
        }
        let scene = try FaultScene(delivery)
        let (result, counts) = try scene.sandbox.tickOutcome(at: FaultScene.opening)
        #expect(result.status == 69, "\(result.stderr)")
        #expect(result.stderr.contains("down: \(outage.channel)"), "\(result.stderr)")
        #expect(counts["sent"] == 0 && counts["failed"] == 0, "\(counts)")
        let queued = try scene.reminder()
        #expect(queued.state == "pending" && queued.attempts == 0, "\(queued)")
        let dump = try scene.sandbox.sql(".dump")
        for secret in [LiveDelivery.smsToken, LiveDelivery.webhookSecret] {
            #expect(!result.stderr.contains(secret) && !dump.contains(secret), "a secret was logged or stored")
        }

        let healthy = try HTTPTestServer { _ in .ok() }
        try scene.heal(sink, healthy)
        #expect(try scene.sandbox.tick(at: "2026-11-28T10:31:00+01:00")["sent"] == 1)
        let sent = try scene.reminder()
        #expect(sent.state == "sent" && sent.channel == outage.channel && sent.attempts == 1, "\(sent)")
        let arrived = sink.captured().count + healthy.requests.count
        #expect(arrived == 1)
    }

    @Test(
        "reminders list names the channel of the last attempt before the reminder is sent",
        arguments: [false, true])
    func channelOfLastAttempt(permanent: Bool) throws {
        let sink = try permanent ? SMTPSink(hardReject: [.rcpt]) : SMTPSink(softReject: [.rcpt])
        let server = try HTTPTestServer { _ in .ok() }
        let scene = try FaultScene(LiveDelivery(sink: sink, http: server))
        _ = try scene.sandbox.tick(at: FaultScene.opening)
        let reminder = try scene.reminder()
        #expect(reminder.state == (permanent ? "failed" : "pending") && reminder.attempts == 1, "\(reminder)")
        #expect(reminder.channel == "email", "\(reminder)")
    }
}
