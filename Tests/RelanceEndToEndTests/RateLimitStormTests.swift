import Foundation
import RelanceTestSupport
import Testing

/// An SMS gateway that answers 429 to every request for 200 reminders across many ticks
/// (SPEC sections 3 and 9): nothing is lost, sent twice or sent early; attempts are bounded and
/// wait for their backoff and `Retry-After`; the storm ends as SPEC section 3 says.
@Suite("429 storms on the SMS gateway, end to end", .serialized)
struct RateLimitStormTests {
    static let count = 200
    static let retryAfter = ["Retry-After": "120"]
    /// The jobseekers' ids, made as the rows are (not read from the database).
    static let ids = (1...count).map { String(format: "5%06dA", $0) }

    /// `value` for every jobseeker: what a per-key count must equal.
    static func each(_ value: Int) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: ids.map { ($0, value) })
    }

    /// 200 jobseekers in Paris with a mobile (and an email when `withEmail`), whose `opening`
    /// reminder goes by `channels`, and an SMS gateway answering 429 with `headers`.
    struct Storm {
        let sandbox: Sandbox
        let delivery: LiveDelivery
        let sink: SMTPSink
        let gateway: HTTPTestServer

        init(channels: [String], withEmail: Bool, headers: [String: String]) throws {
            sink = try SMTPSink()
            gateway = try HTTPTestServer { _ in .status(429, headers: headers, body: "slow down") }
            delivery = LiveDelivery(sink: sink, http: gateway).with(channels: channels, for: "opening")
            sandbox = try Sandbox.live(delivery)
            let rows = (1...RateLimitStormTests.count).map {
                String(format: "5%06dA,75,Personne%d,%@,06%08d,", $0, $0, withEmail ? "m\($0)@example.fr" : "", $0)
            }
            precondition(rows.map { String($0.prefix(8)) } == RateLimitStormTests.ids)
            try sandbox.importJobseekers(jobseekersCSV(rows), at: "2026-11-20T09:00:00+01:00")
        }

        /// The opening reminders: jobseeker to (state, attempts, next attempt in Unix seconds).
        func reminders() throws -> [String: (state: String, attempts: Int, next: Int)] {
            let rows = try sandbox.sql(
                "SELECT jobseeker_id, state, attempts, next_attempt_at FROM reminders WHERE step = 'opening'")
            var result: [String: (state: String, attempts: Int, next: Int)] = [:]
            for row in rows.split(separator: "\n") {
                let fields = row.split(separator: "|").map(String.init)
                result[fields[0]] = (fields[1], Int(fields[2])!, Int(fields[3])!)
            }
            return result
        }

        /// The transient SMS attempts of the opening reminders recorded, by jobseeker.
        func transientAttempts() throws -> [String: Int] {
            var counts: [String: Int] = [:]
            for (key, count) in try sandbox.attempts("transient") where key.hasSuffix("/opening") {
                counts[String(key.prefix { $0 != "/" }), default: 0] += count
            }
            return counts
        }

        /// SMS requests of the opening reminders received by `server`, by jobseeker.
        static func openingRequests(_ server: HTTPTestServer) -> [String: Int] {
            var counts: [String: Int] = [:]
            for request in server.requests where request.path == "/sms" {
                let body = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]
                guard let reference = body?["reference"] as? String, reference.hasSuffix("/opening") else { continue }
                counts[String(reference.prefix { $0 != "/" }), default: 0] += 1
            }
            return counts
        }

        /// Ticks at each instant while the storm lasts, checking after each one that no reminder
        /// was tried on SMS before its next attempt was due, nor more than once per tick, nor more
        /// than `maxAttempts` times in all; that none failed; and that every request the gateway
        /// got is an attempt recorded.
        func rage(through instants: [String], maxAttempts: Int = 8) throws {
            for now in instants {
                let (before, asked) = (try reminders(), Self.openingRequests(gateway))
                let at = Int(Date(iso: now)!.timeIntervalSince1970)
                _ = try sandbox.tickOutcome(at: now)
                let requests = Self.openingRequests(gateway)
                for (jobseeker, earlier) in before {
                    let tried = requests[jobseeker, default: 0] - asked[jobseeker, default: 0]
                    #expect(tried == 0 || earlier.next <= at, "\(jobseeker) tried before its time at \(now)")
                    #expect(tried <= 1, "\(jobseeker) tried \(tried) times in the tick at \(now)")
                }
                #expect(try reminders().values.allSatisfy { $0.state != "failed" }, "a reminder failed at \(now)")
                #expect(try transientAttempts() == requests, "requests and recorded attempts disagree at \(now)")
                #expect(requests.values.allSatisfy { $0 <= maxAttempts }, "more than \(maxAttempts) attempts")
            }
        }
    }

    @Test(
        "a storm over six ticks keeps every reminder pending within its backoff; once it ends each goes out once",
        arguments: [[:], retryAfter])
    func stormThenRecovery(headers: [String: String]) throws {
        let storm = try Storm(channels: ["sms"], withEmail: false, headers: headers)
        try storm.rage(through: [
            "2026-11-28T10:30:00+01:00", "2026-11-28T10:30:20+01:00", "2026-11-28T10:31:00+01:00",
            "2026-11-28T10:32:30+01:00", "2026-11-28T10:35:00+01:00", "2026-11-28T10:40:00+01:00",
        ])
        let stormed = try storm.reminders()
        #expect(Set(stormed.keys) == Set(Self.ids) && stormed.values.allSatisfy { $0.state == "pending" })
        let attempts = stormed.values.map(\.attempts)
        #expect(attempts.min() ?? 0 >= 3, "the storm was hardly retried: \(attempts.min() ?? 0) attempts")
        if headers == Self.retryAfter {
            // Attempts at 10:30:00, 10:32:30, 10:35:00 and 10:40:00 only: each waited 120 s.
            #expect(attempts.allSatisfy { $0 == 4 }, "Retry-After not honoured: \(Set(attempts))")
        }

        let healthy = try HTTPTestServer { _ in .ok() }
        try storm.sandbox.reconfigure(storm.delivery.sending(to: storm.sink, healthy))
        let recovered = try storm.sandbox.tick(at: "2026-11-28T11:30:00+01:00")
        #expect(recovered["sent"] == Self.count, "\(recovered)")
        #expect(Storm.openingRequests(healthy) == Self.each(1), "lost or sent twice")
        #expect(try storm.sandbox.tick(at: "2026-11-28T12:00:00+01:00")["sent"] == 0)
        #expect(Storm.openingRequests(healthy) == Self.each(1) && healthy.requests.count == Self.count)
        #expect(storm.sink.captured().isEmpty, "an SMS-only reminder went by email")
    }

    @Test("a storm outlasting max_attempts falls back to email after exactly eight SMS attempts, sent once")
    func stormExhaustsAttempts() throws {
        let storm = try Storm(channels: ["sms", "email"], withEmail: true, headers: [:])
        // A tick every ten minutes for two and a half hours: the backoff (30 s doubling, with
        // jitter) reaches the eighth attempt by 12:20 at the latest.
        let start = Date(iso: "2026-11-28T10:30:00+01:00")!
        try storm.rage(through: (0..<16).map { start.addingTimeInterval(Double($0) * 600).iso })
        let ended = try storm.reminders()
        #expect(Set(ended.keys) == Set(Self.ids))
        #expect(ended.values.allSatisfy { $0.state == "sent" }, "\(Set(ended.values.map(\.state)))")
        #expect(Storm.openingRequests(storm.gateway) == Self.each(8))
        let emails = KeyedCopies(storm.sink)
        #expect(
            emails.copies == Dictionary(uniqueKeysWithValues: Self.ids.map { ("\($0)/2026-11/opening", 1) }),
            "\(emails.copies.count) reminders by email, \(emails.extraTotal) copies beyond the first")
        let listed = try storm.sandbox.reminders(at: "2026-11-28T13:00:00+01:00").filter { $0.step == "opening" }
        #expect(
            listed.count == Self.count && listed.allSatisfy { $0.channel == "email" && $0.attempts == 9 },
            "\(listed.first.map { "\($0)" } ?? "")")
    }

    @Test("a storm that outlasts the reminders' relevance ends with them expired: never sent, never failed")
    func stormPastExpiry() throws {
        // "Come back in two days": one attempt every other day until d-5 falls due on 10 December.
        let storm = try Storm(channels: ["sms"], withEmail: false, headers: ["Retry-After": "172800"])
        let start = Date(iso: "2026-11-28T10:30:00+01:00")!
        try storm.rage(through: (0...12).map { start.addingTimeInterval(Double($0) * 86_400).iso })
        let ended = try storm.reminders()
        #expect(Set(ended.keys) == Set(Self.ids) && ended.values.allSatisfy { $0.state == "expired" })
        // 28 and 30 November, 2, 4, 6 and 8 December.
        #expect(ended.values.allSatisfy { $0.attempts == 6 }, "\(Set(ended.values.map(\.attempts)))")
        #expect(try storm.sandbox.sql("SELECT COUNT(*) FROM attempts WHERE outcome = 'accepted'") == "0")
        #expect(try storm.sandbox.sql("SELECT COUNT(*) FROM members WHERE unreachable") == "0")
    }
}
