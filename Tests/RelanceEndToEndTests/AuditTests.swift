import Foundation
import RelanceTestSupport
import Testing

/// The audit trail of SPEC 14 from the command line and the HTTP API: every read of a case's
/// personal data and every change is listed by `relance audit`, with who (`cli:USER`,
/// `client:ID`) and when, and retention
/// (`retention.audit`) removes it in time.
@Suite("audit trail, end to end")
struct AuditTests {
    static let rows = [
        "1000001A,75,Léa,Moreau,lea@example.fr,0612345678,PAR11,ADV001",
        "1000002B,75,Paul,Martin,paul@example.fr,0612345679,PAR11,ADV002",
    ]

    /// `relance audit --format json` with more options, as objects.
    static func audit(_ scene: AdvisorScene, _ options: [String] = [], at now: String) throws -> [[String: Any]] {
        let result = try scene.sandbox.run(["audit", "--format", "json"] + options, now: now)
        guard result.status == 0,
            let entries = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        else { throw SceneError(message: "audit failed (\(result.status)): \(result.stderr)") }
        return entries
    }

    @Test("lists, exports, history reads and updates of the command line are each recorded, by cli:USER")
    func commandLine() throws {
        let scene = try AdvisorScene(Self.rows)
        #expect(try Self.audit(scene, at: AdvisorScene.closing).isEmpty, "the cycle itself reads no case")
        let now = "2026-11-17T10:15:00+01:00"
        let sandbox = scene.sandbox
        #expect(try sandbox.run(["cases", "list", "--advisor", "ADV001"], now: now).status == 0)
        #expect(try sandbox.run(["cases", "list", "--format", "csv"], now: now).status == 0)
        let update = try sandbox.run(["cases", "update", "1", "--state", "contacted", "--note", "appel"], now: now)
        #expect(update.status == 0, "\(update.stderr)")
        #expect(try sandbox.run(["cases", "history", "1"], now: now).status == 0)
        let refused = try sandbox.run(["cases", "update", "99", "--state", "resolved"], now: now)
        #expect(refused.status == 65)

        let first = try Self.audit(scene, ["--case", "1"], at: now)
        #expect(first.map { $0["action"] as? String } == ["list", "export", "update", "view"])
        #expect(first.allSatisfy { $0["actor"] as? String == AdvisorListTests.author && $0["at"] as? String == now })
        #expect(first[2]["detail"] as? String == "contacted")
        let second = try Self.audit(scene, ["--case", "2"], at: now)
        #expect(second.map { $0["action"] as? String } == ["export"], "the advisor filter left case 2 out of the list")
        #expect(try Self.audit(scene, at: now).count == 5, "nothing recorded for a case that does not exist")

        let table = try sandbox.run(["audit", "--case", "1"], now: now)
        #expect(table.status == 0)
        #expect(table.stdout.contains("consultation") && table.stdout.contains("modification"), "\(table.stdout)")
        #expect(!table.stdout.contains("lea@example.fr") && !table.stdout.contains("appel"), "no personal data")
    }

    @Test("reads and changes through the HTTP API's /v1/cases are each recorded, by client:ID")
    func httpClient() throws {
        let port = try LoopbackSocket.freePort()
        let scene = try AdvisorScene(Self.rows) { $0 + HTTPClients.section(listen: "127.0.0.1:\(port)") }
        let now = "2026-11-17T10:15:00+01:00"
        let server = try scene.sandbox.startHTTP(now: now, port: port)
        let token = HTTPClients.crmToken
        #expect(try server.request("GET", "/v1/cases?advisor=ADV001", token: token).status == 200)
        #expect(try server.request("GET", "/v1/cases/1", token: token).status == 200)
        let patch = try server.request(
            "PATCH", "/v1/cases/1", token: token, json: #"{"state": "contacted", "note": "appel", "by": "crm-user"}"#)
        #expect(patch.status == 200, "\(patch.body)")
        #expect(try server.request("GET", "/v1/cases/99", token: token).status == 404)
        #expect(try server.request("GET", "/v1/cases/2", token: HTTPClients.readerToken).status == 403)

        let first = try Self.audit(scene, ["--case", "1"], at: now)
        #expect(first.map { $0["action"] as? String } == ["list", "view", "update"], "\(first)")
        #expect(first.allSatisfy { $0["actor"] as? String == "client:crm" && $0["at"] as? String == now }, "\(first)")
        #expect(first.last?["detail"] as? String == "contacted")
        #expect(try Self.audit(scene, ["--case", "2"], at: now).isEmpty, "the advisor filter left case 2 out")
        #expect(try Self.audit(scene, at: now).count == 3, "nothing for a refused or unknown case")
        let table = try scene.sandbox.run(["audit", "--case", "1"], now: now)
        #expect(table.stdout.contains("client:crm"), "\(table.stdout)")
    }

    @Test("an unknown advisor filter is invalid input, as in the other lists")
    func unknownAdvisor() throws {
        let scene = try AdvisorScene(Self.rows)
        let result = try scene.sandbox.run(["audit", "--advisor", "NOBODY"], now: AdvisorScene.closing)
        #expect(result.status == 65)
        #expect(result.stderr.contains("--advisor NOBODY: no such advisor"), "\(result.stderr)")
        #expect(try Self.audit(scene, ["--advisor", "ADV001"], at: AdvisorScene.closing).isEmpty)
    }

    @Test("retention.audit keeps entries that many months, then purge and tick delete them", arguments: [nil, 3])
    func retention(months: Int?) throws {
        let scene = try AdvisorScene(Self.rows) { config in
            let line = config.split(separator: "\n").first { $0.hasPrefix("  audit: 12") }.map(String.init) ?? "?"
            return config.replacingOccurrences(of: line, with: months.map { "  audit: \($0)" } ?? "")
        }
        let kept = months ?? 12
        #expect(try scene.sandbox.run(["cases", "history", "1"], now: AdvisorScene.closing).status == 0)
        // A day short of the months (of 31 days each): still there.
        let before = DaysLater.instant(AdvisorScene.closing, plusDays: kept * 31 - 1)
        let purged = try scene.sandbox.run(["purge"], now: before)
        #expect(purged.stdout.contains(" 0 audit entries"), "\(purged.stdout)")
        #expect(try Self.audit(scene, at: before).count == 1)
        let after = DaysLater.instant(AdvisorScene.closing, plusDays: kept * 31 + 1)
        let dryRun = try scene.sandbox.run(["purge", "--dry-run"], now: after)
        #expect(dryRun.stdout.contains(" 1 audit entries"), "\(dryRun.stdout)")
        _ = try scene.sandbox.run(["tick"], now: after)
        #expect(try Self.audit(scene, at: after).isEmpty)
    }
}

/// ISO 8601 instants a number of days apart, for retention tests.
enum DaysLater {
    /// `instant` (ISO 8601 with offset) plus `days` days, printed in UTC.
    static func instant(_ instant: String, plusDays days: Int) -> String {
        let formatter = ISO8601DateFormatter()
        let date = formatter.date(from: instant)!.addingTimeInterval(Double(days) * 86_400)
        return formatter.string(from: date)
    }
}
