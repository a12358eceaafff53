import Foundation
import Hummingbird
import HummingbirdTesting
import RelanceStore
import Testing

/// The desk behind a single sign-on proxy (SPEC 14): the identity header is believed only from
/// `http.trusted_proxies` (a peer on a Unix socket is the local proxy) and, with a proxy secret,
/// only with that secret. `.live` tests come from 127.0.0.1; `.router` tests have no peer
/// address, as on a Unix socket.
@Suite("advisors' desk behind a proxy, in process")
struct DeskProxyTests {
    static let secretVariable = "RELANCE_TEST_DESK_PROXY_SECRET"
    static let secret = "proxy-secret-0123456789abcdef"
    static let user = HTTPFields.Element.Name("X-Forwarded-User")!
    static let secretHeader = HTTPFields.Element.Name("X-Relance-Proxy-Secret")!

    /// A desk in proxy mode, with the secret when `secret` is set.
    static func scene(trusting proxies: [String], secret: Bool = false) throws -> DeskTests {
        setenv(secretVariable, Self.secret, 1)
        let desk = "  auth: proxy\n  public_url: https://relance.example.fr\n"
        return try DeskTests(
            desk: desk + (secret ? "  proxy_secret_env: \(secretVariable)\n" : ""),
            http: proxies.isEmpty ? [] : ["trusted_proxies: [\(proxies.joined(separator: ", "))]"])
    }

    /// Whether a page of the desk was opened to ADV001: 200, their list, a new session cookie.
    static func expectSignedIn(_ response: TestResponse) {
        #expect(response.status == .ok)
        #expect(String(buffer: response.body).contains("Mes dossiers"))
        #expect(response.headers[.setCookie]?.hasPrefix("relance_desk=") == true)
    }

    /// Whether a request was refused: 403, and no session.
    static func expectRefused(_ response: TestResponse) {
        #expect(response.status == .forbidden)
        #expect(response.headers[.setCookie] == nil)
    }

    @Test("an identity header from a peer outside trusted_proxies is refused (403), and signs no one in")
    func untrustedPeer() async throws {
        for proxies in [[], ["10.0.0.0/8", "192.0.2.0/24"]] {
            let scene = try Self.scene(trusting: proxies)
            try await scene.liveApp.test(.live) { client in
                try await client.execute(uri: "/desk/", method: .get, headers: [Self.user: "ADV001"]) {
                    Self.expectRefused($0)
                }
            }
            #expect(try scene.relance.store.read { try $0.auditEntries(AuditFilter()) }.isEmpty)
        }
    }

    @Test("from a trusted proxy, the identity header signs the advisor in")
    func trustedPeer() async throws {
        let scene = try Self.scene(trusting: ["127.0.0.1/32"])
        try await scene.liveApp.test(.live) { client in
            try await client.execute(uri: "/desk/", method: .get, headers: [Self.user: "ADV001"]) {
                Self.expectSignedIn($0)
            }
            try await client.execute(uri: "/desk/", method: .get) { Self.expectRefused($0) }
            try await client.execute(uri: "/desk/", method: .get, headers: [Self.user: "NOBODY"]) {
                Self.expectRefused($0)
            }
        }
    }

    @Test("with a proxy secret, a missing or wrong secret is refused and the right one accepted")
    func proxySecret() async throws {
        let scene = try Self.scene(trusting: ["127.0.0.1/32"], secret: true)
        try await scene.liveApp.test(.live) { client in
            for given in [nil, "wrong", String(Self.secret.dropLast()), Self.secret + "x"] {
                var headers: HTTPFields = [Self.user: "ADV001"]
                if let given { headers[Self.secretHeader] = given }
                try await client.execute(uri: "/desk/", method: .get, headers: headers) { Self.expectRefused($0) }
            }
            try await client.execute(
                uri: "/desk/", method: .get, headers: [Self.user: "ADV001", Self.secretHeader: Self.secret]
            ) { Self.expectSignedIn($0) }
        }
    }

    @Test("a peer on a Unix socket is the local proxy; the secret still applies when set")
    func unixSocketPeer() async throws {
        let open = try Self.scene(trusting: [])
        try await open.app.test(.router) { client in
            try await client.execute(uri: "/desk/", method: .get, headers: [Self.user: "ADV001"]) {
                Self.expectSignedIn($0)
            }
        }
        let guarded = try Self.scene(trusting: [], secret: true)
        try await guarded.app.test(.router) { client in
            try await client.execute(uri: "/desk/", method: .get, headers: [Self.user: "ADV001"]) {
                Self.expectRefused($0)
            }
            try await client.execute(
                uri: "/desk/", method: .get, headers: [Self.user: "ADV001", Self.secretHeader: Self.secret]
            ) { Self.expectSignedIn($0) }
        }
    }
}
