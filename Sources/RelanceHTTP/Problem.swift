public import Hummingbird
import RelanceCore

/// An error answer as `application/problem+json` (RFC 9457): `type`, `title`, `status`,
/// `detail`, and `errors: [{field, message}]` for invalid fields.
public struct Problem: Error, HTTPResponseError {
    public let status: HTTPResponse.Status
    public let detail: String
    /// Invalid fields: the field's name in the request and the CSV import's message.
    public var errors: [(field: String, message: String)] = []
    /// Headers that go with the answer (`WWW-Authenticate`, `Retry-After`, `Allow`).
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ detail: String) {
        self.status = status
        self.detail = detail
    }

    /// 422 for fields that break the rules.
    static func invalid(_ errors: [(field: String, message: String)]) -> Problem {
        var problem = Problem(.unprocessableContent, "the request has invalid fields")
        problem.errors = errors
        return problem
    }

    /// 429 or 503 with `Retry-After` in whole seconds.
    static func retry(_ status: HTTPResponse.Status, after seconds: Double, _ detail: String) -> Problem {
        var problem = Problem(status, detail)
        problem.headers[.retryAfter] = String(max(1, Int(seconds.rounded(.up))))
        return problem
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var members: [(String, JSON)] = [
            ("type", .string("about:blank")), ("title", .string(status.reasonPhrase)), ("status", .int(status.code)),
            ("detail", .string(detail)),
        ]
        if !errors.isEmpty {
            members.append(
                (
                    "errors",
                    .array(errors.map { .object([("field", .string($0.field)), ("message", .string($0.message))]) })
                )
            )
        }
        return JSONResponse.make(
            .object(members), status: status, contentType: "application/problem+json", headers: headers)
    }
}

/// Answers with a JSON body.
enum JSONResponse {
    static func make(
        _ json: JSON, status: HTTPResponse.Status, contentType: String = "application/json", headers: HTTPFields = [:]
    ) -> Response {
        var fields = headers
        fields[.contentType] = contentType
        fields[.cacheControl] = "no-store"
        return Response(
            status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: json.serialized + "\n")))
    }
}
