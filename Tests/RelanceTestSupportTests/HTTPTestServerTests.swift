import Foundation
import RelanceTestSupport
import Testing

@Suite("HTTP test server")
struct HTTPTestServerTests {
    @Test("two requests share one kept-alive connection")
    func keepAlive() throws {
        let server = try HTTPTestServer { .ok("[\($0.path)]") }
        let result = try curl(["-sS", "--http1.1", server.url + "/a", server.url + "/b"])
        #expect(result.status == 0)
        #expect(result.stdout == "[/a][/b]")
        #expect(server.requests.map(\.path) == ["/a", "/b"])
        #expect(server.requests.map(\.connectionID) == [1, 1])
        #expect(server.connectionCount == 1)
    }

    @Test("Connection: close from the client gets a new connection per request")
    func connectionClose() throws {
        let server = try HTTPTestServer { _ in .ok() }
        let result = try curl(["-sS", "--http1.1", "-H", "Connection: close", server.url + "/a", server.url + "/b"])
        #expect(result.status == 0)
        #expect(server.requests.map(\.connectionID) == [1, 2])
        #expect(server.connectionCount == 2)
    }

    @Test("a POST body and headers are recorded")
    func postBody() throws {
        let server = try HTTPTestServer { _ in .status(201) }
        let result = try curl([
            "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-H", "X-Api-Key: secret",
            "--data-binary", "{\"to\":\"+33600000000\"}", server.url + "/v1/sms",
        ])
        #expect(result.stdout == "201")
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/v1/sms")
        #expect(request.text == "{\"to\":\"+33600000000\"}")
        #expect(request.header("x-api-key") == "secret")
    }

    @Test("a large body sent with Expect: 100-continue arrives whole")
    func expectContinue() throws {
        let server = try HTTPTestServer { _ in .ok() }
        let body = String(repeating: "x", count: 100_000)
        let result = try curl([
            "-sS", "-H", "Expect: 100-continue", "--expect100-timeout", "10", "--data-binary", body, server.url,
        ])
        #expect(result.status == 0)
        #expect(server.requests.first?.body.count == 100_000)
    }

    @Test("a delayed reply arrives late, a client timeout sees none, and stop cuts a pending delay short")
    func delay() throws {
        let server = try HTTPTestServer { .ok("late").delayed(by: $0.path == "/slow" ? 0.4 : 3600) }
        let start = Date()
        let slow = try curl(["-sS", server.url + "/slow"])
        #expect(slow.stdout == "late")
        // A lower bound only: a loaded machine can make it longer, never shorter.
        #expect(Date().timeIntervalSince(start) >= 0.4)
        // An hour's delay outlasts any client timeout.
        let timedOut = try curl(["-sS", "--max-time", "1", server.url + "/slower"])
        #expect(timedOut.status == 28)  // CURLE_OPERATION_TIMEDOUT

        // A client waiting for an hour's delay: once the server has its request, stop closes the
        // connection, and the client gets no reply (52) instead of running into its own timeout (28).
        let waiting = Process()
        waiting.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        waiting.arguments = ["-sS", "--max-time", "600", server.url + "/stuck"]
        waiting.standardOutput = FileHandle.nullDevice
        waiting.standardError = FileHandle.nullDevice
        try waiting.run()
        defer { if waiting.isRunning { waiting.killHard() } }
        try #require(waitUntil(timeout: hangTimeout) { server.requests.contains { $0.path == "/stuck" } })
        server.stop()
        waiting.waitUntilExit()
        #expect(waiting.terminationStatus == 52, "stop left the delayed reply pending")
    }

    @Test("hangUp closes the connection without a reply")
    func hangUp() throws {
        let server = try HTTPTestServer { _ in .hangUp }
        let result = try curl(["-sS", server.url + "/x"])
        #expect(result.status == 52)  // CURLE_GOT_NOTHING: "Empty reply from server"
        #expect(server.requests.count == 1)
    }

    @Test("429 carries its Retry-After header")
    func tooManyRequests() throws {
        let server = try HTTPTestServer { _ in .status(429, headers: ["Retry-After": "7"], body: "slow down") }
        let result = try curl(["-sS", "-i", server.url + "/x"])
        #expect(result.stdout.hasPrefix("HTTP/1.1 429 Too Many Requests\r\n"))
        #expect(result.stdout.contains("\r\nRetry-After: 7\r\n"))
        #expect(result.stdout.hasSuffix("\r\n\r\nslow down"))
    }

    @Test("a chunked request body is refused with 411")
    func chunkedRefused() throws {
        let server = try HTTPTestServer { _ in .ok() }
        let result = try curl([
            "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Transfer-Encoding: chunked", "--data-binary", "x",
            server.url,
        ])
        #expect(result.stdout == "411")
        #expect(server.requests.isEmpty)
    }

    @Test("after stop, connections are refused")
    func stop() throws {
        let server = try HTTPTestServer { _ in .ok() }
        server.stop()
        let result = try curl(["-sS", server.url])
        #expect(result.status == 7)  // CURLE_COULDNT_CONNECT
    }
}
