import Foundation
import Hummingbird

/// The JSON object of a request body, after the checks of SPEC 12 in their order: 413 over
/// `max_body`, 415 not `application/json`, 400 unreadable JSON or not an object; 408 when the
/// body has not arrived within the request timeout.
struct JSONBody {
    let members: [String: JSONValue]

    static func read(_ request: Request, maxBody: Int, timeout: Duration) async throws -> JSONBody {
        guard case .object(let members) = try await value(request, maxBody: maxBody, timeout: timeout) else {
            throw Problem(.badRequest, "the body is not a JSON object")
        }
        return JSONBody(members: members)
    }

    /// Any JSON value of a request body, after the same checks (400 when unreadable).
    static func value(_ request: Request, maxBody: Int, timeout: Duration) async throws -> JSONValue {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBody {
            throw tooLarge(maxBody)
        }
        let mediaType = request.headers[.contentType]?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        guard mediaType == "application/json" else {
            throw Problem(.unsupportedMediaType, "the body must be application/json")
        }
        let buffer = try await collect(request.body, maxBody: maxBody, timeout: timeout)
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(buffer: buffer)) else {
            throw Problem(.badRequest, "the body is not readable JSON")
        }
        return value
    }

    private static func tooLarge(_ maxBody: Int) -> Problem {
        Problem(.contentTooLarge, "the body is larger than http.max_body (\(maxBody) bytes)")
    }

    private static func collect(_ body: RequestBody, maxBody: Int, timeout: Duration) async throws -> ByteBuffer {
        try await withThrowingTaskGroup(of: ByteBuffer.self) { group in
            group.addTask {
                do {
                    return try await body.collect(upTo: maxBody)
                } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                    throw tooLarge(maxBody)
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                var problem = Problem(.requestTimeout, "the body did not arrive in time")
                problem.headers[.connection] = "close"
                throw problem
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }
}

extension Data {
    init(buffer: ByteBuffer) {
        self = buffer.withUnsafeReadableBytes { Data($0) }
    }
}

/// A JSON value as read from a request.
enum JSONValue: Decodable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Tries the kinds in the order they are most common in requests (strings, then objects):
    /// each wrong guess costs a thrown error.
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else {
            self = .array(try container.decode([JSONValue].self))
        }
    }
}
