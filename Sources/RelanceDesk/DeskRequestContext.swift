public import Hummingbird

/// What the desk needs of the server's request context: the peer's address on the socket, to
/// tell a trusted proxy from anyone else.
public protocol DeskRequestContext: RequestContext {
    /// The address of the peer on the socket; nil on a Unix socket.
    var peerAddress: String? { get }
}
