import Foundation
import RelanceTestSupport
import Testing

/// `relance backup PATH`: a consistent online copy, even while a tick writes.
@Suite("backup, end to end")
struct BackupTests {
    static let opening = "2026-11-28T10:30:00+01:00"

    @Test("copies taken while a tick delivers are each sound and consistent")
    func whileTickWrites() throws {
        let burst = try LiveBurst(jobseekers: 1_500, idDigit: 6, mailbox: "b", ratePerSecond: 400)
        let (sink, sandbox) = (burst.sink, burst.sandbox)
        let tick = try sandbox.launch(["tick"], now: Self.opening)
        defer { tick.killHard() }
        var sentInCopies: [Int] = []
        for copy in 1...5 {
            _ = waitUntil(timeout: 10) { sink.capturedCount >= copy * 200 || !tick.isRunning }
            let file = sandbox.root + "/backup-\(copy).sqlite"
            let result = try sandbox.run(["backup", file], now: Self.opening)
            try #require(result.status == 0, "\(result.stderr)")
            #expect(try sandbox.sql("PRAGMA integrity_check", database: file) == "ok")
            let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            // Reminder and attempt are settled in one transaction: a copy never has one without the other.
            let sent = try sandbox.sql("SELECT COUNT(*) FROM reminders WHERE state = 'sent'", database: file)
            #expect(
                sent == (try sandbox.sql("SELECT COUNT(*) FROM attempts WHERE outcome = 'accepted'", database: file)))
            sentInCopies.append(Int(sent) ?? -1)
        }
        #expect(sentInCopies.contains { $0 > 0 && $0 < 1_500 }, "no copy was taken mid-delivery: \(sentInCopies)")
        #expect(sentInCopies == sentInCopies.sorted())
    }

    @Test("an existing file is never overwritten")
    func neverOverwrites() throws {
        let sandbox = try Sandbox()
        try sandbox.importSampleDirectory(at: "2026-11-20T09:00:00+01:00")
        let file = try sandbox.write("precious.sqlite", "not a backup")
        let result = try sandbox.run(["backup", file], now: Self.opening)
        #expect(result.status == 74)
        #expect(result.stderr.contains("already exists"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "not a backup")
    }
}
