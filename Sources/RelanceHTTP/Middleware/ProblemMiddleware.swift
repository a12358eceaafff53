import Hummingbird
import Logging
import RelanceCore

/// Turns every error into a problem answer (RFC 9457): Hummingbird's own (unknown route, body
/// too large), the database's (busy: 503 with `Retry-After`), and unexpected ones (500, logged).
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = HTTPContext

    func handle(_ request: Request, context: HTTPContext, next: (Request, HTTPContext) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return try problem.response(from: request, context: context)
        } catch let error as RelanceError where error.code == .busy {
            return try Problem.retry(.serviceUnavailable, after: 1, "the database is busy (an import is running)")
                .response(from: request, context: context)
        } catch let error as any HTTPResponseError {
            let detail = error.status == .notFound ? "no such route" : error.status.reasonPhrase
            return try Problem(error.status, detail).response(from: request, context: context)
        } catch {
            context.logger.error("http: request failed", metadata: ["error": "\(error)"])
            return try Problem(.internalServerError, "the request failed; see the server log")
                .response(from: request, context: context)
        }
    }
}

/// One log line per request: method, path without its query, status and client. Never the
/// token, the body, cookies or the query string.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = HTTPContext
    let logger: Logger

    func handle(_ request: Request, context: HTTPContext, next: (Request, HTTPContext) async throws -> Response)
        async throws -> Response
    {
        let response = try await next(request, context)
        logger.info(
            "http request",
            metadata: [
                "method": "\(request.method.rawValue)", "path": "\(request.uri.path)",
                "status": "\(response.status.code)", "client": "\(context.notes.client ?? "-")",
            ])
        return response
    }
}
