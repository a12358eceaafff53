import Hummingbird
import RelanceConfig
import RelanceDesk

/// The checks of a `/v1` route before its handler, in SPEC 12's order: the bearer token (401),
/// the client's rate (429), the route's scope (403). A request without a valid token spends a
/// token of its peer address's bucket: beyond that rate it is answered 429, not 401.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = HTTPContext

    let scope: HTTPScope
    let security: Security

    func handle(_ request: Request, context: HTTPContext, next: (Request, HTTPContext) async throws -> Response)
        async throws -> Response
    {
        guard let client = security.clients.client(authorization: request.headers[.authorization]) else {
            let address = security.proxies.clientAddress(of: request, peer: context.peerAddress)
            if let wait = security.limiter.take("address " + address, rate: security.anonymousRate) {
                throw Problem.retry(.tooManyRequests, after: wait, "too many requests from this address")
            }
            var problem = Problem(.unauthorized, "a valid 'Authorization: Bearer TOKEN' header is required")
            problem.headers[.wwwAuthenticate] = "Bearer"
            throw problem
        }
        context.notes.client = client.id
        if let wait = security.limiter.take("client " + client.id, rate: client.ratePerSecond) {
            throw Problem.retry(.tooManyRequests, after: wait, "client '\(client.id)' is over its rate")
        }
        guard client.scopes.contains(scope) else {
            throw Problem(.forbidden, "client '\(client.id)' lacks the scope '\(scope.rawValue)'")
        }
        return try await next(request, context)
    }
}

/// What authentication needs, shared by every route: clients, trusted proxies, rate buckets.
struct Security: Sendable {
    let clients: ClientTokens
    let proxies: TrustedProxies
    let limiter = RateLimiter()
    /// Requests per second allowed to each peer address without a valid token (SPEC's default rate).
    let anonymousRate = 500.0
}

extension HTTPFields.Element.Name {
    static let link = Self("Link")!
}
