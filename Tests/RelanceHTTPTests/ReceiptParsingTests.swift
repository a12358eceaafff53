import RelanceCore
import RelanceEngine
import Testing

/// The engine's reading of receipts and bounce reports (SPEC 13), shared by the HTTP routes
/// and `relance bounce`.
@Suite("receipts and reports, parsed")
struct ReceiptParsingTests {
    @Test("an SMS receipt: reference, status, at with an offset")
    func smsReceipt() throws {
        let receipt = try Receipt.parse(
            ["reference": "1000001A/2026-11/d-5", "status": "rejected", "at": "2026-12-10T10:00:04+01:00"],
            channel: .sms)
        #expect(receipt.key?.jobseekerID == "1000001A" && receipt.key?.step == "d-5")
        #expect(receipt.status.verdict == .undelivered && receipt.status.isPermanent)
        #expect(receipt.at == Instant(iso: "2026-12-10T09:00:04Z"))
        let expired = try Receipt.parse(["reference": "x", "status": "expired"], channel: .sms)
        #expect(expired.key == nil && expired.status.verdict == .undelivered && !expired.status.isPermanent)
        #expect(try Receipt.parse(["reference": "x", "status": "buffered"], channel: .sms).status.verdict == nil)
    }

    @Test("invalid fields are named with the import's wording")
    func invalidFields() {
        #expect(throws: InvalidRecord.self) { try Receipt.parse(["status": "delivered"], channel: .sms) }
        do {
            _ = try Receipt.parse(["reference": "a/2026-11/b", "status": "bounced", "at": "demain"], channel: .sms)
            Issue.record("accepted")
        } catch {
            #expect(error.problems.map(\.column) == ["status", "at"])
            #expect(error.problems.last?.message == "'demain' is not ISO 8601 with an offset")
        }
    }

    @Test("an email event by Message-ID or key")
    func emailEvent() throws {
        let byID = try Receipt.parse(
            ["message_id": "<relance.1000001A.2026-11.opening@example.fr>", "status": "complained"], channel: .email)
        #expect(byID.key?.jobseekerID == "1000001A" && byID.key?.period.description == "2026-11")
        #expect(byID.status.isComplaint && byID.status.verdict == .delivered)
        let byKey = try Receipt.parse(["key": "1000001A/2026-11/opening", "status": "deferred"], channel: .email)
        #expect(byKey.key?.step == "opening" && byKey.status.verdict == nil)
        #expect(throws: InvalidRecord.self) {
            try Receipt.parse(["key": "1000001A/2026-11/opening", "status": "rejected"], channel: .email)
        }
    }

    @Test("delivery status notifications: failed 5.x.x bounces, 4.x.x or delayed is deferred")
    func reports() {
        func dsn(_ action: String, _ status: String) -> String {
            """
            Delivered-To: retours+k.0123456789@example.fr
            Content-Type: multipart/report; report-type=delivery-status; boundary="b"

            --b
            Content-Type: text/plain

            Sorry.
            --b
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.net

            Final-Recipient: rfc822; p@example.fr
            Action: \(action)
            Status: \(status)

            --b--
            """
        }
        #expect(BounceReport.parse(dsn("failed", "5.1.1"))?.status == "bounced")
        #expect(BounceReport.parse(dsn("failed", "4.4.7"))?.status == "deferred")
        #expect(BounceReport.parse(dsn("delayed", "4.4.1"))?.status == "deferred")
        #expect(BounceReport.parse(dsn("failed", "5.1.1"))?.recipients == ["retours+k.0123456789@example.fr"])
        #expect(BounceReport.parse("Subject: hello\n\nplain text") == nil)
    }
}
