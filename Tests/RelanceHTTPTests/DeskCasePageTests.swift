import Foundation
import Hummingbird
import HummingbirdTesting
import RelanceCore
import RelanceEngine
import RelanceStore
import Testing

/// The case page shows each reminder with its delivery (SPEC 14, SPEC 13), in French.
@Suite("advisors' desk, the case page")
struct DeskCasePageTests {
    @Test("each reminder's step, state and delivery in French: one delivered, one bounced")
    func deliveries() async throws {
        let scene = try DeskTests()
        let (cookie, _) = try scene.signIn("ADV001")
        let mine = try scene.firstCase(CaseFilter(advisor: "ADV001"))
        let relance = scene.relance
        // Two of its sent reminders accepted again on their channel with receipts expected, as a
        // live send with a receipt timeout records them; then one receipt each.
        let sent = try relance.store.write { session in
            let sent = try session.caseFile(jobseeker: mine.jobseekerID).reminders.filter { $0.state == "sent" }
            return try sent.prefix(2).map { line in
                let key = ReminderKey(jobseekerID: mine.jobseekerID, period: line.period, step: line.step)
                let reminder = try #require(try session.reminder(key))
                let channel = try #require(reminder.channel)
                try session.settleReminder(
                    reminder, state: .sent, channel: channel, error: nil, delivery: .unconfirmed, now: DeskTests.now)
                try session.trackDelivery(
                    reminder, channel: channel, acceptedAt: DeskTests.now, deadline: DeskTests.now.adding(seconds: 3600)
                )
                return (key: key, channel: channel)
            }
        }
        try #require(sent.count == 2, "the sample's case has two sent reminders")
        let bounce = sent[1].channel == .email ? "bounced" : "failed"
        let counts = try relance.record(receipts: [
            Receipt(
                channel: sent[0].channel, key: sent[0].key,
                status: try #require(ReceiptStatus("delivered", channel: sent[0].channel)), at: nil, detail: nil),
            Receipt(
                channel: sent[1].channel, key: sent[1].key,
                status: try #require(ReceiptStatus(bounce, channel: sent[1].channel)), at: nil, detail: "550 5.1.1"),
        ])
        #expect(counts.matched == 2)
        let file = try relance.store.read { try $0.caseFile(jobseeker: mine.jobseekerID) }
        #expect(file.reminders.compactMap(\.delivery).contains("delivered"))
        #expect(file.reminders.compactMap(\.delivery).contains("undelivered"))

        let channels = sent.map { ReminderText.channel($0.channel.rawValue) }
        let reason = bounce == "bounced" ? "adresse rejetée" : "échec définitif"
        try await scene.app.test(.router) { client in
            try await client.execute(uri: "/desk/cases/\(mine.id)", method: .get, headers: cookie) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains(#"<th scope="col">Remise</th>"#))
                #expect(
                    html.contains(
                        #"<td data-label="Remise">remise<br>\#(channels[0]) : remis le 17/11/2026 10:00</td>"#),
                    "\(html)")
                #expect(
                    html.contains(
                        #"<td data-label="Remise">non remise<br>\#(channels[1]) : non remis le 17/11/2026 10:00 (\#(reason))</td>"#
                    ))
                #expect(html.contains(#"<td data-label="Étape">ouverture</td>"#))
                #expect(html.contains(#"<td data-label="État">envoyée</td>"#))
                for code in [">opening<", ">sent<", ">expired<", ">delivered<", ">undelivered<", ">email<"] {
                    #expect(!html.contains(code), "\(code) left in English")
                }
            }
        }
    }
}
