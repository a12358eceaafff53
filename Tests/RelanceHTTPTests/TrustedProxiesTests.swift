import RelanceConfig
import Testing

@testable import RelanceHTTP

@Suite("trusted proxies and tokens")
struct TrustedProxiesTests {
    let proxies = TrustedProxies(blocks: [CIDRBlock("127.0.0.1/32")!, CIDRBlock("::1/128")!, CIDRBlock("10.1.0.0/16")!])

    @Test("X-Forwarded-For from an untrusted peer is ignored")
    func spoofedHeader() {
        #expect(proxies.clientAddress(peer: "192.0.2.7", forwardedFor: ["203.0.113.9"]) == "192.0.2.7")
        #expect(
            TrustedProxies(blocks: []).clientAddress(peer: "127.0.0.1", forwardedFor: ["203.0.113.9"]) == "127.0.0.1")
    }

    @Test("behind trusted proxies, the last address that is not a proxy")
    func forwarded() {
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["203.0.113.9"]) == "203.0.113.9")
        #expect(
            proxies.clientAddress(peer: "::1", forwardedFor: ["198.51.100.1, 203.0.113.9", "10.1.2.3"])
                == "203.0.113.9",
            "a spoofed first hop stays ahead of the real client")
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: []) == "127.0.0.1")
        #expect(proxies.clientAddress(peer: "::ffff:127.0.0.1", forwardedFor: ["203.0.113.9"]) == "203.0.113.9")
    }

    @Test("a peer on a Unix socket is the local proxy: its X-Forwarded-For is believed")
    func unixSocket() {
        #expect(proxies.trusts(peer: nil) && TrustedProxies(blocks: []).trusts(peer: nil))
        #expect(!proxies.trusts(peer: "192.0.2.7") && proxies.trusts(peer: "10.1.0.1"))
        #expect(proxies.clientAddress(peer: nil, forwardedFor: ["203.0.113.9, 10.1.2.3"]) == "203.0.113.9")
        #expect(proxies.clientAddress(peer: nil, forwardedFor: []) == "unix")
        #expect(proxies.clientAddress(peer: nil, forwardedFor: [" , "]) == "unix", "empty hops name no one")
    }

    @Test(
        "address blocks",
        arguments: [
            ("10.1.255.255", true), ("10.2.0.0", false), ("127.0.0.1", true), ("127.0.0.2", false), ("::1", true),
            ("::2", false), ("not an address", false),
        ])
    func blocks(address: String, inside: Bool) {
        #expect(proxies.trusts(address) == inside)
    }

    @Test("tokens compare equal only when identical, whatever their lengths")
    func tokens() {
        let token = Array("s3cret-token".utf8)
        #expect(ClientRegistry.equal(token, token))
        for other in ["s3cret-tokem", "s3cret-token-and-more", "s3cret", "", "S3cret-token"] {
            #expect(!ClientRegistry.equal(token, Array(other.utf8)), "\(other)")
        }
        #expect(!ClientRegistry.equal([], []))
    }
}
