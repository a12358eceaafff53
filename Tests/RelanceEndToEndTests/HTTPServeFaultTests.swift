import Foundation
import RelanceTestSupport
import Testing

/// The HTTP interface while another process holds the database, and over TLS.
@Suite("HTTP interface, locks and TLS")
struct HTTPServeLockTests {
    @Test("while another process holds the write lock, a write answers 503 with Retry-After; then 201")
    func busyDatabase() throws {
        let port = try LoopbackSocket.freePort()
        let sandbox = try Sandbox { $0 + HTTPClients.section(listen: "127.0.0.1:\(port)") }
        try sandbox.importSampleDirectory(at: "2026-10-20T09:00:00+01:00")
        _ = try sandbox.tick(at: "2026-10-28T10:30:00+01:00")
        let server = try sandbox.startHTTP(now: "2026-10-29T09:00:00+01:00", port: port)
        // Holds BEGIN IMMEDIATE, as an import does, until its standard input closes.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        holder.arguments = [
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
                + "c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); sys.stdin.read()",
            sandbox.databasePath,
        ]
        let input = Pipe()
        let output = Pipe()
        holder.standardInput = input
        holder.standardOutput = output
        try holder.run()
        defer { if holder.isRunning { holder.terminate() } }
        #expect(String(decoding: output.fileHandleForReading.availableData, as: UTF8.self).hasPrefix("locked"))
        let body = #"{"jobseeker_id": "1000001A", "period": "2026-10", "declared_at": "2026-10-29T08:55:00+01:00"}"#
        let busy = try server.request("POST", "/v1/declarations", token: HTTPClients.portalToken, json: body)
        #expect(busy.status == 503, "\(busy.body)")
        #expect(busy.headers["retry-after"] != nil)
        #expect(try server.request("GET", "/healthz").status == 200, "reads go on in WAL mode")
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        let written = try server.request("POST", "/v1/declarations", token: HTTPClients.portalToken, json: body)
        #expect(written.status == 201, "nothing was written by the 503: \(written.body)")
    }

    @Test("http.tls: the interface answers over HTTPS")
    func tls() throws {
        let port = try LoopbackSocket.freePort()
        let sandbox = try Sandbox {
            $0
                + HTTPClients.section(
                    listen: "127.0.0.1:\(port)", extra: ["tls: { certificate_file: tls.crt, key_file: tls.key }"])
        }
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
            "-keyout", sandbox.root + "/config/tls.key", "-out", sandbox.root + "/config/tls.crt",
        ]
        #expect(try openssl.runCollectingOutput().status == 0)
        let server = try sandbox.startHTTP(now: "2026-10-29T09:00:00+01:00", port: port, scheme: "https")
        #expect(try server.request("GET", "/healthz").status == 200)
        #expect(try server.request("GET", "/v1/status").status == 401)
    }
}

/// Token rotation through a `token_file` (SPEC 12).
@Suite("HTTP interface, token rotation")
struct HTTPTokenRotationTests {
    @Test("a token_file holds several tokens; SIGHUP rereads them")
    func rotation() throws {
        let port = try LoopbackSocket.freePort()
        let sandbox = try Sandbox {
            $0 + HTTPClients.section(listen: "127.0.0.1:\(port)")
                + "    - { id: rotated, token_file: rotated.tokens, scopes: [read] }\n"
        }
        let file = sandbox.root + "/config/rotated.tokens"
        try "old-token-1\nnew-token-2\n".write(toFile: file, atomically: true, encoding: .utf8)
        let server = try sandbox.startHTTP(now: "2026-10-29T09:00:00+01:00", port: port)
        #expect(try server.request("GET", "/v1/status", token: "old-token-1").status == 200)
        #expect(try server.request("GET", "/v1/status", token: "new-token-2").status == 200)
        try "new-token-2\n".write(toFile: file, atomically: true, encoding: .utf8)
        server.process.send(SIGHUP)
        #expect(waitUntil(timeout: 30) { server.log.contains("client tokens reloaded") }, "\(server.log)")
        #expect(try server.request("GET", "/v1/status", token: "old-token-1").status == 401)
        #expect(try server.request("GET", "/v1/status", token: "new-token-2").status == 200)
    }
}

/// The request timeout of SPEC 12.
@Suite("HTTP interface, slow requests")
struct HTTPSlowRequestTests {
    @Test("a body that has not arrived within 10 seconds is answered 408 and the connection closed")
    func slowBody() throws {
        let port = try LoopbackSocket.freePort()
        let sandbox = try Sandbox { $0 + HTTPClients.section(listen: "127.0.0.1:\(port)") }
        let server = try sandbox.startHTTP(now: "2026-10-29T09:00:00+01:00", port: port)
        // Sends the head and part of the body, then reads what comes back until the server closes.
        let client = Process()
        client.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        client.arguments = [
            "-c",
            """
            import socket, sys
            s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=60)
            s.sendall(b"POST /v1/declarations HTTP/1.1\\r\\nHost: x\\r\\nAuthorization: Bearer " + sys.argv[2].encode()
                      + b"\\r\\nContent-Type: application/json\\r\\nContent-Length: 40\\r\\n\\r\\n{\\"jobseeker_id\\"")
            data = b""
            while True:
                chunk = s.recv(4096)
                if not chunk: break
                data += chunk
            print(data.decode(errors="replace"))
            """,
            "\(port)", HTTPClients.portalToken,
        ]
        let result = try client.runCollectingOutput()
        #expect(result.stdout.hasPrefix("HTTP/1.1 408"), "\(result.stdout) \(result.stderr) \(server.log)")
        #expect(result.stdout.contains("application/problem+json"))
    }
}
