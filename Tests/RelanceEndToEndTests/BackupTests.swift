import Foundation
import RelanceTestSupport
import Testing

/// `relance backup PATH`: a consistent online copy, even while a tick writes.
@Suite("backup, end to end")
struct BackupTests {
    static let opening = "2026-11-28T10:30:00+01:00"

    /// Runs `sqlite3 FILE STATEMENT` on a copy.
    private static func sql(_ file: String, _ statement: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [file, statement]
        return try process.runCollectingOutput().stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("copies taken while a tick delivers are each sound and consistent")
    func whileTickWrites() throws {
        let sink = try SMTPSink()
        let server = try HTTPTestServer { _ in .ok() }
        var delivery = LiveDelivery(sink: sink, http: server)
        delivery.ratePerSecond = 400
        let sandbox = try Sandbox.live(delivery)
        let rows = (1...1_500).map { String(format: "6%06dA,75,Personne%d,b%d@example.fr,,", $0, $0, $0) }
        try sandbox.importJobseekers(jobseekersCSV(rows), at: "2026-11-20T09:00:00+01:00")
        let tick = try sandbox.launch(["tick"], now: Self.opening)
        defer { tick.killHard() }
        var sentInCopies: [Int] = []
        for copy in 1...5 {
            _ = waitUntil(timeout: 10) { sink.capturedCount >= copy * 200 || !tick.isRunning }
            let file = sandbox.root + "/backup-\(copy).sqlite"
            let result = try sandbox.run(["backup", file], now: Self.opening)
            try #require(result.status == 0, "\(result.stderr)")
            #expect(try Self.sql(file, "PRAGMA integrity_check") == "ok")
            let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            // Reminder and attempt are settled in one transaction: a copy never has one without the other.
            let sent = try Self.sql(file, "SELECT COUNT(*) FROM reminders WHERE state = 'sent'")
            #expect(sent == (try Self.sql(file, "SELECT COUNT(*) FROM attempts WHERE outcome = 'accepted'")))
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
