import Foundation
import RelanceTestSupport
import Testing

/// The sample cycle of 2026-11 delivered live to an SMTP sink and an HTTP server, the wire
/// checked by independent parsers.
@Suite("live delivery, end to end")
struct LiveDeliveryTests {
    /// The sample directory ticked live at the opening of 2026-11 (emails, the `sms` and
    /// `webhook` preferences), then at d-5 after the 2026-11 declarations (SMS first).
    struct SampleCycle {
        static let opening = "2026-11-28T10:30:00+01:00"
        static let dMinus5 = "2026-12-10T10:30:00+01:00"

        let sink: SMTPSink
        let server: HTTPTestServer
        /// Every reminder after both ticks.
        let reminders: [ReminderListing]

        init() throws {
            sink = try SMTPSink()
            server = try HTTPTestServer { request in
                request.path == "/sms" ? .ok(#"{"id": "gw-1"}"#, headers: ["Content-Type": "application/json"]) : .ok()
            }
            let sandbox = try Sandbox.live(LiveDelivery(sink: sink, http: server))
            try sandbox.importSampleDirectory(at: "2026-11-20T09:00:00+01:00")
            _ = try sandbox.tick(at: Self.opening)
            try sandbox.succeed(["import", "declarations", Self.declarations(in: sandbox)], now: Self.dMinus5)
            _ = try sandbox.tick(at: Self.dMinus5)
            reminders = try sandbox.reminders(at: Self.dMinus5)
        }

        /// The rows of `declarations-2026-11.csv` declared before the d-5 tick, written in the sandbox.
        static func declarations(in sandbox: Sandbox) throws -> String {
            let text = try String(contentsOfFile: Sandbox.sample("declarations-2026-11.csv"), encoding: .utf8)
            let lines = text.split(separator: "\n")
            let early = lines.dropFirst().filter { unixTime(String($0.split(separator: ",")[2])) < unixTime(dMinus5) }
            return try sandbox.write("declarations-early.csv", ([lines[0]] + early).joined(separator: "\n") + "\n")
        }

        /// The reminders sent on `channel`.
        func sent(on channel: String) -> [ReminderListing] {
            reminders.filter { $0.state == "sent" && $0.channel == channel }
        }
    }

    /// The subject of each step's email in period 2026-11 (config/templates), written out by hand.
    static let subjects = [
        "opening": "Votre actualisation pour novembre 2026 est ouverte",
        "d-5": "Rappel\u{00A0}: actualisez-vous d'ici le mardi 15 décembre 2026",
    ]

    @Test("every email sent arrives exactly once, and Python's email parser reads what was meant")
    func emailsOnTheWire() throws {
        let cycle = try SampleCycle()
        let sent = Dictionary(uniqueKeysWithValues: cycle.sent(on: "email").map { ($0.key, $0) })
        #expect(sent.count > 30)
        #expect(Set(sent.values.map(\.step)) == ["opening", "d-5"])
        let captured = cycle.sink.captured()
        let parsed = try Python.parseEmails(captured.map(\.body))
        #expect(captured.count == sent.count)
        #expect(Set(parsed.map(\.relanceKey)) == Set(sent.keys))
        for (capture, email) in zip(captured, parsed) {
            let reminder = try #require(sent[email.relanceKey], "\(email.relanceKey) was not listed as sent by email")
            let person = try #require(SampleJobseeker.all[reminder.jobseekerID])
            #expect(capture.mailFrom == "ne-pas-repondre@example.fr")
            #expect(capture.recipients == [person.email])
            #expect(email.to == [person.email])
            #expect(email.fromName == "France Travail" && email.fromAddress == "ne-pas-repondre@example.fr")
            #expect(email.subject == Self.subjects[reminder.step])
            #expect(email.date == Double(unixTime(try #require(reminder.sentAt))))
            #expect(email.messageID == "<relance.\(reminder.jobseekerID).2026-11.\(reminder.step)@example.fr>")
            #expect(email.mimeVersion == "1.0")
            #expect(["text/plain", "multipart/alternative"].contains(email.contentType))
            #expect(
                email.text?.contains(person.firstName) == true, "\(email.relanceKey): text lacks \(person.firstName)")
            #expect(email.crlfOnly, "\(email.relanceKey): a line does not end in CRLF")
            #expect(email.asciiHeaders, "\(email.relanceKey): raw non-ASCII in the header section")
            #expect(email.defects.isEmpty, "\(email.relanceKey): \(email.defects)")
        }
    }

    /// The SMS and its E.164 number SPEC section 7 implies, for a few sample jobseekers.
    static let numbers = [
        "1000001A": "+33612345678", "1000002B": "+33712345601", "1000003C": "+33612340003",
        "1000005E": "+33612340005", "1000014P": "+33612000014", "1000021W": "+33712000021",
        "1000059L": "+262692120059", "1000061N": "+262639120061", "1000062P": "+262639120062",
    ]

    struct SMSBody: Decodable {
        var to: String
        var from: String
        var text: String
        var reference: String
    }

    @Test("one authenticated JSON POST per SMS sent, to an E.164 number")
    func smsOnTheWire() throws {
        let cycle = try SampleCycle()
        let sent = Dictionary(uniqueKeysWithValues: cycle.sent(on: "sms").map { ($0.key, $0) })
        let requests = cycle.server.requests.filter { $0.path == "/sms" }
        #expect(sent.count > 10)
        #expect(requests.count == sent.count)
        var references: [String] = []
        for request in requests {
            #expect(request.method == "POST")
            #expect(request.header("Authorization") == "Bearer \(LiveDelivery.smsToken)")
            #expect(request.header("Content-Type") == "application/json")
            let body = try JSONDecoder().decode(SMSBody.self, from: Data(request.body))
            references.append(body.reference)
            let reminder = try #require(sent[body.reference], "\(body.reference) was not listed as sent by SMS")
            #expect(body.to.wholeMatch(of: /\+[1-9][0-9]{8,13}/) != nil, "not E.164: \(body.to)")
            if let number = Self.numbers[reminder.jobseekerID] { #expect(body.to == number) }
            #expect(body.from == "FTRAVAIL")
            #expect(body.text.contains(SampleJobseeker.all[reminder.jobseekerID]?.firstName ?? "?"))
        }
        #expect(references.sorted() == sent.keys.sorted())
        #expect(references.contains("1000062P/2026-11/opening"), "Mayotte's SMS preference")
    }

    struct WebhookBody: Decodable, Equatable {
        var type: String
        var key: String
        var jobseekerID: String
        var period: String
        var step: String
        var closing: String

        enum CodingKeys: String, CodingKey {
            case type, key, period, step, closing
            case jobseekerID = "jobseeker_id"
        }
    }

    @Test("webhooks carry the key as Idempotency-Key and an HMAC signature Python verifies")
    func webhooksOnTheWire() throws {
        let cycle = try SampleCycle()
        let sent = Dictionary(uniqueKeysWithValues: cycle.sent(on: "webhook").map { ($0.key, $0) })
        let requests = cycle.server.requests.filter { $0.path == "/webhook" }
        #expect(sent.keys.contains("1000060M/2026-11/opening"), "Réunion's webhook preference")
        #expect(requests.count == sent.count)
        var signed: [(header: String, body: [UInt8])] = []
        for request in requests {
            let key = try #require(request.header("Idempotency-Key"))
            let reminder = try #require(sent[key], "\(key) was not listed as sent by webhook")
            #expect(request.method == "POST")
            #expect(request.header("Content-Type") == "application/json")
            let body = try JSONDecoder().decode(WebhookBody.self, from: Data(request.body))
            #expect(
                body
                    == WebhookBody(
                        type: "reminder", key: key, jobseekerID: reminder.jobseekerID, period: "2026-11",
                        step: reminder.step, closing: "2026-12-16T00:00:00+04:00"))
            let signature = try #require(request.header("Relance-Signature"))
            let time = try #require(signature.wholeMatch(of: /t=([0-9]+),v1=[0-9a-f]{64}/)?.output.1)
            #expect(Int64(time) == unixTime(try #require(reminder.sentAt)))
            signed.append((signature, request.body))
        }
        #expect(try Python.verifySignatures(signed, secret: LiveDelivery.webhookSecret).allSatisfy { $0 })
        #expect(try Python.verifySignatures(signed, secret: "another secret").allSatisfy { !$0 })
    }

    @Test(
        "a tick sends however many reminders fall due together",
        arguments: 1...16)
    func anyBatchSize(count: Int) throws {
        let sink = try SMTPSink()
        let server = try HTTPTestServer { _ in .ok() }
        let sandbox = try Sandbox.live(LiveDelivery(sink: sink, http: server))
        let rows = (1...count).map { "40000\(String(format: "%02d", $0))A,75,Personne,p\($0)@example.fr,," }
        try sandbox.importJobseekers(jobseekersCSV(rows), at: "2026-11-20T09:00:00+01:00")
        let (result, counts) = try sandbox.tickOutcome(at: SampleCycle.opening)
        #expect(result.status == 0, "\(result.stderr.prefix(300))")
        #expect(counts["sent"] == count)
        #expect(sink.capturedCount == count)
    }
}
