import Foundation
import RelanceTestSupport
import Testing

/// `relance doctor` and the HTTP listener: the address, the TLS files, the clients' tokens.
@Suite("doctor, the HTTP listener")
struct DoctorListenerTests {
    static let now = "2026-10-29T09:00:00+01:00"

    /// A sandbox whose `http` section listens on `port`, with `extra` lines (and the test clients).
    private static func sandbox(port: Int, extra: [String] = [], clients: String = "") throws -> Sandbox {
        let sandbox = try Sandbox { $0 + HTTPClients.section(listen: "127.0.0.1:\(port)", extra: extra) + clients }
        sandbox.environment.merge(HTTPClients.environment) { $1 }
        return sandbox
    }

    @Test("a free address, then the same address served by relance: both fine; the tokens are read")
    func freeThenOurs() throws {
        let port = try LoopbackSocket.freePort()
        let sandbox = try Self.sandbox(port: port)
        let free = try sandbox.run(["doctor"], now: Self.now)
        #expect(free.stdout.contains("ok       http: http.listen 127.0.0.1:\(port) is free"), "\(free.stdout)")
        #expect(free.stdout.contains("ok       http.clients.crm: 1 token(s) read"), "\(free.stdout)")
        let server = try sandbox.startHTTP(now: Self.now, port: port)
        let ours = try sandbox.run(["doctor"], now: Self.now)
        #expect(ours.stdout.contains("relance answers there"), "\(ours.stdout)")
        #expect(!ours.stdout.contains("FAIL     http"), "\(ours.stdout)")
        #expect(!ours.stdout.contains(HTTPClients.crmToken))
        server.process.killHard()
    }

    @Test("an address another program holds, a missing token file, a key of another certificate: each fails")
    func failures() throws {
        let taken = try HTTPTestServer { _ in .status(200) }
        let sandbox = try Self.sandbox(
            port: taken.port, extra: ["tls: { certificate_file: tls.crt, key_file: other.key }"],
            clients: "    - { id: gone, token_file: nowhere.tokens, scopes: [read] }\n")
        for (key, certificate) in [("tls.key", "tls.crt"), ("other.key", "other.crt")] {
            let openssl = Process()
            openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            openssl.arguments = [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-keyout", sandbox.root + "/config/" + key, "-out", sandbox.root + "/config/" + certificate,
            ]
            #expect(try openssl.runCollectingOutput().status == 0)
        }
        let result = try sandbox.run(["doctor"], now: Self.now)
        #expect(result.status != 0)
        #expect(result.stdout.contains("FAIL     http.tls:"), "\(result.stdout)")
        #expect(result.stdout.contains("the key does not match the certificate"), "\(result.stdout)")
        #expect(result.stdout.contains("FAIL     http.clients.gone:"), "\(result.stdout)")
        #expect(result.stdout.contains("FAIL     http: http.listen 127.0.0.1:\(taken.port)"), "\(result.stdout)")
    }
}
