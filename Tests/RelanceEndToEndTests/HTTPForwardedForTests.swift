import Foundation
import RelanceTestSupport
import Testing

/// `X-Forwarded-For` names the client only when the peer is a trusted proxy (SPEC 12): a client
/// that forges the header from an untrusted address is still counted as its own address. Seen
/// through the rate of requests without a token, which is kept per client address.
@Suite("HTTP interface, X-Forwarded-For")
struct HTTPForwardedForTests {
    /// More unauthenticated requests than the per-address burst allows, sent at once.
    private static let requests = 2_000

    /// The statuses of `requests` pipelined requests without a token, each forging another
    /// `X-Forwarded-For` address, and the database before and after.
    private static func forged(trustedProxies: [String]) throws -> (statuses: [Int: Int], unchanged: Bool) {
        let port = try LoopbackSocket.freePort()
        let extra = trustedProxies.isEmpty ? [] : ["trusted_proxies: [\(trustedProxies.joined(separator: ", "))]"]
        let sandbox = try Sandbox { $0 + HTTPClients.section(listen: "127.0.0.1:\(port)", extra: extra) }
        try sandbox.importSampleDirectory(at: "2026-10-20T09:00:00+01:00")
        let before = try sandbox.databaseSnapshot().dump
        let server = try sandbox.startHTTP(now: "2026-10-21T09:00:00+01:00", port: port)
        let client = Process()
        client.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        // Pipelines every request on one connection, then counts the answers' status lines (each
        // follows the previous body on the same line).
        client.arguments = [
            "-c",
            """
            import collections, re, socket, sys
            port, count = int(sys.argv[1]), int(sys.argv[2])
            s = socket.create_connection(("127.0.0.1", port), timeout=60)
            requests = "".join(
                f"GET /v1/status HTTP/1.1\\r\\nHost: x\\r\\nX-Forwarded-For: 198.51.{i // 250}.{i % 250 + 1}\\r\\n\\r\\n"
                for i in range(count))
            s.sendall(requests.encode())
            data, statuses = b"", []
            while len(statuses) < count:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
                statuses = re.findall(rb"HTTP/1\\.1 (\\d{3}) ", data)
            counts = collections.Counter(status.decode() for status in statuses)
            print(" ".join(f"{status}={n}" for status, n in sorted(counts.items())))
            """,
            "\(port)", "\(requests)",
        ]
        let result = try client.runCollectingOutput()
        let statuses = Dictionary(
            uniqueKeysWithValues: result.stdout.split(whereSeparator: \.isWhitespace).compactMap { pair in
                let parts = pair.split(separator: "=").compactMap { Int($0) }
                return parts.count == 2 ? (parts[0], parts[1]) : nil
            })
        #expect(try server.request("GET", "/healthz").status == 200, "the server goes on: \(server.log)")
        return (statuses, try sandbox.databaseSnapshot().dump == before)
    }

    @Test("a forged X-Forwarded-For from an untrusted peer does not escape the peer's own rate")
    func untrustedPeer() throws {
        let (statuses, unchanged) = try Self.forged(trustedProxies: [])
        #expect(statuses.values.reduce(0, +) == Self.requests, "\(statuses)")
        #expect(Set(statuses.keys) == [401, 429], "one address, one bucket: \(statuses)")
        #expect((statuses[429] ?? 0) > 0)
        #expect(unchanged)
    }

    @Test("behind a trusted proxy, each forwarded client has a rate of its own")
    func trustedProxy() throws {
        let (statuses, unchanged) = try Self.forged(trustedProxies: ["127.0.0.1/32"])
        #expect(statuses == [401: Self.requests], "every address within its rate: \(statuses)")
        #expect(unchanged)
    }
}
