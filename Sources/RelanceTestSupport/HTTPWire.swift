import Foundation
import Glibc

/// Buffered reading of HTTP/1.1 request heads and bodies from a connected socket.
struct HTTPConnectionReader {
    let fd: Int32
    private var buffer: [UInt8] = []
    private static let headLimit = 64 * 1024

    init(fd: Int32) { self.fd = fd }

    /// The bytes of the next request head, without its final empty line; nil at end of stream.
    mutating func readHead() -> [UInt8]? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        while true {
            if let end = buffer.firstRange(of: separator) {
                let head = Array(buffer[..<end.lowerBound])
                buffer.removeSubrange(..<end.upperBound)
                return head
            }
            guard buffer.count < Self.headLimit, fill() else { return nil }
        }
    }

    /// The next `count` bytes; nil if the stream ends first.
    mutating func readBody(count: Int) -> [UInt8]? {
        while buffer.count < count {
            guard fill() else { return nil }
        }
        let body = Array(buffer[..<count])
        buffer.removeSubrange(..<count)
        return body
    }

    private mutating func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let received = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if received < 0 && errno == EINTR { continue }
            guard received > 0 else { return false }
            buffer += chunk[..<received]
            return true
        }
    }
}

/// The request line and header fields of a request.
struct HTTPRequestHead {
    let method: String
    let path: String
    let version: String
    let headers: [HTTPTestServer.Header]

    /// Parses a head; nil if the request line is malformed.
    init?(_ bytes: [UInt8]) {
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count == 3 else { return nil }
        method = String(parts[0])
        path = String(parts[1])
        version = String(parts[2])
        headers = lines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return HTTPTestServer.Header(
                name: String(line[..<colon]),
                value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
    }

    func header(_ name: String) -> String? { headers.value(named: name) }

    /// HTTP/1.1 keeps the connection unless told `close`; HTTP/1.0 closes unless told `keep-alive`.
    var keepsAlive: Bool {
        let connection = header("Connection")?.lowercased()
        return version == "HTTP/1.0" ? connection == "keep-alive" : connection != "close"
    }

    var isChunked: Bool { header("Transfer-Encoding")?.lowercased().contains("chunked") == true }

    var expectsContinue: Bool { header("Expect")?.lowercased() == "100-continue" }
}

extension HTTPTestServer.Response {
    /// Whether the response itself asks to close the connection.
    var closesConnection: Bool {
        raw != nil || headers.contains { $0.key.lowercased() == "connection" && $0.value.lowercased() == "close" }
    }

    /// The bytes on the wire: status line, headers, computed `Content-Length`, body.
    func serialized(keepAlive: Bool) -> [UInt8] {
        if let raw { return raw }
        var head = "HTTP/1.1 \(status) \(Self.reasons[status] ?? "Status \(status)")\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) where name.lowercased() != "content-length" {
            head += "\(name): \(value)\r\n"
        }
        head += "Content-Length: \(body.count)\r\n"
        if !keepAlive && !closesConnection { head += "Connection: close\r\n" }
        return Array((head + "\r\n").utf8) + body
    }

    private static let reasons: [Int: String] = [
        200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 400: "Bad Request",
        401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 408: "Request Timeout",
        411: "Length Required", 413: "Content Too Large", 422: "Unprocessable Content",
        429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
        503: "Service Unavailable", 504: "Gateway Timeout",
    ]
}
