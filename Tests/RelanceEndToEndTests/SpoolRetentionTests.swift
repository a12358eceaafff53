import Foundation
import RelanceTestSupport
import Testing

/// Spool files hold names, addresses and texts: retention deletes them after
/// `retention.message_content` (7 days in the sample configuration), by the instant they were
/// written on relance's clock, in `purge` and in every tick (SPEC section 10).
@Suite("spool retention, end to end")
struct SpoolRetentionTests {
    static let opening = "2026-11-28T10:30:00+01:00"
    /// d-5 of 2026-11 (deadline 15 December), 12 days after the opening reminders.
    static let dMinus5 = "2026-12-10T10:30:00+01:00"
    /// 8 days after d-5.
    static let afterRetention = "2026-12-18T10:30:00+01:00"

    /// A: email only; B: email and a mobile. Opening sends both an email, d-5 sends A an email
    /// and B an SMS.
    private static func sandbox() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.importJobseekers(
            [
                JobseekerFixture(id: "7100001A", department: "75", email: "a.7100001@example.fr"),
                JobseekerFixture(id: "7100002B", department: "75", email: "b.7100002@example.fr", phone: "0612345678"),
            ], at: "2026-11-20T09:00:00+01:00")
        return sandbox
    }

    private static func modified(_ path: String) throws -> Date {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
    }

    @Test("a spool file is dated by relance's clock (--now), not by the machine's")
    func datedByTheClock() throws {
        let sandbox = try Self.sandbox()
        _ = try sandbox.tick(at: Self.opening)
        let file = sandbox.spoolPath + "/email/2026-11/7100001A-opening.eml"
        #expect(try Self.modified(file) == Date(iso: Self.opening))
    }

    @Test("a tick deletes the files older than message_content, keeps the newer ones and their folders")
    func tickRetention() throws {
        let sandbox = try Self.sandbox()
        _ = try sandbox.tick(at: Self.opening)
        #expect(
            sandbox.spooledReminders() == ["email/2026-11/7100001A-opening.eml", "email/2026-11/7100002B-opening.eml"])
        _ = try sandbox.tick(at: Self.dMinus5)
        #expect(sandbox.spooledReminders() == ["email/2026-11/7100001A-d-5.eml", "sms/2026-11/7100002B-d-5.json"])
    }

    @Test("purge --dry-run counts the files and emptied folders and deletes nothing; purge deletes them")
    func purgeCommand() throws {
        let sandbox = try Self.sandbox()
        _ = try sandbox.tick(at: Self.opening)
        _ = try sandbox.tick(at: Self.dMinus5)
        // Six days after d-5: nothing is old enough yet.
        let early = try sandbox.succeed(["purge", "--dry-run"], now: "2026-12-16T10:30:00+01:00")
        #expect(early.stdout.contains(", 0 spool files (0 folders)"), "\(early.stdout)")
        let dryRun = try sandbox.succeed(["purge", "--dry-run"], now: Self.afterRetention)
        // email/2026-11, email, sms/2026-11 and sms are emptied.
        #expect(
            dryRun.stdout.contains("would purge: ") && dryRun.stdout.contains(", 2 spool files (4 folders)"),
            "\(dryRun.stdout)")
        #expect(sandbox.spooledReminders().count == 2)
        let purge = try sandbox.succeed(["purge"], now: Self.afterRetention)
        #expect(
            purge.stdout.contains("purged: ") && purge.stdout.contains(", 2 spool files (4 folders)"), "\(purge.stdout)"
        )
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.spoolPath).isEmpty)
        let again = try sandbox.succeed(["purge"], now: Self.afterRetention)
        #expect(again.stdout.contains(", 0 spool files (0 folders)"), "\(again.stdout)")
    }

    @Test("digests and every channel's folder are swept; an empty folder a tick just made is left alone")
    func everyFolder() throws {
        let sandbox = try Self.sandbox()
        _ = try sandbox.tick(at: Self.opening)
        let manager = FileManager.default
        let old = try #require(Date(iso: Self.opening))
        for folder in ["email/digest/2026-11-30", "webhook/2026-11"] {
            try manager.createDirectory(atPath: sandbox.spoolPath + "/" + folder, withIntermediateDirectories: true)
        }
        for file in ["email/digest/2026-11-30/A1.eml", "webhook/2026-11/7100001A-opening.json"] {
            try sandbox.write("var/spool/" + file, "message")
            try manager.setAttributes([.modificationDate: old], ofItemAtPath: sandbox.spoolPath + "/" + file)
        }
        try manager.createDirectory(atPath: sandbox.spoolPath + "/sms/2026-12", withIntermediateDirectories: true)
        let purge = try sandbox.succeed(["purge"], now: Self.afterRetention)
        // 2 opening emails, the digest, the webhook; folders: email/2026-11, email/digest/2026-11-30,
        // email/digest, email, webhook/2026-11, webhook.
        #expect(purge.stdout.contains(", 4 spool files (6 folders)"), "\(purge.stdout)")
        #expect(try manager.contentsOfDirectory(atPath: sandbox.spoolPath) == ["sms"])
        #expect(manager.fileExists(atPath: sandbox.spoolPath + "/sms/2026-12"))
    }

    @Test("a tick walks the spool only when its oldest file may be due; purge always walks")
    func walkedWhenDue() throws {
        let sandbox = try Self.sandbox()
        _ = try sandbox.tick(at: Self.opening)
        // A file the ledger does not know of (copied in by hand, say), dated long before.
        let manager = FileManager.default
        try manager.createDirectory(atPath: sandbox.spoolPath + "/email/2026-10", withIntermediateDirectories: true)
        let stray = try sandbox.write("var/spool/email/2026-10/stray.eml", "message")
        try manager.setAttributes(
            [.modificationDate: try #require(Date(iso: "2026-10-01T10:00:00+02:00"))], ofItemAtPath: stray)
        // Three days after the opening, the oldest file the ledger knows is not due: no walk.
        let later = "2026-12-01T10:30:00+01:00"
        _ = try sandbox.tick(at: later)
        #expect(manager.fileExists(atPath: stray))
        let purge = try sandbox.succeed(["purge"], now: later)
        #expect(purge.stdout.contains(", 1 spool files (1 folders)"), "\(purge.stdout)")
        #expect(!manager.fileExists(atPath: stray))
        #expect(sandbox.spooledReminders().count == 2)
    }

    @Test("once a purge emptied the spool, the files of later ticks are still swept by ticks")
    func sweptAfterEmptied() throws {
        let sandbox = try Self.sandbox()
        _ = try sandbox.tick(at: Self.opening)
        try sandbox.succeed(["purge"], now: "2026-12-06T10:30:00+01:00")
        #expect(sandbox.spooledReminders().isEmpty)
        // The opening of 2026-12, then nine days later (before its d-5, on 10 January).
        _ = try sandbox.tick(at: "2026-12-28T10:30:00+01:00")
        #expect(sandbox.spooledReminders().count == 2)
        _ = try sandbox.tick(at: "2027-01-06T10:30:00+01:00")
        #expect(sandbox.spooledReminders().isEmpty)
    }
}
