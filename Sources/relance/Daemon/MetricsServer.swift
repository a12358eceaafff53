import Foundation
import Glibc
import RelanceCore
import RelanceEngine
import RelanceHTTP

/// A minimal HTTP/1.1 endpoint on a loopback address for the daemon: `GET /metrics`
/// (Prometheus text) and `GET /healthz`. One request per connection, answered on a thread of
/// its own; nothing else is served.
final class MetricsServer: @unchecked Sendable {
    // @unchecked: `descriptor` is set once in init and closed once in `stop`.
    /// What a path answers: status, content type, body.
    typealias Responder = @Sendable (_ path: String) -> (status: Int, type: String, body: String)

    private let descriptor: Int32
    private let respond: Responder

    /// Listens on `HOST:PORT`, HOST a loopback IPv4 address or `localhost`.
    ///
    /// - Throws: ``RelanceError`` (`usage`) for a non-loopback or malformed address, (`io`) when
    ///   the port cannot be bound.
    init(listen: String, respond: @escaping Responder) throws {
        let parts = listen.split(separator: ":")
        guard parts.count == 2, let port = UInt16(parts[1]) else {
            throw RelanceError(.usage, "--metrics-listen \(listen): expected HOST:PORT, e.g. 127.0.0.1:9464")
        }
        let host = parts[0] == "localhost" ? "127.0.0.1" : String(parts[0])
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1, host.hasPrefix("127.") else {
            throw RelanceError(.usage, "--metrics-listen \(listen): only a loopback address is allowed")
        }
        let listening = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(listening, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listening, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard listening >= 0, bound == 0, Glibc.listen(listening, 16) == 0 else {
            let reason = String(cString: strerror(errno))
            close(listening)
            throw RelanceError(.io, "--metrics-listen \(listen): cannot listen: \(reason)")
        }
        descriptor = listening
        self.respond = respond
        Thread { [self] in acceptLoop() }.start()
    }

    /// The answer of `/metrics`: the Prometheus text, with this process's HTTP requests; 503
    /// while the database is unavailable.
    static func metrics(_ relance: Relance, _ counts: HTTPRequestCounts) -> (status: Int, type: String, body: String) {
        guard let text = try? Metrics.text(relance, adding: { counts.add(to: &$0) }) else {
            return (503, "text/plain", "database unavailable\n")
        }
        return (200, "text/plain; version=0.0.4; charset=utf-8", text)
    }

    /// Stops accepting connections.
    func stop() {
        shutdown(descriptor, Int32(SHUT_RDWR))
        close(descriptor)
    }

    private func acceptLoop() {
        while true {
            let client = accept(descriptor, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            Thread { [self] in answer(client) }.start()
        }
    }

    private func answer(_ client: Int32) {
        defer { close(client) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var request: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 2048)
        while request.count < 8192, !request.ends(with: "\r\n\r\n") {
            let count = recv(client, &buffer, buffer.count, 0)
            if count <= 0 { return }
            request += buffer[..<count]
        }
        let line = String(decoding: request.prefix { $0 != 0x0D }, as: UTF8.self).split(separator: " ")
        let (status, type, body) =
            line.count >= 2 && line[0] == "GET"
            ? respond(String(line[1])) : (405, "text/plain", "only GET\n")
        let reason =
            [200: "OK", 404: "Not Found", 405: "Method Not Allowed", 503: "Service Unavailable"][status] ?? "Error"
        let payload = Array(body.utf8)
        let head =
            "HTTP/1.1 \(status) \(reason)\r\nContent-Type: \(type)\r\nContent-Length: \(payload.count)\r\n"
            + "Connection: close\r\n\r\n"
        let bytes = Array(head.utf8) + payload
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { return }
            sent += count
        }
    }
}

extension [UInt8] {
    fileprivate func ends(with suffix: String) -> Bool {
        let tail = Array(suffix.utf8)
        return count >= tail.count && Array(self[(count - tail.count)...]) == tail
    }
}
