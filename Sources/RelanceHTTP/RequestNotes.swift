import Foundation

/// What the middleware learn about a request, for the access log and the metrics: the route
/// matched and the client's id once authenticated. One per request, shared by reference across
/// the middleware chain.
final class RequestNotes: @unchecked Sendable {
    private let lock = NSLock()
    private var storedClient: String?
    private var storedRoute: String?

    /// The id of the authenticated client, nil before or without authentication.
    var client: String? {
        get { lock.withLock { storedClient } }
        set { lock.withLock { storedClient = newValue } }
    }

    /// The template of the route matched (`/v1/cases/{id}`), nil before or without a match.
    var route: String? {
        get { lock.withLock { storedRoute } }
        set { lock.withLock { storedRoute = newValue } }
    }
}
