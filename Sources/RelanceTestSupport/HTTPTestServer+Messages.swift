extension HTTPTestServer {
    /// One header line of a request, as received.
    public struct Header: Sendable, Equatable {
        /// The header name, in the case the client sent it.
        public let name: String
        /// The value, without surrounding white space.
        public let value: String
    }

    /// A request as the server received it.
    public struct Request: Sendable {
        /// The method, e.g. `POST`.
        public let method: String
        /// The request target as sent, e.g. `/v1/sms?x=1`.
        public let path: String
        /// The header lines in the order received.
        public let headers: [Header]
        /// The body (`Content-Length` bytes; empty without one).
        public let body: [UInt8]
        /// Which TCP connection the request came on: 1 for the first accepted, 2 for the next…
        public let connectionID: Int

        /// The body decoded as UTF-8.
        public var text: String { String(decoding: body, as: UTF8.self) }

        /// The value of the first header named `name`, compared without regard to case.
        public func header(_ name: String) -> String? { headers.value(named: name) }
    }

    /// What the server does with a request: reply (after an optional delay) or hang up.
    public struct Response: Sendable {
        /// The status code.
        public var status: Int
        /// Extra header fields; `Content-Length` is always computed from `body`, and a
        /// `Connection: close` here closes the connection after the reply.
        public var headers: [String: String]
        /// The body.
        public var body: [UInt8]
        /// Seconds to wait before replying (or hanging up).
        public var delay: Double
        /// Close the connection instead of replying.
        public var hangsUp: Bool
        /// Bytes sent instead of an HTTP reply (then the connection is closed); see ``garbage(_:)``.
        public var raw: [UInt8]?

        /// A reply with the given parts.
        public init(status: Int = 200, headers: [String: String] = [:], body: [UInt8] = [], delay: Double = 0) {
            self.status = status
            self.headers = headers
            self.body = body
            self.delay = delay
            self.hangsUp = false
        }

        /// A 200 reply with a text body.
        public static func ok(_ text: String = "", headers: [String: String] = [:]) -> Response {
            Response(headers: headers, body: Array(text.utf8))
        }

        /// A reply with the given status code, e.g. `.status(429, headers: ["Retry-After": "2"])`.
        public static func status(_ code: Int, headers: [String: String] = [:], body: String = "") -> Response {
            Response(status: code, headers: headers, body: Array(body.utf8))
        }

        /// No reply: the server closes the connection after reading the request.
        public static var hangUp: Response {
            var response = Response()
            response.hangsUp = true
            return response
        }

        /// Not HTTP at all: `text` is written as is, then the connection is closed.
        public static func garbage(_ text: String) -> Response {
            var response = Response()
            response.raw = Array(text.utf8)
            return response
        }

        /// The same response, sent (or hung up) after `seconds`.
        public func delayed(by seconds: Double) -> Response {
            var response = self
            response.delay = seconds
            return response
        }
    }
}

extension [HTTPTestServer.Header] {
    /// The value of the first header named `name`, compared without regard to case.
    func value(named name: String) -> String? {
        first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
