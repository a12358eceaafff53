import Foundation
import RelanceTestSupport
import Testing

@Suite("closing and escalation, end to end")
struct ClosingTests {
    @Test("a missed period opens a phone case; a late declaration resolves it")
    func lateDeclarationResolvesMissedCase() throws {
        let sandbox = try Sandbox()
        try sandbox.importSampleDirectory(at: "2026-10-20T09:00:00+02:00")
        _ = try sandbox.tick(at: "2026-10-28T10:30:00+01:00")
        let closing = try sandbox.tick(at: "2026-11-16T12:00:00+01:00")
        #expect(closing["closed"] == 1)
        #expect((closing["missed"] ?? 0) > 0)
        let cases = try sandbox.run(["cases", "list", "--format", "json"], now: "2026-11-16T12:00:00+01:00")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(cases.stdout.utf8)) as? [[String: Any]])
        let missed = try #require(list.first { $0["jobseeker_id"] as? String == "1000001A" })
        #expect(missed["route"] as? String == "phone")
        #expect(missed["reasons"] as? String == "missed 2026-10")
        #expect(missed["due_on"] as? String == "2026-11-23")
        // No address at all: every reminder failed, so the unreachable rule routes to the agency.
        let unreachable = try #require(list.first { $0["jobseeker_id"] as? String == "1000008H" })
        #expect(unreachable["route"] as? String == "agency")
        #expect(unreachable["reasons"] as? String == "unreachable 2026-10")

        let declared = try sandbox.run(
            ["declare", "1000001A", "2026-10", "--at", "2026-11-17T09:00:00+01:00"], now: "2026-11-17T09:05:00+01:00")
        #expect(declared.status == 0, "\(declared.stderr)")
        let after = try sandbox.run(["cases", "list", "--format", "json"], now: "2026-11-17T10:00:00+01:00")
        let updated = try #require(try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [[String: Any]])
        #expect(updated.first { $0["jobseeker_id"] as? String == "1000001A" }?["state"] as? String == "resolved")
        let status = try sandbox.run(
            ["status", "--period", "2026-10", "--format", "json"], now: "2026-11-17T10:00:00+01:00")
        #expect(status.stdout.contains("\"late\": 1"), "\(status.stdout)")
    }

    @Test("--log-format json writes one JSON object per line, with no address in it")
    func jsonLogs() throws {
        let sandbox = try Sandbox()
        try sandbox.importSampleDirectory(at: "2026-10-20T09:00:00+02:00")
        let result = try sandbox.run(
            ["--log-format", "json", "--log-level", "info", "tick"], now: "2026-10-28T10:30:00+01:00")
        #expect(result.status == 0)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count >= 2)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["message"] is String, "not a JSON log line: \(line)")
            #expect(!line.contains("@example"), "an address reached the logs: \(line)")
        }
    }

    @Test("tick --dry-run reports what it would do and changes nothing")
    func dryRunChangesNothing() throws {
        let sandbox = try Sandbox()
        try sandbox.importSampleDirectory(at: "2026-10-20T09:00:00+02:00")
        let before = try #require(sandbox.contents(sandbox.databasePath))
        let dry = try sandbox.run(["tick", "--dry-run", "--format", "json"], now: "2026-10-28T10:30:00+01:00")
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("\"opened\": 1"))
        #expect(sandbox.contents(sandbox.databasePath) == before)
        #expect(!FileManager.default.fileExists(atPath: sandbox.spoolPath))
        let real = try sandbox.tick(at: "2026-10-28T10:30:00+01:00")
        #expect(real["opened"] == 1)
    }
}
