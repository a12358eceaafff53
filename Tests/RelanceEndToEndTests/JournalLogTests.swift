import Foundation
import RelanceTestSupport
import Testing

/// Logs on journald (`JOURNAL_STREAM` names stderr): a `<PRIORITY>` prefix, no timestamp.
@Suite("logs under journald, end to end")
struct JournalLogTests {
    /// Runs a tick with stderr in a file; `journal` says whether JOURNAL_STREAM names that file.
    private static func tickLog(journal: Bool) throws -> [String] {
        let sandbox = try Sandbox()
        try sandbox.importSampleDirectory(at: "2026-11-20T09:00:00+01:00")
        let log = sandbox.root + "/stderr.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let tick = sandbox.process(["--log-level", "info", "tick"], now: "2026-11-28T10:30:00+01:00")
        tick.standardOutput = FileHandle.nullDevice
        tick.standardError = FileHandle(forWritingAtPath: log)
        var status = stat()
        #expect(stat(log, &status) == 0)
        tick.environment?["JOURNAL_STREAM"] = journal ? "\(status.st_dev):\(status.st_ino)" : "0:0"
        try tick.run()
        tick.waitUntilExit()
        #expect(tick.terminationStatus == 0)
        return try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test("on journald: priorities mapped, no timestamp of our own")
    func journald() throws {
        let lines = try Self.tickLog(journal: true)
        #expect(lines.contains { $0.hasPrefix("<6>period opened") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("<4>reminder failed") }, "\(lines)")
        #expect(lines.allSatisfy { $0.range(of: #"^<[0-7]>"#, options: .regularExpression) != nil })
        #expect(
            !lines.contains {
                $0.contains("2026-") && $0.range(of: #"\d{2}:\d{2}:\d{2}Z"#, options: .regularExpression) != nil
            })
    }

    @Test("JOURNAL_STREAM naming another stream: plain lines with their timestamp")
    func notJournald() throws {
        let lines = try Self.tickLog(journal: false)
        #expect(!lines.isEmpty)
        #expect(
            lines.allSatisfy {
                $0.range(
                    of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z (info|warning|error) "#, options: .regularExpression)
                    != nil
            }, "\(lines)")
    }
}
