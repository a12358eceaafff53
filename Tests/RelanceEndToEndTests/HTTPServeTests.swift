import Foundation
import RelanceTestSupport
import Testing

/// `relance serve` through the executable and a real socket (SPEC 12): routes, durability,
/// logs, and the way a declaration posted reaches the tick.
@Suite("HTTP interface, end to end")
struct HTTPServeTests {
    static let imported = "2026-10-20T09:00:00+01:00"
    static let opening = "2026-10-28T10:30:00+01:00"
    static let during = "2026-10-29T09:00:00+01:00"
    static let dMinus5 = "2026-11-10T10:30:00+01:00"

    /// A sandbox with the sample directory imported and period 2026-10 opened, serving on loopback.
    private static func serving(extra: [String] = []) throws -> (Sandbox, HTTPServerProcess) {
        let port = try LoopbackSocket.freePort()
        let sandbox = try Sandbox { $0 + HTTPClients.section(listen: "127.0.0.1:\(port)", extra: extra) }
        try sandbox.importSampleDirectory(at: imported)
        _ = try sandbox.tick(at: opening)
        return (sandbox, try sandbox.startHTTP(now: during, port: port))
    }

    private static func declaration(_ id: String, acts: String = "") -> String {
        """
        {"jobseeker_id": "\(id)", "period": "2026-10", "declared_at": "2026-10-29T08:55:00+01:00",
         "acts": [\(acts)]}
        """
    }

    private static let act = #"{"date": "2026-10-27", "type": "candidature", "label": "Boulangerie"}"#

    /// The reminders of a jobseeker in 2026-10, by step.
    private static func reminderStates(_ sandbox: Sandbox, _ id: String) throws -> [String: String] {
        let result = try sandbox.run(["reminders", "list", "--jobseeker", id, "--format", "json"], now: dMinus5)
        let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
        return Dictionary(
            uniqueKeysWithValues: rows.map { ($0["step"] as? String ?? "", $0["state"] as? String ?? "") })
    }

    @Test("a declaration posted is committed, idempotent, and the next tick skips that person's reminder")
    func declarationReachesTheTick() throws {
        let (sandbox, server) = try Self.serving()
        let first = try server.request(
            "POST", "/v1/declarations", token: HTTPClients.portalToken,
            json: Self.declaration("1000001A", acts: Self.act))
        #expect(first.status == 201, "\(first.body)")
        let again = try server.request(
            "POST", "/v1/declarations", token: HTTPClients.portalToken,
            json: Self.declaration("1000001A", acts: Self.act))
        #expect(again.status == 200, "\(again.body)")
        let view = try server.request("GET", "/v1/jobseekers/1000001A/periods/2026-10", token: HTTPClients.readerToken)
        #expect(view.status == 200, "\(view.body)")
        #expect(view.json?["acts_count"] as? Int == 1, "the same act twice is one act: \(view.body)")
        #expect(view.json?["declared_at"] as? String == "2026-10-29T08:55:00+01:00")
        #expect(view.json?["state"] as? String == "open")
        server.process.killHard()

        _ = try sandbox.tick(at: Self.dMinus5)
        // Not reminded: no d-5 planned for someone declared, or planned and skipped at send time.
        #expect(try Self.reminderStates(sandbox, "1000001A")["d-5"] ?? "skipped" == "skipped")
        #expect(try Self.reminderStates(sandbox, "1000001A")["opening"] == "sent")
        #expect(
            try Self.reminderStates(sandbox, "1000002B")["d-5"] == "sent", "someone who did not declare is reminded")
    }

    @Test("a declaration posted after the closing makes that one missed period late and resolves its case")
    func lateDeclarationSettlesOneMember() throws {
        let port = try LoopbackSocket.freePort()
        let sandbox = try Sandbox { $0 + HTTPClients.section(listen: "127.0.0.1:\(port)") }
        try sandbox.importSampleDirectory(at: Self.imported)
        _ = try sandbox.tick(at: Self.opening)
        let closing = try sandbox.tick(at: "2026-11-16T12:00:00+01:00")
        #expect((closing["missed"] ?? 0) > 1)
        let server = try sandbox.startHTTP(now: "2026-11-17T09:05:00+01:00", port: port)
        let late = """
            {"jobseeker_id": "1000001A", "period": "2026-10", "declared_at": "2026-11-17T09:00:00+01:00"}
            """
        let reply = try server.request("POST", "/v1/declarations", token: HTTPClients.portalToken, json: late)
        #expect(reply.status == 201, "\(reply.body)")
        let view = try server.request("GET", "/v1/jobseekers/1000001A/periods/2026-10", token: HTTPClients.readerToken)
        #expect(view.json?["outcome"] as? String == "late", "\(view.body)")
        server.process.killHard()
        let status = try sandbox.run(
            ["status", "--period", "2026-10", "--format", "json"], now: "2026-11-17T10:00:00+01:00")
        #expect(status.stdout.contains("\"late\": 1"), "only the one who declared: \(status.stdout)")

        let cases = try sandbox.run(["cases", "list", "--format", "json"], now: "2026-11-17T10:00:00+01:00")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(cases.stdout.utf8)) as? [[String: Any]])
        #expect(list.first { $0["jobseeker_id"] as? String == "1000001A" }?["state"] as? String == "resolved")
        #expect(list.first { $0["jobseeker_id"] as? String == "1000002B" }?["state"] as? String == "open")
    }

    @Test("kill -9 right after 2xx answers loses none of them")
    func killedAfterAnswers() throws {
        let (sandbox, server) = try Self.serving()
        let ids = ["1000001A", "1000002B", "1000003C", "1000004D", "1000005E"]
        for id in ids {
            let reply = try server.request(
                "POST", "/v1/declarations", token: HTTPClients.portalToken, json: Self.declaration(id))
            #expect(reply.status == 201, "\(reply.body)")
        }
        server.process.killHard()
        let status = try sandbox.run(["status", "--period", "2026-10", "--format", "json"], now: Self.during)
        let periods = (try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])?["periods"]
        #expect((periods as? [[String: Any]])?.first?["declared"] as? Int == ids.count, "\(status.stdout)")
    }

    @Test("PUT /v1/jobseekers: created then replaced; a field left out is emptied, registered_on kept")
    func putJobseeker() throws {
        let (sandbox, server) = try Self.serving()
        let full = #"""
            {"department": "75", "first_name": "Léa", "email": "lea@example.fr", "registered_on": "2026-01-02",
             "channels": ["email"], "journal_required": true}
            """#
        let created = try server.request("PUT", "/v1/jobseekers/2000001B", token: HTTPClients.portalToken, json: full)
        #expect(created.status == 201, "\(created.body)")
        let stored = try Self.jobseekerRow(sandbox, "2000001B")
        let same = try server.request("PUT", "/v1/jobseekers/2000001B", token: HTTPClients.portalToken, json: full)
        #expect(same.status == 200, "\(same.body)")
        #expect(try Self.jobseekerRow(sandbox, "2000001B") == stored, "the same request again changes nothing")
        let replaced = try server.request(
            "PUT", "/v1/jobseekers/2000001B", token: HTTPClients.portalToken, json: #"{"department": "57"}"#)
        #expect(replaced.status == 200, "\(replaced.body)")
        #expect(try Self.jobseekerRow(sandbox, "2000001B").hasPrefix("57|||2026-01-02|||active|"))
        let view = try server.request("GET", "/v1/jobseekers/2000001B/periods/2026-10", token: HTTPClients.portalToken)
        #expect(view.json?["journal_required"] as? Bool == false, "journal_required was emptied: \(view.body)")
    }

    /// The stored columns of a jobseeker, `|`-separated, read with the sqlite3 shell.
    private static func jobseekerRow(_ sandbox: Sandbox, _ id: String) throws -> String {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        shell.arguments = [
            sandbox.databasePath,
            "SELECT department, first_name, email, registered_on, channels, journal_required, status, revision"
                + " FROM jobseekers WHERE id = '\(id)'",
        ]
        return try shell.runCollectingOutput().stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("422 carries the CSV import's own messages")
    func sameMessagesAsTheImport() throws {
        let (sandbox, server) = try Self.serving()
        let reply = try server.request(
            "PUT", "/v1/jobseekers/2000001B", token: HTTPClients.portalToken,
            json: #"{"department": "75", "phone": "12 34", "status": "gone"}"#)
        #expect(reply.status == 422)
        #expect(reply.headers["content-type"] == "application/problem+json")
        let errors = reply.json?["errors"] as? [[String: String]] ?? []
        let file = try sandbox.write("bad.csv", "id,department,phone,status\n2000001B,75,12 34,gone\n")
        let imported = try sandbox.run(["import", "jobseekers", file], now: Self.during)
        #expect(imported.status == 65)
        #expect(!errors.isEmpty)
        for error in errors {
            #expect(
                imported.stderr.contains("\(file):2: \(error["field"] ?? ""): \(error["message"] ?? "")"),
                "\(error) vs \(imported.stderr)")
        }
        let act = try server.request(
            "POST", "/v1/declarations", token: HTTPClients.portalToken,
            json: Self.declaration("1000001A", acts: #"{"date": "2026-10-27", "type": "sieste"}"#))
        #expect(act.status == 422)
        let actErrors = act.json?["errors"] as? [[String: String]] ?? []
        #expect(actErrors.first?["field"] == "acts[0].type", "\(act.body)")
        let declarations = try sandbox.write(
            "bad-declarations.csv",
            "jobseeker_id,period,declared_at,act_date,act_type\n1000001A,2026-10,2026-10-29T08:55:00+01:00,2026-10-27,sieste\n"
        )
        let importedActs = try sandbox.run(["import", "declarations", declarations], now: Self.during)
        #expect(
            importedActs.stderr.contains("act_type: \(actErrors.first?["message"] ?? "-")"), "\(importedActs.stderr)")
    }

    @Test("checks answer in SPEC 12's order: 404/405, 401, 429, 403, 413, 415, 400, 422, 404")
    func checkOrder() throws {
        let (_, server) = try Self.serving()
        let portal = HTTPClients.portalToken
        #expect(try server.request("GET", "/v1/nothing").status == 404)
        let wrongMethod = try server.request("DELETE", "/v1/declarations")
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.headers["allow"] == "POST")
        let anonymous = try server.request("POST", "/v1/declarations", json: "{")
        #expect(anonymous.status == 401)
        #expect(anonymous.headers["www-authenticate"] == "Bearer")
        #expect(try server.request("POST", "/v1/declarations", token: "wrong", json: "{").status == 401)
        let reader = try server.request("POST", "/v1/declarations", token: HTTPClients.readerToken, json: "{")
        #expect(reader.status == 403, "\(reader.body)")
        let limited = try server.request("GET", "/v1/status", token: HTTPClients.readerToken)
        #expect(limited.status == 429, "lecteur has one request per second")
        #expect(Int(limited.headers["retry-after"] ?? "") ?? 0 >= 1)
        let large = String(repeating: "x", count: 2048)
        #expect(
            try server.request(
                "POST", "/v1/declarations", token: portal, json: large, headers: ["Content-Type: text/plain"]
            )
            .status == 413)
        #expect(
            try server.request(
                "POST", "/v1/declarations", token: portal, json: "{", headers: ["Content-Type: text/plain"]
            )
            .status == 415)
        #expect(try server.request("POST", "/v1/declarations", token: portal, json: "{").status == 400)
        #expect(try server.request("POST", "/v1/declarations", token: portal, json: #"{"period": 12}"#).status == 422)
        let unknown = try server.request("GET", "/v1/jobseekers/9999999Z/periods/2026-10", token: portal)
        #expect(unknown.status == 404)
        #expect(unknown.headers["content-type"] == "application/problem+json")
        for reply in [wrongMethod, anonymous, unknown] {
            #expect(reply.headers.keys.allSatisfy { !$0.hasPrefix("access-control-") && $0 != "set-cookie" })
        }
    }

    @Test("healthz, openapi.json as kept in the repository, status as the command prints it")
    func readRoutes() throws {
        let (sandbox, server) = try Self.serving()
        let health = try server.request("GET", "/healthz")
        #expect(health.json?["status"] as? String == "ok")
        let document = try server.request("GET", "/v1/openapi.json")
        let kept = try String(
            contentsOfFile: Sandbox.repository + "/Sources/RelanceHTTP/Resources/openapi.json", encoding: .utf8)
        #expect(document.body == kept)
        let status = try server.request("GET", "/v1/status", token: HTTPClients.portalToken)
        let printed = try sandbox.run(["status", "--format", "json"], now: Self.during)
        let served = try JSONSerialization.jsonObject(with: Data(status.body.utf8)) as? NSDictionary
        let expected = try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as? NSDictionary
        #expect(served != nil && served == expected)
    }

    @Test("no token, body, cookie or query string in any log line")
    func logsKeepSecrets() throws {
        let (_, server) = try Self.serving()
        let posted = try server.request(
            "POST", "/v1/declarations?secret=query-value", token: HTTPClients.portalToken,
            json: Self.declaration(
                "1000001A", acts: #"{"date": "2026-10-27", "type": "autre", "label": "body-label"}"#),
            headers: ["Cookie: session=cookie-value"])
        #expect(posted.status == 201, "\(posted.body)")
        _ = try server.request("GET", "/v1/status?x=query-value", token: "not-a-token-value")
        let log = server.log
        #expect(log.contains("path=/v1/declarations status=201"), "\(server.logPath): \(log)")
        for secret in [HTTPClients.portalToken, "not-a-token-value", "query-value", "cookie-value", "body-label"] {
            #expect(!log.contains(secret), "\(secret) in \(log)")
        }
    }

    @Test("a Unix socket listener, and relance run answering HTTP when http.listen is set")
    func unixSocketAndDaemon() throws {
        let socket = FileManager.default.temporaryDirectory.appendingPathComponent("relance-\(UUID().uuidString).sock")
            .path
        defer { try? FileManager.default.removeItem(atPath: socket) }
        let sandbox = try Sandbox { $0 + HTTPClients.section(listen: "unix:\(socket)") }
        try sandbox.importSampleDirectory(at: Self.imported)
        let daemon = try sandbox.startHTTP(["run", "--interval", "3600"], now: Self.opening, unixSocket: socket)
        let status = try daemon.request("GET", "/v1/status", token: HTTPClients.portalToken)
        #expect(status.status == 200)
        daemon.process.send(SIGTERM)
        #expect(waitUntil(timeout: 15) { !daemon.process.isRunning })
        daemon.process.waitUntilExit()
        #expect(daemon.process.terminationStatus == 0)
    }

    @Test("configuration errors: a non-loopback listen without tls or trusted_proxies, a bad size, a scope")
    func configurationErrors() throws {
        for (section, expected) in [
            ("http:\n  listen: 0.0.0.0:8080\n", "http.listen: a non-loopback address needs 'tls'"),
            ("http:\n  listen: 127.0.0.1:8080\n  max_body: lots\n", "http.max_body: must be a size"),
            (
                "http:\n  listen: 127.0.0.1:8080\n  clients:\n    - { id: a, token_env: X, scopes: [everything] }\n",
                "http.clients[0].scopes[0]: must be one of",
            ),
        ] {
            let sandbox = try Sandbox { $0 + "\n" + section }
            let result = try sandbox.run(["config", "check"])
            #expect(result.status == 78)
            #expect(result.stderr.contains(expected), "\(result.stderr)")
            #expect(result.stderr.contains("relance.yaml:"), "the error names the line: \(result.stderr)")
        }
        let proxied = try Sandbox { $0 + "\nhttp:\n  listen: 0.0.0.0:8080\n  trusted_proxies: [127.0.0.1/32]\n" }
        #expect(try proxied.run(["config", "check"]).status == 0)
    }
}
