public import Hummingbird
public import RelanceDesk

/// The request context of the HTTP interface: the peer's address, and notes that the middleware
/// leave for the access log.
public struct HTTPContext: RequestContext, DeskRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The address of the peer on the socket (a proxy's, behind one); nil on a Unix socket.
    public let peerAddress: String?
    /// Shared by every middleware of the request.
    let notes = RequestNotes()

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Request bodies are limited by `http.max_body`, checked by the routes that read one.
    public var maxUploadSize: Int { .max }
}
