import Foundation
import RelanceConfig

/// `http.trusted_proxies`: whose `X-Forwarded-For` is believed.
struct TrustedProxies: Sendable {
    let blocks: [CIDRBlock]

    func trusts(_ address: String) -> Bool { blocks.contains { $0.contains(address) } }

    /// The client's address: the peer's, unless the peer is a trusted proxy; then the last
    /// address of `X-Forwarded-For` that is not itself a trusted proxy. A header sent by an
    /// untrusted peer is ignored.
    func clientAddress(peer: String?, forwardedFor: [String]) -> String {
        guard let peer else { return "unix" }
        guard trusts(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        return hops.reversed().first { !trusts($0) } ?? peer
    }
}
