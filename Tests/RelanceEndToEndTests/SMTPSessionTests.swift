import RelanceTestSupport
import Testing

/// The SMTP sessions relance drives itself over libcurl's connection (SPEC sections 3 and 9):
/// transactions in lockstep or pipelined, kept connections that the server closes, refusals
/// that must leave the session clean for the next message.
@Suite("SMTP sessions, end to end")
struct SMTPSessionTests {
    private static let opening = "2026-11-28T10:00:00+01:00"

    /// A live sandbox with `count` Paris jobseekers reachable by email then SMS, on one connection
    /// to `server`.
    private func sandbox(_ count: Int, emailTo server: FaultySMTPServer, http: HTTPTestServer) throws -> Sandbox {
        var delivery = LiveDelivery(sink: try SMTPSink(), http: http).with(channels: ["email", "sms"], for: "opening")
        delivery.emailURL = server.url
        delivery.connections = 1
        let sandbox = try Sandbox.live(delivery)
        let rows = (1...count).map {
            String(format: "70%05dA,75,Personne%d,p%d@example.fr,06 98 76 54 %02d,", $0, $0, $0, $0)
        }
        try sandbox.importJobseekers(jobseekersCSV(rows), at: "2026-11-20T09:00:00+01:00")
        return sandbox
    }

    @Test(
        "a server that hangs up after every message: each goes out once, on a new connection",
        arguments: [false, true])
    func hangUpAfterEachMessage(pipelining: Bool) throws {
        let server = try FaultySMTPServer(.hangUpAfterEachMessage, pipelining: pipelining)
        let http = try HTTPTestServer { _ in .ok() }
        let sandbox = try sandbox(5, emailTo: server, http: http)
        let (result, counts) = try sandbox.tickOutcome(at: Self.opening)
        #expect(result.status == 0, "\(result.stderr.prefix(300))")
        #expect(counts["sent"] == 5 && counts["retrying"] == 0, "\(counts)")
        #expect(server.messageCount == 5, "every message accepted exactly once")
        #expect(server.connectionCount == 5, "a new connection for each message")
        #expect(http.requests.isEmpty, "nothing fell back to SMS")
    }

    @Test(
        "a refused recipient leaves the kept session clean: the next message on it goes through",
        arguments: [false, true])
    func refusalsOnAKeptSession(pipelining: Bool) throws {
        let server = try FaultySMTPServer(.refuseEveryOtherRecipient, pipelining: pipelining)
        let http = try HTTPTestServer { _ in .ok() }
        let sandbox = try sandbox(6, emailTo: server, http: http)
        let (result, counts) = try sandbox.tickOutcome(at: Self.opening)
        #expect(result.status == 0, "\(result.stderr.prefix(300))")
        #expect(counts["sent"] == 6 && counts["failed"] == 0 && counts["retrying"] == 0, "\(counts)")
        #expect(server.messageCount == 3, "the three accepted recipients got their email")
        #expect(server.connectionCount == 1, "refusals do not cost the connection")
        #expect(http.requests.count == 3, "the three refused fell back to SMS")
        let reminders = try sandbox.reminders(at: Self.opening)
        let byChannel = Dictionary(grouping: reminders, by: { $0.channel ?? "none" }).mapValues(\.count)
        #expect(byChannel == ["email": 3, "sms": 3], "\(byChannel)")
        let refused = reminders.filter { $0.channel == "sms" }
        #expect(refused.allSatisfy { $0.lastError?.contains("SMTP 550: 5.1.1 Recipient address rejected") == true })
    }
}
