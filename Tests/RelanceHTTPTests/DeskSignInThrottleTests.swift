import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The email-link form is throttled per address and per client address (SPEC 14), the client
/// address being the API's: behind a trusted proxy the last `X-Forwarded-For` hop, from anyone
/// else the peer's own address whatever header it sends.
@Suite("advisors' desk, sign-in throttle")
struct DeskSignInThrottleTests {
    /// Asks for a link for `email`, from behind `forwardedFor` when given; the status.
    static func ask(_ client: some TestClientProtocol, _ email: String, forwardedFor: String? = nil) async throws
        -> HTTPResponse.Status
    {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let forwardedFor { headers[HTTPFields.Element.Name("X-Forwarded-For")!] = forwardedFor }
        return try await client.execute(
            uri: "/desk/sign-in", method: .post, headers: headers, body: DeskTests.form([("email", email)])
        ) { $0.status }
    }

    /// Asks as ``ask(_:_:forwardedFor:)`` and expects `status`.
    static func expectAnswer(
        _ client: some TestClientProtocol, _ status: HTTPResponse.Status, _ email: String, forwardedFor: String? = nil,
        _ comment: Comment? = nil
    ) async throws {
        let answer = try await ask(client, email, forwardedFor: forwardedFor)
        #expect(answer == status, comment)
    }

    /// `count` requests, each for another address from behind another forwarded address, each
    /// answered 200.
    static func askFromEach(_ client: some TestClientProtocol, count: Int) async throws {
        for index in 0..<count {
            try await expectAnswer(
                client, .ok, "inconnu\(index)@example.fr", forwardedFor: "198.51.100.\(index + 1)",
                "request \(index + 1)")
        }
    }

    @Test("five requests per address, twenty per client address, in a quarter of an hour")
    func perAddressAndClient() async throws {
        let scene = try DeskTests()
        try await scene.liveApp.test(.live) { client in
            for _ in 0..<5 { try await Self.expectAnswer(client, .ok, "claire.martin@example.fr") }
            try await Self.expectAnswer(client, .tooManyRequests, "Claire.Martin@example.fr")
            for index in 5..<20 { try await Self.expectAnswer(client, .ok, "inconnu\(index)@example.fr") }
            try await Self.expectAnswer(client, .tooManyRequests, "autre@example.fr", "the 21st from 127.0.0.1")
        }
    }

    @Test("behind a trusted proxy, each forwarded client is counted apart")
    func trustedProxy() async throws {
        let scene = try DeskTests(http: ["trusted_proxies: [127.0.0.1/32]"])
        try await scene.liveApp.test(.live) { client in
            try await Self.askFromEach(client, count: 25)
            for index in 0..<19 {
                try await Self.expectAnswer(client, .ok, "autre\(index)@example.fr", forwardedFor: "198.51.100.1")
            }
            try await Self.expectAnswer(
                client, .tooManyRequests, "encore@example.fr", forwardedFor: "198.51.100.1", "the 21st from one client")
            try await Self.expectAnswer(client, .ok, "encore@example.fr", forwardedFor: "198.51.100.2")
        }
    }

    @Test("from an untrusted peer, X-Forwarded-For is ignored: forged addresses share the peer's count")
    func untrustedPeer() async throws {
        let scene = try DeskTests(http: ["trusted_proxies: [10.0.0.0/8]"])
        try await scene.liveApp.test(.live) { client in
            try await Self.askFromEach(client, count: 20)
            try await Self.expectAnswer(client, .tooManyRequests, "encore@example.fr", forwardedFor: "198.51.100.99")
        }
    }
}
