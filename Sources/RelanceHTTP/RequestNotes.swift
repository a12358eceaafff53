import Foundation

/// What the middleware learn about a request, for the access log: the client's id once
/// authenticated. One per request, shared by reference across the middleware chain.
final class RequestNotes: @unchecked Sendable {
    private let lock = NSLock()
    private var storedClient: String?

    /// The id of the authenticated client, nil before or without authentication.
    var client: String? {
        get { lock.withLock { storedClient } }
        set { lock.withLock { storedClient = newValue } }
    }
}
