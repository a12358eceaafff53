import Foundation

/// `http.trusted_proxies`: whose `X-Forwarded-For` (and the desk's identity header) is believed.
/// The one place that says who the client is, for the API's rate limits and the desk's sign-in
/// throttle and proxy mode alike.
///
/// A peer on a Unix socket is the local proxy: only processes that the socket's file permissions
/// let in can connect, and it has no address to list in `trusted_proxies`.
public struct TrustedProxies: Sendable {
    /// The blocks of `http.trusted_proxies`.
    public let blocks: [CIDRBlock]

    /// The proxies of these blocks.
    public init(blocks: [CIDRBlock]) { self.blocks = blocks }

    /// Whether an address is in one of the blocks.
    public func trusts(_ address: String) -> Bool { blocks.contains { $0.contains(address) } }

    /// Whether a socket peer is a trusted proxy: its address is in one of the blocks, or it is
    /// on a Unix socket (`peer` nil).
    public func trusts(peer: String?) -> Bool { peer.map { trusts($0) } ?? true }

    /// The client's address: the peer's, unless the peer is a trusted proxy; then the last
    /// address of `X-Forwarded-For` that is not itself a trusted proxy (the peer's own, or `unix`,
    /// when there is none). A header sent by an untrusted peer is ignored.
    public func clientAddress(peer: String?, forwardedFor: [String]) -> String {
        guard trusts(peer: peer) else { return peer ?? "unix" }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        return hops.reversed().first { !$0.isEmpty && !trusts($0) } ?? peer ?? "unix"
    }
}
