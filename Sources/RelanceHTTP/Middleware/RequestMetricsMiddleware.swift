import Hummingbird

/// Notes the template of the route a request matched, for the access log and the metrics.
struct RouteNoteMiddleware: RouterMiddleware {
    typealias Context = HTTPContext
    let route: String

    func handle(_ request: Request, context: HTTPContext, next: (Request, HTTPContext) async throws -> Response)
        async throws -> Response
    {
        context.notes.route = route
        return try await next(request, context)
    }
}

/// Counts every answer by method, route template and status (``HTTPRequestCounts``). Outside
/// the problem middleware, so that errors are counted with the status they are answered with.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = HTTPContext
    let counts: HTTPRequestCounts

    func handle(_ request: Request, context: HTTPContext, next: (Request, HTTPContext) async throws -> Response)
        async throws -> Response
    {
        let response = try await next(request, context)
        counts.count(method: request.method.rawValue, route: context.notes.route, status: response.status.code)
        return response
    }
}
