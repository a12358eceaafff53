import Foundation
import RelanceTestSupport
import Testing

/// Delivery receipts over HTTP and the silent-provider alarm (SPEC 13), through the executable,
/// an SMS gateway and an SMTP sink on loopback: the test plays the provider, which accepts every
/// message and then sends (or does not send) its receipts to `relance serve`.
@Suite("delivery receipts and the silent-provider alarm, end to end")
struct ReceiptTests {
    @Test("a gateway that delivers everything: every reminder delivered, no fallback, no alarm")
    func everythingDelivered() throws {
        let scene = try ReceiptScene()
        #expect(try scene.sandbox.tick(at: ReceiptScene.opening)["sent"] == 40)
        let sent = scene.smsSent()
        #expect(sent.count == 40)
        #expect(try scene.reminders(at: ReceiptScene.opening).values.allSatisfy { $0.delivery == "unconfirmed" })
        let server = try scene.serve(at: "2026-11-28T10:35:00+01:00")
        let reply = try server.request(
            "POST", "/v1/receipts/sms", token: HTTPClients.receiptsToken,
            json: ReceiptScene.smsReceipts(sent.map { ($0.reference, "delivered") }))
        #expect(reply.status == 200, "\(reply.body)")
        #expect(reply.json?["matched"] as? Int == 40 && reply.json?["unknown"] as? Int == 0, "\(reply.body)")
        server.process.killHard()

        let (result, counts) = try scene.sandbox.tickOutcome(at: ReceiptScene.afterTimeout)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(counts["sent"] == 0, "\(counts)")
        #expect(scene.sink.captured().isEmpty, "fell back to email although every SMS was delivered")
        #expect(try scene.reminders(at: ReceiptScene.afterTimeout).values.allSatisfy { $0.delivery == "delivered" })
        let status = try scene.sandbox.succeed(["status", "--format", "json"], now: ReceiptScene.afterTimeout)
        let document = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        #expect(document?["channels_degraded"] as? [String] == [], "\(status.stdout)")
    }

    @Test("a gateway that silently drops a quarter: the alarm fires, those people get the email, the report says so")
    func silentDrops() throws {
        let scene = try ReceiptScene()
        #expect(try scene.sandbox.tick(at: ReceiptScene.opening)["sent"] == 40)
        let sent = scene.smsSent()
        // Every fourth message vanishes: the provider says nothing about it.
        let dropped = Set(sent.enumerated().filter { $0.offset % 4 == 3 }.map(\.element.reference))
        let server = try scene.serve(at: "2026-11-28T10:35:00+01:00")
        let reply = try server.request(
            "POST", "/v1/receipts/sms", token: HTTPClients.receiptsToken,
            json: ReceiptScene.smsReceipts(
                sent.filter { !dropped.contains($0.reference) }.map { ($0.reference, "delivered") }))
        #expect(reply.status == 200 && reply.json?["matched"] as? Int == 30, "\(reply.body)")
        server.process.killHard()

        let (result, counts) = try scene.sandbox.tickOutcome(at: ReceiptScene.afterTimeout)
        #expect(result.status == 69, "a degraded channel is as loud as a channel down: \(result.stderr)")
        #expect(result.stderr.contains("delivery channel degraded"), "\(result.stderr)")
        #expect(counts["sent"] == 10, "\(counts)")
        let emails = scene.sink.captured()
        let reminded = Set(emails.flatMap(\.recipients))
        let expected = Set(
            dropped.compactMap { reference -> String? in
                guard let index = scene.ids.firstIndex(of: String(reference.prefix(8))) else { return nil }
                return "p.\(index + 1)@example.fr"
            })
        #expect(expected.isSubset(of: reminded) && expected.count == 10, "\(reminded.sorted())")
        #expect(reminded.contains("exploitation@example.fr"), "operations got no alert: \(reminded.sorted())")
        #expect(emails.filter { $0.recipients == ["exploitation@example.fr"] }.count == 1)
        let reminders = try scene.reminders(at: ReceiptScene.afterTimeout)
        for reference in dropped {
            let reminder = try #require(reminders[reference])
            #expect(reminder.channel == "email" && reminder.state == "sent", "\(reminder)")
        }

        let status = try scene.sandbox.run(["status", "--format", "json"], now: ReceiptScene.afterTimeout)
        let document = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        #expect(document?["channels_degraded"] as? [String] == ["sms"], "\(status.stdout)")
        let report = try scene.sandbox.succeed(
            ["report", "--period", "2026-11", "--format", "json"], now: ReceiptScene.afterTimeout)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let byChannel = try #require(json["delivery_by_channel"] as? [[String: Any]])
        let sms = try #require(byChannel.first { $0["channel"] as? String == "sms" })
        #expect(sms["delivered"] as? Int == 30 && sms["undelivered"] as? Int == 10, "\(sms)")
        #expect(json["channels_degraded"] as? [String] == ["sms"], "\(json["channels_degraded"] ?? "none")")
        let text = try scene.sandbox.succeed(["report", "--period", "2026-11"], now: ReceiptScene.afterTimeout)
        #expect(text.stdout.contains("Canal sms dégradé"), "\(text.stdout)")

        // A second tick still exits 69, but does not alert again.
        let again = try scene.sandbox.run(["tick"], now: "2026-11-28T13:05:00+01:00")
        #expect(again.status == 69)
        #expect(scene.sink.captured().filter { $0.recipients == ["exploitation@example.fr"] }.count == 1)
    }

    @Test("while SMS is degraded, later reminders go by email first, but for a few probes")
    func degradedChannelTriedLast() throws {
        let scene = try ReceiptScene()
        _ = try scene.sandbox.tick(at: ReceiptScene.opening)
        // Nothing is ever confirmed: every SMS times out.
        _ = try scene.sandbox.run(["tick"], now: ReceiptScene.afterTimeout)
        let before = scene.smsSent().count
        let emailsBefore = scene.sink.captured().count
        // d-5 (sample steps: sms then email) at 10:00 on 2026-12-10.
        _ = try scene.sandbox.run(["tick"], now: "2026-12-10T10:30:00+01:00")
        let probes = scene.smsSent().count - before
        let emails = scene.sink.captured().count - emailsBefore
        #expect(probes < 8, "\(probes) reminders tried the degraded SMS first")
        #expect(emails + probes >= 40, "\(emails) emails and \(probes) SMS for 40 people")
    }

    @Test("numbers the gateway rejects are not used again until an import changes them")
    func rejectedNumbers() throws {
        let scene = try ReceiptScene(jobseekers: 4, alarmWindow: 200)
        _ = try scene.sandbox.tick(at: ReceiptScene.opening)
        let sent = scene.smsSent()
        let rejected = sent.filter { $0.reference.hasPrefix(scene.ids[0]) || $0.reference.hasPrefix(scene.ids[1]) }
        let server = try scene.serve(at: "2026-11-28T10:35:00+01:00")
        let reply = try server.request(
            "POST", "/v1/receipts/sms", token: HTTPClients.receiptsToken,
            json: ReceiptScene.smsReceipts(
                rejected.map { ($0.reference, "rejected") }
                    + sent.filter { r in !rejected.contains { $0.reference == r.reference } }.map {
                        ($0.reference, "delivered")
                    }))
        #expect(reply.status == 200 && reply.json?["matched"] as? Int == 4, "\(reply.body)")
        server.process.killHard()
        // The two fall back to email at once.
        #expect(try scene.sandbox.tick(at: "2026-11-28T10:40:00+01:00")["sent"] == 2)
        #expect(Set(scene.sink.captured().flatMap(\.recipients)) == ["p.1@example.fr", "p.2@example.fr"])

        // The first changes number; the second's record comes again with the same one.
        try scene.sandbox.importJobseekers(
            jobseekersCSV([
                ReceiptScene.row(scene.ids[0], number: 1, phone: "06 55 44 33 22"),
                ReceiptScene.row(scene.ids[1], number: 2),
            ]), at: "2026-12-01T09:00:00+01:00")
        let before = scene.smsSent().count
        _ = try scene.sandbox.run(["tick"], now: "2026-12-10T10:30:00+01:00")
        let d5 = scene.smsSent().dropFirst(before)
        #expect(d5.contains { $0.to == "+33655443322" }, "the new number was not used")
        #expect(!d5.contains { $0.reference.hasPrefix(scene.ids[1]) }, "the rejected number was used again")
        #expect(!d5.contains { rejected.map(\.to).contains($0.to) })
    }

    @Test("receipts duplicated, reordered, late or unknown change nothing twice")
    func idempotentReceipts() throws {
        let scene = try ReceiptScene(jobseekers: 3, alarmWindow: 200)
        _ = try scene.sandbox.tick(at: ReceiptScene.opening)
        let sent = scene.smsSent().map(\.reference)
        let server = try scene.serve(at: "2026-11-28T10:35:00+01:00")
        func post(_ body: String) throws -> HTTPReply {
            try server.request("POST", "/v1/receipts/sms", token: HTTPClients.receiptsToken, json: body)
        }
        // Reordered: the final receipt before the intermediate one; then a duplicate.
        var reply = try post(ReceiptScene.smsReceipts([(sent[0], "delivered"), (sent[0], "buffered")]))
        #expect(reply.json?["matched"] as? Int == 2, "\(reply.body)")
        reply = try post(#"{"reference": "\#(sent[0])", "status": "delivered"}"#)
        #expect(reply.status == 200 && reply.json?["matched"] as? Int == 1, "\(reply.body)")
        // A failure after the delivery is history only.
        reply = try post(ReceiptScene.smsReceipts([(sent[0], "failed"), ("9999999Z/2026-11/opening", "delivered")]))
        #expect(reply.json?["matched"] as? Int == 1 && reply.json?["unknown"] as? Int == 1, "\(reply.body)")
        // Invalid fields: 422 naming them, nothing recorded.
        reply = try post(
            #"[{"reference": "\#(sent[1])", "status": "delivered"}, {"reference": "\#(sent[1])", "status": "lost", "at": "hier"}]"#
        )
        #expect(reply.status == 422, "\(reply.body)")
        #expect(reply.body.contains("[1].status") && reply.body.contains("[1].at"), "\(reply.body)")
        #expect(reply.body.contains("is not ISO 8601 with an offset"), "\(reply.body)")
        let forbidden = try server.request(
            "POST", "/v1/receipts/sms", token: HTTPClients.portalToken,
            json: #"{"reference": "\#(sent[1])", "status": "failed"}"#)
        #expect(forbidden.status == 403)

        // sent[2] times out and falls back to email; its late SMS receipt changes nothing.
        server.process.killHard()
        _ = try scene.sandbox.run(["tick"], now: ReceiptScene.afterTimeout)
        let late = try scene.serve(at: "2026-11-28T14:00:00+01:00")
        reply = try late.request(
            "POST", "/v1/receipts/sms", token: HTTPClients.receiptsToken,
            json: ReceiptScene.smsReceipts([(sent[2], "delivered")]))
        #expect(reply.json?["matched"] as? Int == 1, "\(reply.body)")
        late.process.killHard()

        let reminders = try scene.reminders(at: "2026-11-28T14:00:00+01:00")
        #expect(reminders[sent[0]]?.delivery == "delivered" && reminders[sent[0]]?.channel == "sms")
        #expect(reminders[sent[1]]?.channel == "email", "sent[1] had no receipt: it timed out")
        #expect(reminders[sent[2]]?.channel == "email" && reminders[sent[2]]?.delivery == "not_tracked")
        let history = try scene.sandbox.sql(
            "SELECT status FROM receipts WHERE jobseeker_id = '\(sent[0].prefix(8))' ORDER BY id")
        #expect(history == "delivered\nbuffered\ndelivered\nfailed", "\(history)")
        #expect(scene.sink.captured().count == 2, "only the two timed-out reminders went by email")
    }
}

/// SPEC 16's `delivered` follows the receipts: among the reminders sent on a channel with
/// receipts, those whose latest channel confirmed delivery.
@Suite("the evaluation's delivered rate, from receipts")
struct EvaluationDeliveryTests {
    @Test("half the SMS confirmed: delivered counts them, not every message the gateway accepted")
    func deliveredFollowsReceipts() throws {
        let scene = try ReceiptScene(jobseekers: 40, emailReceipts: true, alarmWindow: 400)
        #expect(try scene.sandbox.tick(at: ReceiptScene.opening)["sent"] == 40)
        let confirmed = scene.smsSent().enumerated().filter { $0.offset % 2 == 0 }.map(\.element.reference)
        let server = try scene.serve(at: "2026-11-28T10:35:00+01:00")
        let reply = try server.request(
            "POST", "/v1/receipts/sms", token: HTTPClients.receiptsToken,
            json: ReceiptScene.smsReceipts(confirmed.map { ($0, "delivered") }))
        #expect(reply.json?["matched"] as? Int == 20, "\(reply.body)")
        server.process.killHard()
        _ = try scene.sandbox.tickOutcome(at: ReceiptScene.afterTimeout)
        _ = try scene.sandbox.tickOutcome(at: "2026-12-16T10:00:00+01:00")

        let now = "2026-12-17T10:00:00+01:00"
        let reminders = try scene.sandbox.reminders(at: now).filter { $0.period == "2026-11" }
        let tracked = reminders.filter { ["unconfirmed", "delivered", "undelivered"].contains($0.delivery ?? "") }
        let delivered = reminders.filter { $0.delivery == "delivered" }
        #expect(Set(delivered.map(\.key)) == Set(confirmed), "\(delivered.map(\.key))")
        #expect(tracked.count > delivered.count)

        let report = try scene.sandbox.succeed(["report", "--evaluation", "--format", "json"], now: now)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let comparison = try #require((json["summary"] as? [String: Any])?["comparison"] as? [String: Any])
        #expect(comparison["members"] as? Int == 40, "\(comparison)")
        #expect(comparison["delivered"] as? Int == 20, "\(comparison)")
        let rate = try #require((comparison["rates"] as? [String: Any])?["delivered"] as? Double, "\(comparison)")
        #expect(abs(rate - Double(delivered.count) / Double(tracked.count)) < 1e-9, "\(rate), \(tracked.count)")
    }
}
