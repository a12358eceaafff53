import Foundation
import RelanceTestSupport
import Testing

/// `relance bounce` (SPEC 13) reading the reports a mail system sends back to relance's VERP
/// return path: Postfix-like delivery status notifications (RFC 3464) and a complaint (RFC 5965).
@Suite("bounces and complaints, end to end")
struct BounceTests {
    /// Two jobseekers whose `opening` reminder went by email (then SMS) to an SMTP sink, with email
    /// receipts expected; the envelope senders relance used, by recipient.
    struct Scene {
        let scene: ReceiptScene
        let returnPaths: [String: String]

        init() throws {
            scene = try ReceiptScene(jobseekers: 2, emailReceipts: true)
            try scene.sandbox.reconfigure(scene.delivery.with(channels: ["email", "sms"], for: "opening"))
            #expect(try scene.sandbox.tick(at: ReceiptScene.opening)["sent"] == 2)
            returnPaths = Dictionary(
                uniqueKeysWithValues: scene.sink.captured().map { ($0.recipients.first ?? "", $0.mailFrom) })
        }

        var key: String { "\(scene.ids[0])/2026-11/opening" }

        /// `relance bounce ARGUMENTS… FILE` with `message` in FILE.
        func bounce(_ message: String, _ arguments: [String] = []) throws -> Sandbox.Result {
            let file = try scene.sandbox.write("bounce-\(UUID().uuidString).eml", message)
            return try scene.sandbox.run(["bounce"] + arguments + [file], now: "2026-11-28T10:45:00+01:00")
        }

        func reminder(at now: String = "2026-11-28T10:45:00+01:00") throws -> ReminderListing {
            try #require(try scene.reminders(at: now)[key])
        }
    }

    /// A DSN as Postfix writes it: multipart/report with a text part, message/delivery-status,
    /// and the returned headers.
    static func dsn(to returnPath: String, recipient: String, action: String, status: String, diagnostic: String)
        -> String
    {
        let boundary = "4F2A61C0E3.1764323100/mx.example.net"
        return """
            Return-Path: <>
            Delivered-To: \(returnPath)
            X-Original-To: \(returnPath)
            Received: by mx.example.net (Postfix) id 4F2A61C0E3; Fri, 28 Nov 2026 10:40:01 +0100 (CET)
            Date: Fri, 28 Nov 2026 10:40:01 +0100 (CET)
            From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
            Subject: Undelivered Mail Returned to Sender
            To: \(returnPath)
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status;
            \tboundary="\(boundary)"
            Message-Id: <20261128094001.4F2A61C0E3@mx.example.net>

            This is a MIME-encapsulated message.

            --\(boundary)
            Content-Description: Notification
            Content-Type: text/plain; charset=us-ascii

            This is the mail system at host mx.example.net.

            I'm sorry to have to inform you that your message could not
            be delivered to one or more recipients.

            --\(boundary)
            Content-Description: Delivery report
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.net
            X-Postfix-Queue-ID: 4F2A61C0E3
            X-Postfix-Sender: rfc822; \(returnPath)
            Arrival-Date: Fri, 28 Nov 2026 10:30:02 +0100 (CET)

            Final-Recipient: rfc822; \(recipient)
            Original-Recipient: rfc822;\(recipient)
            Action: \(action)
            Status: \(status)
            Remote-MTA: dns; mail.example.fr
            Diagnostic-Code: smtp; \(diagnostic)

            --\(boundary)
            Content-Description: Undelivered Message Headers
            Content-Type: text/rfc822-headers

            Return-Path: <\(returnPath)>
            From: France Travail <ne-pas-repondre@example.fr>
            To: \(recipient)
            Subject: Votre actualisation

            --\(boundary)--
            """.replacingOccurrences(of: "\n", with: "\r\n")
    }

    /// A complaint as a mailbox provider's feedback loop sends it (ARF, RFC 5965).
    static func complaint(returnPath: String, recipient: String) -> String {
        let boundary = "----=_arf_7731"
        return """
            From: feedback@fbl.example.net
            To: abuse@example.fr
            Subject: Abuse report
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=feedback-report; boundary="\(boundary)"

            --\(boundary)
            Content-Type: text/plain; charset=utf-8

            This is an email abuse report for an email message received from IP 192.0.2.10.

            --\(boundary)
            Content-Type: message/feedback-report

            Feedback-Type: abuse
            User-Agent: FBL/1.0
            Version: 1
            Original-Mail-From: <\(returnPath)>
            Arrival-Date: Fri, 28 Nov 2026 10:31:00 +0100

            --\(boundary)
            Content-Type: message/rfc822

            Return-Path: <\(returnPath)>
            From: France Travail <ne-pas-repondre@example.fr>
            To: \(recipient)
            Subject: Votre actualisation

            Bonjour,
            --\(boundary)--
            """
    }

    @Test("the envelope sender of a reminder is its VERP return path with a tag")
    func verpEnvelope() throws {
        let bounce = try Scene()
        let path = try #require(bounce.returnPaths["p.1@example.fr"])
        let expectedPrefix = "retours+\(bounce.scene.ids[0])=2026-11=opening."
        #expect(path.hasPrefix(expectedPrefix) && path.hasSuffix("@example.fr"), "\(path)")
        let tag = path.dropFirst(expectedPrefix.count).prefix { $0 != "@" }
        #expect(tag.count == 10 && tag.allSatisfy(\.isHexDigit), "\(path)")
        #expect(bounce.returnPaths["p.2@example.fr"] != path)
    }

    @Test("a hard bounce: undelivered, the address is not used again, the reminder falls back to SMS")
    func hardBounce() throws {
        let bounce = try Scene()
        let path = try #require(bounce.returnPaths["p.1@example.fr"])
        let result = try bounce.bounce(
            Self.dsn(
                to: path, recipient: "p.1@example.fr", action: "failed", status: "5.1.1",
                diagnostic: "550 5.1.1 <p.1@example.fr>: Recipient address rejected: User unknown"),
            ["--recipient", path])
        #expect(result.status == 0 && result.stdout.contains("recorded"), "\(result.stderr)")
        #expect(!result.stderr.contains("p.1@example.fr"), "the address reached the log")
        #expect(try bounce.reminder().state == "pending")
        let counts = try bounce.scene.sandbox.tick(at: "2026-11-28T10:50:00+01:00")
        #expect(counts["sent"] == 1)
        let reminder = try bounce.reminder(at: "2026-11-28T10:50:00+01:00")
        #expect(reminder.channel == "sms" && reminder.state == "sent", "\(reminder)")
        #expect(bounce.scene.smsSent().map(\.reference) == [bounce.key])
        // The same report again is history only.
        let again = try bounce.bounce(
            Self.dsn(
                to: path, recipient: "p.1@example.fr", action: "failed", status: "5.1.1", diagnostic: "550 5.1.1"))
        #expect(again.status == 0)
        #expect(
            try bounce.scene.smsSent().count == 1 && bounce.reminder(at: "2026-11-28T10:50:00+01:00").channel == "sms")
        let invalid = try bounce.scene.sandbox.sql(
            "SELECT invalid_email FROM jobseekers WHERE id = '\(bounce.scene.ids[0])'")
        #expect(invalid == "p.1@example.fr")
    }

    @Test("a delayed report is only recorded: the reminder stays unconfirmed")
    func delayed() throws {
        let bounce = try Scene()
        let path = try #require(bounce.returnPaths["p.1@example.fr"])
        let result = try bounce.bounce(
            Self.dsn(
                to: path, recipient: "p.1@example.fr", action: "delayed", status: "4.4.1",
                diagnostic: "connect to mail.example.fr[192.0.2.1]:25: Connection timed out"))
        #expect(result.status == 0, "\(result.stderr)")
        let reminder = try bounce.reminder()
        #expect(reminder.state == "sent" && reminder.delivery == "unconfirmed", "\(reminder)")
        #expect(try bounce.scene.sandbox.sql("SELECT status FROM receipts") == "deferred")
    }

    @Test("a complaint: delivered, and email is no longer used for that person until the address changes")
    func complaint() throws {
        let bounce = try Scene()
        let path = try #require(bounce.returnPaths["p.1@example.fr"])
        let result = try bounce.bounce(Self.complaint(returnPath: path, recipient: "p.1@example.fr"))
        #expect(result.status == 0 && result.stdout.contains("complained"), "\(result.stderr)")
        #expect(try bounce.reminder().delivery == "delivered")
        // d-1 by email only: nothing is left for this person.
        try bounce.scene.sandbox.reconfigure(
            bounce.scene.delivery.with(channels: ["email", "sms"], for: "opening").with(channels: ["email"], for: "d-1")
        )
        let emails = bounce.scene.sink.captured().count
        _ = try bounce.scene.sandbox.run(["tick"], now: "2026-12-14T18:30:00+01:00")
        let d1 = bounce.scene.sink.captured().dropFirst(emails).flatMap(\.recipients)
        #expect(!d1.contains("p.1@example.fr") && d1.contains("p.2@example.fr"), "\(d1)")
        let failed = try #require(
            try bounce.scene.reminders("d-1", at: "2026-12-14T18:30:00+01:00")["\(bounce.scene.ids[0])/2026-11/d-1"])
        #expect(failed.state == "failed", "\(failed)")
    }

    @Test("a report with a forged tag, or no report at all, changes nothing and exits 0 with a warning")
    func forgedTag() throws {
        let bounce = try Scene()
        let path = try #require(bounce.returnPaths["p.1@example.fr"])
        let at = try #require(path.firstIndex(of: "@"))
        let last = path[path.index(before: at)]
        let forged = path.replacingCharacters(
            in: path.index(before: at)..<at, with: last == "0" ? "1" : "0")
        let result = try bounce.bounce(
            Self.dsn(to: forged, recipient: "p.1@example.fr", action: "failed", status: "5.1.1", diagnostic: "550"))
        #expect(result.status == 0 && result.stderr.contains("tag is not valid"), "\(result.stderr)")
        let plain = try bounce.bounce("From: someone@example.net\r\nSubject: hello\r\n\r\nNot a report.\r\n")
        #expect(plain.status == 0 && plain.stderr.contains("warning"), "\(plain.stderr)")
        let reminder = try bounce.reminder()
        #expect(reminder.state == "sent" && reminder.delivery == "unconfirmed", "\(reminder)")
        #expect(try bounce.scene.sandbox.sql("SELECT COUNT(*) FROM receipts") == "0")
    }

    @Test("the database unavailable: exit 75, so that Postfix keeps the message")
    func databaseUnavailable() throws {
        let bounce = try Scene()
        let path = try #require(bounce.returnPaths["p.1@example.fr"])
        let file = try bounce.scene.sandbox.write(
            "dsn.eml",
            Self.dsn(to: path, recipient: "p.1@example.fr", action: "failed", status: "5.1.1", diagnostic: "550"))
        let result = try bounce.scene.sandbox.run(
            ["--db", bounce.scene.sandbox.root + "/nowhere/relance.sqlite", "bounce", file],
            now: "2026-11-28T10:45:00+01:00")
        #expect(result.status == 75, "\(result.stderr)")
    }
}
