import Hummingbird
import RelanceConfig

/// One route of the interface: method, path, the scope it needs (nil: open to all), handler.
struct Endpoint: Sendable {
    typealias Handler = @Sendable (Request, HTTPContext) async throws -> Response

    let method: HTTPRequest.Method
    let path: String
    let scope: HTTPScope?
    let handler: Handler
}

extension Router<HTTPContext> {
    /// Adds the endpoints, each `/v1` one behind the bearer checks of its scope, and answers 405
    /// with `Allow` for another method on a known path (Hummingbird would answer 404).
    func add(_ endpoints: [Endpoint], security: Security) {
        var methods: [String: [HTTPRequest.Method]] = [:]
        for endpoint in endpoints {
            methods[endpoint.path, default: []].append(endpoint.method)
            let group = group().add(middleware: RouteNoteMiddleware(route: endpoint.path))
            if let scope = endpoint.scope {
                group.add(middleware: BearerAuthMiddleware(scope: scope, security: security))
                    .on(RouterPath(endpoint.path), method: endpoint.method, use: endpoint.handler)
            } else {
                group.on(RouterPath(endpoint.path), method: endpoint.method, use: endpoint.handler)
            }
        }
        let all: [HTTPRequest.Method] = [
            .get, .head, .post, .put, .patch, .delete, .options, .trace, HTTPRequest.Method("QUERY")!,
        ]
        for (path, allowed) in methods {
            let allow = allowed.map(\.rawValue).joined(separator: ", ")
            let group = group().add(middleware: RouteNoteMiddleware(route: path))
            for method in all where !allowed.contains(method) {
                group.on(RouterPath(path), method: method) { _, _ -> Response in
                    var problem = Problem(.methodNotAllowed, "this route accepts \(allow)")
                    problem.headers[.allow] = allow
                    throw problem
                }
            }
        }
    }
}
