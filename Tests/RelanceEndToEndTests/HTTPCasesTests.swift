import Foundation
import RelanceTestSupport
import Testing

/// `/v1/cases` through the executable and a real socket (SPEC 12): the lists and the follow-up
/// of `cases list` and `cases update`, over HTTP.
@Suite("HTTP interface, cases")
struct HTTPCasesTests {
    static let imported = "2026-10-20T09:00:00+01:00"
    static let opening = "2026-10-28T10:30:00+01:00"
    static let closed = "2026-11-17T10:30:00+01:00"
    static let serving = "2026-11-18T09:00:00+01:00"

    /// The sample directory, period 2026-10 opened then closed with no declaration (every active
    /// jobseeker missed it: cases), served on loopback.
    private static func casesServed(_ arguments: [String] = ["serve"]) throws -> (Sandbox, HTTPServerProcess) {
        let port = try LoopbackSocket.freePort()
        let sandbox = try Sandbox { $0 + HTTPClients.section(listen: "127.0.0.1:\(port)") }
        try sandbox.importSampleDirectory(at: imported)
        _ = try sandbox.tick(at: opening)
        _ = try sandbox.tick(at: closed)
        return (sandbox, try sandbox.startHTTP(arguments, now: serving, port: port))
    }

    /// `cases list --format json` at `serving`, with extra arguments.
    private static func listed(_ sandbox: Sandbox, _ arguments: [String] = []) throws -> [NSDictionary] {
        let result = try sandbox.run(["cases", "list", "--format", "json"] + arguments, now: serving)
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [NSDictionary] ?? []
    }

    /// Every page of `path`, following `Link: <…>; rel="next"`.
    private static func allPages(_ server: HTTPServerProcess, _ path: String) throws -> (
        rows: [NSDictionary], pages: Int
    ) {
        var rows: [NSDictionary] = []
        var next: String? = path
        var pages = 0
        while let current = next {
            let reply = try server.request("GET", current, token: HTTPClients.crmToken)
            #expect(reply.status == 200, "\(current): \(reply.body)")
            rows += try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [NSDictionary] ?? []
            pages += 1
            next = reply.headers["link"].flatMap { link in
                guard link.hasSuffix(#"rel="next""#), let end = link.firstIndex(of: ">") else { return nil }
                return String(link[link.index(after: link.startIndex)..<end])
            }
            if pages > 100 { break }
        }
        return (rows, pages)
    }

    @Test("GET /v1/cases: the objects of cases list, oldest first, page by page through Link")
    func listPages() throws {
        let (sandbox, server) = try Self.casesServed()
        let expected = try Self.listed(sandbox).sorted {
            ($0["opened_on"] as? String ?? "", $0["case_id"] as? Int ?? 0)
                < ($1["opened_on"] as? String ?? "", $1["case_id"] as? Int ?? 0)
        }
        #expect(expected.count > 10, "the scene has cases to page through")
        let (rows, pages) = try Self.allPages(server, "/v1/cases?limit=7")
        #expect(rows == expected)
        #expect(pages == (expected.count + 6) / 7)
        let (defaultPage, _) = try Self.allPages(server, "/v1/cases")
        #expect(defaultPage == expected, "100 per page by default")

        let byAdvisor = try Self.allPages(server, "/v1/cases?advisor=ADV001&state=open&limit=2").rows
        let printed = try Self.listed(sandbox, ["--advisor", "ADV001", "--state", "open"])
        #expect(!printed.isEmpty)
        #expect(Set(byAdvisor) == Set(printed) && byAdvisor.count == printed.count)
        let byAgency = try Self.allPages(server, "/v1/cases?agency=PAR11").rows
        #expect(Set(byAgency) == Set(try Self.listed(sandbox, ["--agency", "PAR11"])))
    }

    @Test(
        "GET /v1/cases: invalid parameters are 422 naming the field",
        arguments: [
            ("limit=0", "limit"), ("limit=1001", "limit"), ("limit=ten", "limit"), ("state=closed", "state"),
            ("advisor=NOBODY", "advisor"), ("agency=XXX99", "agency"), ("cursor=not-a-cursor", "cursor"),
        ])
    func listErrors(query: String, field: String) throws {
        let (_, server) = try Self.casesServed()
        let reply = try server.request("GET", "/v1/cases?" + query, token: HTTPClients.crmToken)
        #expect(reply.status == 422, "\(reply.body)")
        let errors = reply.json?["errors"] as? [[String: String]] ?? []
        #expect(errors.map { $0["field"] } == [field], "\(reply.body)")
    }

    @Test("GET and PATCH /v1/cases/{id}: history, ETag, If-Match, note required, idempotent")
    func followUp() throws {
        let (sandbox, server) = try Self.casesServed()
        let id = try #require(try Self.listed(sandbox).first?["case_id"] as? Int)
        let path = "/v1/cases/\(id)"
        let crm = HTTPClients.crmToken
        let shown = try server.request("GET", path, token: crm)
        #expect(shown.status == 200, "\(shown.body)")
        let etag = try #require(shown.headers["etag"])
        #expect((shown.json?["history"] as? [[String: Any]])?.count == 1, "the opening: \(shown.body)")
        #expect(try server.request("GET", path, token: crm).headers["etag"] == etag, "the same case, the same tag")

        let noNote = try server.request("PATCH", path, token: crm, json: #"{"state": "closed_no_contact"}"#)
        #expect(noNote.status == 422)
        #expect((noNote.json?["errors"] as? [[String: String]])?.first?["field"] == "note", "\(noNote.body)")
        let cli = try sandbox.run(["cases", "update", String(id), "--state", "closed_no_contact"], now: Self.serving)
        #expect(cli.status == 64)
        #expect(cli.stderr.contains("--note: is required to close a case without contact"), "\(cli.stderr)")

        let change = #"{"state": "contacted", "note": "Appel passé, rappel lundi", "by": "conseiller-7"}"#
        let changed = try server.request("PATCH", path, token: crm, json: change, headers: ["If-Match: \(etag)"])
        #expect(changed.status == 200, "\(changed.body)")
        #expect(changed.json?["state"] as? String == "contacted")
        let newTag = try #require(changed.headers["etag"])
        #expect(newTag != etag)
        let history = try sandbox.run(["cases", "history", String(id), "--format", "json"], now: Self.serving)
        let events = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(events.count == 2)
        #expect(events.last?["by"] as? String == "client:crm (conseiller-7)", "\(history.stdout)")
        #expect(events.last?["note"] as? String == "Appel passé, rappel lundi")

        let again = try server.request("PATCH", path, token: crm, json: change)
        #expect(again.status == 200)
        #expect(again.headers["etag"] == newTag, "the same change again writes nothing")
        let stale = try server.request(
            "PATCH", path, token: crm, json: #"{"state": "resolved"}"#, headers: ["If-Match: \(etag)"])
        #expect(stale.status == 412, "\(stale.body)")
        let after = try server.request("GET", path, token: crm)
        #expect(after.json?["state"] as? String == "contacted", "a 412 changes nothing")
        #expect(after.headers["etag"] == newTag)

        for missing in ["/v1/cases/999999", "/v1/cases/abc", "/v1/cases/-1"] {
            #expect(try server.request("GET", missing, token: crm).status == 404, "\(missing)")
            #expect(try server.request("PATCH", missing, token: crm, json: change).status == 404, "\(missing)")
        }
        #expect(try server.request("DELETE", path, token: crm).status == 405)
        #expect(try server.request("GET", path, token: HTTPClients.portalToken).status == 403)
    }

    @Test("PATCH reopening a case whose jobseeker has another in progress is 409, and changes nothing")
    func conflict() throws {
        let (sandbox, server) = try Self.casesServed()
        let first = try #require(try Self.listed(sandbox).first)
        let id = try #require(first["case_id"] as? Int)
        let jobseeker = try #require(first["jobseeker_id"] as? String)
        let resolved = try server.request(
            "PATCH", "/v1/cases/\(id)", token: HTTPClients.crmToken, json: #"{"state": "resolved"}"#)
        #expect(resolved.status == 200, "\(resolved.body)")
        // The next period, missed again: a new case for the same jobseeker.
        _ = try sandbox.tick(at: "2026-11-28T10:30:00+01:00")
        _ = try sandbox.tick(at: "2026-12-16T10:30:00+01:00")
        let open = try Self.listed(sandbox).filter {
            $0["jobseeker_id"] as? String == jobseeker && $0["state"] as? String == "open"
        }
        try #require(open.count == 1, "a second case was opened")
        let reopened = try server.request(
            "PATCH", "/v1/cases/\(id)", token: HTTPClients.crmToken, json: #"{"state": "open"}"#)
        #expect(reopened.status == 409, "\(reopened.body)")
        let shown = try server.request("GET", "/v1/cases/\(id)", token: HTTPClients.crmToken)
        #expect(shown.json?["state"] as? String == "resolved")
    }

    @Test("serve --metrics-listen counts requests by method, route template and status, never a raw path")
    func requestMetrics() throws {
        let metricsPort = try LoopbackSocket.freePort()
        let (sandbox, server) = try Self.casesServed(["serve", "--metrics-listen", "127.0.0.1:\(metricsPort)"])
        let id = try #require(try Self.listed(sandbox).first?["case_id"] as? Int)
        let crm = HTTPClients.crmToken
        for _ in 0..<3 { #expect(try server.request("GET", "/v1/cases/\(id)", token: crm).status == 200) }
        #expect(try server.request("GET", "/v1/cases/999999", token: crm).status == 404)
        #expect(try server.request("GET", "/v1/cases/\(id)").status == 401)
        #expect(try server.request("PATCH", "/v1/cases/\(id)", token: crm, json: "{").status == 400)
        #expect(try server.request("GET", "/v1/no/such/\(id)").status == 404)
        let text = try curl("http://127.0.0.1:\(metricsPort)/metrics")
        let samples = try Python.parsePrometheus(text).filter { $0.name == "relance_http_requests_total" }
        func count(_ method: String, _ route: String, _ status: String) -> Double {
            samples.first { $0.labels == ["method": method, "route": route, "status": status] }?.value ?? 0
        }
        #expect(count("GET", "/v1/cases/{id}", "200") == 3, "\(text)")
        #expect(count("GET", "/v1/cases/{id}", "404") == 1)
        #expect(count("GET", "/v1/cases/{id}", "401") == 1)
        #expect(count("PATCH", "/v1/cases/{id}", "400") == 1)
        #expect(count("GET", "unmatched", "404") == 1)
        #expect(!text.contains("/v1/cases/\(id)\""), "no raw path in a label")
        #expect(text.contains("relance_cases"), "beside the database's metrics")
    }
}
