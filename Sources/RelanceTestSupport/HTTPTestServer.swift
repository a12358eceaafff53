/// A real HTTP/1.1 server on 127.0.0.1 and a port chosen by the kernel, for delivery tests.
///
/// One thread accepts connections and one thread per connection serves its requests in turn:
/// connections are kept alive (HTTP/1.1 default) unless the request or the response says
/// `Connection: close`. Request bodies are read by `Content-Length`; a chunked request body
/// gets `411 Length Required` and the connection is closed. `Expect: 100-continue` is honoured.
///
/// ```swift
/// let server = try HTTPTestServer { request in
///     request.path == "/slow" ? .ok("late").delayed(by: 2) : .status(429, headers: ["Retry-After": "1"])
/// }
/// // … deliver to server.url …
/// #expect(server.requests.count == 1)
/// ```
///
/// The `respond` closure runs on the connection threads, possibly concurrently. It must not
/// capture the server itself (that would keep it alive) nor call `stop()`.
public final class HTTPTestServer: Sendable {
    /// The listening port.
    public let port: Int
    private let core: HTTPServerCore

    /// Starts listening at once; `respond` decides what each request gets.
    public init(respond: @escaping @Sendable (Request) -> Response) throws {
        let (listener, port) = try LoopbackSocket.listen()
        self.port = port
        core = HTTPServerCore(listener: listener, respond: respond)
        core.start()
    }

    deinit { core.stop() }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// Every request received so far, in order of arrival (recorded before it is answered).
    public var requests: [Request] { core.requests }

    /// How many TCP connections were accepted so far.
    public var connectionCount: Int { core.connectionCount }

    /// Closes the listening socket and every connection, cuts pending delays short, and returns
    /// once all the server's threads have ended. Called by deinit too; calling it again is harmless.
    public func stop() { core.stop() }
}
