import Foundation
public import RelanceConfig

/// The clients of `http.clients` with their tokens as last read; ``reload()`` reads the tokens
/// again (SIGHUP), so that a token added to or removed from a `token_file` takes effect.
public final class ClientTokens: @unchecked Sendable {
    // @unchecked: `registry` is only touched with `lock` held.
    private let lock = NSLock()
    private let settings: [HTTPClientSettings]
    private var registry: ClientRegistry

    /// Reads every client's tokens.
    ///
    /// - Throws: ``RelanceError`` (`configuration`) when a client's tokens cannot be read.
    public init(_ settings: [HTTPClientSettings]) throws {
        self.settings = settings
        registry = try ClientRegistry(settings)
    }

    /// Reads the tokens again; on failure the tokens in use are kept.
    ///
    /// - Throws: ``RelanceError`` (`configuration`) when a client's tokens cannot be read.
    public func reload() throws {
        let fresh = try ClientRegistry(settings)
        lock.withLock { registry = fresh }
    }

    /// The client of an `Authorization` header, nil when there is none.
    func client(authorization: String?) -> ClientRegistry.Client? {
        lock.withLock { registry }.client(authorization: authorization)
    }
}
