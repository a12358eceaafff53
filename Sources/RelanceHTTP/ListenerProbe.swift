import Foundation
import Glibc
import RelanceConfig

/// Whether `http.listen` can be listened on: free, taken by a relance server already (one that
/// serves this interface's OpenAPI document), or taken by something else.
enum ListenerProbe {
    enum Verdict: Equatable {
        case free
        case ours
        /// Taken, and not by a relance server as far as a plain HTTP request can tell.
        case taken(String)
        /// Cannot be listened on at all (a folder that does not exist, an address not of this machine).
        case unusable(String)
    }

    static func probe(_ listen: HTTPListen, tls: Bool) -> Verdict {
        switch listen {
        case .tcp(let host, let port): tcp(host: host, port: port, tls: tls)
        case .unix(let path): unix(path: path)
        }
    }

    private static func tcp(host: String, port: Int, tls: Bool) -> Verdict {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let info = found?.pointee else {
            return .unusable("\(host) is not an address of this machine")
        }
        defer { freeaddrinfo(found) }
        let fd = socket(info.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return .unusable(String(cString: strerror(errno))) }
        defer { close(fd) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        if bind(fd, info.ai_addr, info.ai_addrlen) == 0 { return .free }
        guard errno == EADDRINUSE else { return .unusable(String(cString: strerror(errno))) }
        if tls { return .taken("in use (over TLS: not asked whether it is relance)") }
        let client = socket(info.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        defer { close(client) }
        guard connect(client, info.ai_addr, info.ai_addrlen) == 0 else { return .taken("in use") }
        return servesRelance(client) ? .ours : .taken("in use by another program")
    }

    private static func unix(path: String) -> Verdict {
        let folder = (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            return .unusable("the folder \(folder) does not exist")
        }
        guard FileManager.default.fileExists(atPath: path) else {
            return access(folder, W_OK) == 0 ? .free : .unusable("the folder \(folder) is not writable")
        }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        guard path.utf8.count < MemoryLayout.size(ofValue: address.sun_path) else { return .unusable("path too long") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        let client = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        defer { close(client) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(client, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else { return .taken("\(path) exists but nothing answers there: remove it") }
        return servesRelance(client) ? .ours : .taken("in use by another program")
    }

    /// Asks a connected socket for `/v1/openapi.json` and looks for this interface's title.
    private static func servesRelance(_ fd: Int32) -> Bool {
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let request = Array("GET /v1/openapi.json HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".utf8)
        guard send(fd, request, request.count, Int32(MSG_NOSIGNAL)) == request.count else { return false }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while answer.count < 1_000_000 {
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            answer += buffer[0..<count]
        }
        return String(decoding: answer, as: UTF8.self).contains("\"title\": \"relance HTTP interface\"")
    }
}
