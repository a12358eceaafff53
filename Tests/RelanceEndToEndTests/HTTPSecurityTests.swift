import Foundation
import RelanceTestSupport
import Testing

/// The security checks of issue 12 against the executable: wrong or missing credentials,
/// hostile bodies and fields, slow clients. Each is answered 4xx and changes nothing in the
/// database; no token reaches the log, even at debug level.
@Suite("HTTP interface, security")
struct HTTPSecurityTests {
    /// The sample directory with 2026-10 opened and closed (cases exist), served on loopback at
    /// debug level; `timeout` is the request timeout, in seconds.
    private static func served(timeout: String? = nil) throws -> (Sandbox, HTTPServerProcess, Int) {
        let port = try LoopbackSocket.freePort()
        let sandbox = try Sandbox { $0 + HTTPClients.section(listen: "127.0.0.1:\(port)") }
        try sandbox.importSampleDirectory(at: "2026-10-20T09:00:00+01:00")
        _ = try sandbox.tick(at: "2026-10-28T10:30:00+01:00")
        _ = try sandbox.tick(at: "2026-11-17T10:30:00+01:00")
        if let timeout { sandbox.environment["RELANCE_HTTP_REQUEST_TIMEOUT"] = timeout }
        let server = try sandbox.startHTTP(now: "2026-11-18T09:00:00+01:00", port: port, logLevel: "debug")
        return (sandbox, server, port)
    }

    private static let jobseeker =
        #"{"department": "75", "first_name": "Léa", "channels": ["email"], "email": "lea@example.fr"}"#
    private static let declaration =
        #"{"jobseeker_id": "1000001A", "period": "2026-10", "declared_at": "2026-10-29T08:55:00+01:00"}"#

    @Test("no token, an unknown one, another client's, one lacking the scope: 401 or 403, nothing written")
    func credentials() throws {
        let (sandbox, server, _) = try Self.served()
        let before = try sandbox.databaseSnapshot().dump
        let writes: [(String, String, String)] = [
            ("PUT", "/v1/jobseekers/2000001B", Self.jobseeker), ("POST", "/v1/declarations", Self.declaration),
            ("PATCH", "/v1/cases/1", #"{"state": "resolved"}"#),
        ]
        for (method, path, body) in writes {
            let anonymous = try server.request(method, path, json: body)
            #expect(anonymous.status == 401, "\(method) \(path)")
            #expect(anonymous.headers["www-authenticate"] == "Bearer")
            #expect(try server.request(method, path, token: "crm-token-0c5c", json: body).status == 401)
            #expect(try server.request(method, path, token: HTTPClients.crmToken + "x", json: body).status == 401)
            #expect(
                try server.request(method, path, json: body, headers: ["Cookie: token=\(HTTPClients.crmToken)"])
                    .status == 401, "cookies never authenticate")
        }
        // The crm client's token on the portal's routes, the portal's on the crm's.
        #expect(try server.request("PUT", writes[0].1, token: HTTPClients.crmToken, json: writes[0].2).status == 403)
        #expect(try server.request("POST", writes[1].1, token: HTTPClients.crmToken, json: writes[1].2).status == 403)
        #expect(
            try server.request("PATCH", writes[2].1, token: HTTPClients.portalToken, json: writes[2].2).status == 403)
        #expect(try server.request("GET", "/v1/cases", token: HTTPClients.portalToken).status == 403)
        #expect(try server.request("GET", "/v1/status", token: HTTPClients.crmToken).status == 403)
        #expect(try sandbox.databaseSnapshot().dump == before)
    }

    @Test("oversized, malformed and mistyped bodies: 413, 400, 415, nothing written")
    func hostileBodies() throws {
        let (sandbox, server, _) = try Self.served()
        let before = try sandbox.databaseSnapshot().dump
        let crm = HTTPClients.crmToken
        let huge = #"{"state": "contacted", "note": ""# + String(repeating: "x", count: 4096) + #""}"#
        #expect(try server.request("PATCH", "/v1/cases/1", token: crm, json: huge).status == 413)
        for malformed in ["{", #"{"state": "contacted""#, "[]", "null", #""contacted""#, "\u{0}"] {
            #expect(
                try server.request("PATCH", "/v1/cases/1", token: crm, json: malformed).status == 400, "\(malformed)")
        }
        for type in ["text/plain", "application/x-www-form-urlencoded", "application/jsonx"] {
            let reply = try server.request(
                "PATCH", "/v1/cases/1", token: crm, json: #"{"state": "contacted"}"#, headers: ["Content-Type: \(type)"]
            )
            #expect(reply.status == 415, "\(type)")
        }
        #expect(try sandbox.databaseSnapshot().dump == before)
    }

    /// What an attacker tries in a field: SQL that ends the statement, quotes, CR/LF that would
    /// start a header of its own.
    static let payloads = ["' OR 1=1 --", "1; DROP TABLE cases; --", "\" OR \"\"=\"", "x\r\nSet-Cookie: a=b"]

    /// A string as a JSON string literal, quotes included.
    private static func quoted(_ text: String) throws -> String {
        let array = String(decoding: try JSONSerialization.data(withJSONObject: [text]), as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }

    @Test("SQL and header injection in every field: refused with 4xx and nothing written, or kept as text")
    func injection() throws {
        let (sandbox, server, _) = try Self.served()
        let crm = HTTPClients.crmToken
        let portal = HTTPClients.portalToken
        for payload in Self.payloads {
            let json = try Self.quoted(payload)
            for field in ["department", "first_name", "last_name", "email", "phone", "agency", "advisor", "status"] {
                try Self.attempt(
                    sandbox, server, "PUT", "/v1/jobseekers/2000001B", token: portal,
                    json: field == "department"
                        ? #"{"department": \#(json)}"# : #"{"department": "75", "\#(field)": \#(json)}"#,
                    stored: "SELECT \(field) FROM jobseekers WHERE id = '2000001B'", payload: payload)
            }
            for field in ["jobseeker_id", "period", "declared_at"] {
                var body = [
                    "jobseeker_id": "1000001A", "period": "2026-10", "declared_at": "2026-10-29T08:55:00+01:00",
                ]
                body[field] = json
                let text =
                    "{"
                    + body.map { #""\#($0.key)": \#($0.key == field ? $0.value : "\"\($0.value)\"")"# }
                    .joined(separator: ", ") + "}"
                try Self.attempt(sandbox, server, "POST", "/v1/declarations", token: portal, json: text)
            }
            try Self.attempt(
                sandbox, server, "PATCH", "/v1/cases/1", token: crm, json: #"{"state": \#(json)}"#)
            try Self.attempt(
                sandbox, server, "PATCH", "/v1/cases/1", token: crm,
                json: #"{"state": "contacted", "note": \#(json), "by": \#(json)}"#,
                stored: "SELECT note FROM cases WHERE id = 1", payload: payload)
            let encoded = payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            for query in ["advisor", "agency", "state", "limit", "cursor"] {
                try Self.attempt(sandbox, server, "GET", "/v1/cases?\(query)=\(encoded)", token: crm)
            }
            try Self.attempt(sandbox, server, "GET", "/v1/cases/\(encoded)", token: crm)
            try Self.attempt(sandbox, server, "GET", "/v1/jobseekers/\(encoded)/periods/2026-10", token: portal)
        }
        let others = try sandbox.cases(at: "2026-11-18T09:00:00+01:00").filter { $0.caseID != 1 }
        #expect(!others.isEmpty && others.allSatisfy { $0.state == "open" }, "no other case changed")
    }

    /// Sends one hostile request: a 4xx must leave the database as it was; a 2xx (free text) must
    /// have stored `payload` as written where `stored` reads it, and set no header of its own.
    private static func attempt(
        _ sandbox: Sandbox, _ server: HTTPServerProcess, _ method: String, _ path: String, token: String,
        json: String? = nil, stored: String? = nil, payload: String? = nil
    ) throws {
        let before = try sandbox.databaseSnapshot().dump
        let reply = try server.request(method, path, token: token, json: json)
        #expect(reply.headers["set-cookie"] == nil, "\(method) \(path)")
        if (400..<500).contains(reply.status) {
            #expect(try sandbox.databaseSnapshot().dump == before, "\(method) \(path) \(json ?? ""): a 4xx wrote")
            return
        }
        guard let stored, let payload else {
            Issue.record("\(method) \(path) \(json ?? "") answered \(reply.status), expected a 4xx: \(reply.body)")
            return
        }
        #expect(reply.status == 200 || reply.status == 201, "\(method) \(path): \(reply.body)")
        #expect(try sandbox.sql(stored) == payload, "\(method) \(path): stored as written")
    }

    @Test("a client that sends one byte a second is answered 408 and closed, headers or body")
    func slowClient() throws {
        let (sandbox, server, port) = try Self.served(timeout: "2")
        let before = try sandbox.databaseSnapshot().dump
        let head =
            "PATCH /v1/cases/1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(HTTPClients.crmToken)\r\n"
            + "Content-Type: application/json\r\nContent-Length: 21\r\n\r\n"
        let body = #"{"state": "resolved"}"#
        for (name, prefix) in [("headers", ""), ("body", head)] {
            let client = Process()
            client.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            // Sends `prefix` at once, then one byte a second of the rest until the server closes.
            client.arguments = [
                "-c",
                """
                import socket, sys, time
                s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=30)
                s.sendall(sys.argv[2].encode())
                rest = sys.argv[3].encode()
                s.setblocking(False)
                data = b""
                for byte in rest:
                    try:
                        s.send(bytes([byte]))
                    except OSError:
                        break
                    time.sleep(1)
                    try:
                        chunk = s.recv(4096)
                        if not chunk: break
                        data += chunk
                    except BlockingIOError:
                        pass
                    except OSError:
                        break
                print(data.decode(errors="replace"))
                """,
                "\(port)", prefix, prefix.isEmpty ? head + body : body,
            ]
            let result = try client.runCollectingOutput()
            #expect(result.stdout.hasPrefix("HTTP/1.1 408"), "\(name): \(result.stdout) \(result.stderr)")
            #expect(result.stdout.contains("application/problem+json"), "\(name)")
        }
        #expect(try sandbox.databaseSnapshot().dump == before)
        #expect(try server.request("GET", "/healthz").status == 200, "the server goes on")
    }

    @Test("no token in any log line, at debug level")
    func debugLogKeepsTokens() throws {
        let (_, server, _) = try Self.served()
        _ = try server.request("GET", "/v1/cases?limit=2", token: HTTPClients.crmToken)
        _ = try server.request("GET", "/v1/cases/1", token: HTTPClients.crmToken)
        _ = try server.request(
            "PATCH", "/v1/cases/1", token: HTTPClients.crmToken, json: #"{"state": "contacted", "note": "note-text"}"#)
        _ = try server.request("GET", "/v1/status", token: "guessed-token-value")
        _ = try server.request("GET", "/v1/status", headers: ["Authorization: Basic dXNlcjpwYXNz"])
        let log = server.log
        #expect(log.contains("debug"), "the server logged at debug level: \(log)")
        for secret in [
            HTTPClients.crmToken, HTTPClients.portalToken, HTTPClients.readerToken, "guessed-token-value",
            "dXNlcjpwYXNz", "note-text",
        ] {
            #expect(!log.contains(secret), "\(secret) in \(server.logPath)")
        }
    }
}
