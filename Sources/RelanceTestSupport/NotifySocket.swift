import Foundation
import Glibc

/// A stand-in for systemd's notification socket: a Unix datagram socket in a temporary folder
/// whose path goes in `NOTIFY_SOCKET`; it keeps every datagram received (`READY=1`, …).
public final class NotifySocket: @unchecked Sendable {
    // @unchecked: `received` is only touched with `lock` held; the descriptor is closed once.
    /// The socket's path, for `NOTIFY_SOCKET`.
    public let path: String
    private let descriptor: Int32
    private let lock = NSLock()
    private var received: [String] = []

    public init() throws {
        path =
            FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString.prefix(8))").path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8) + [0]) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard descriptor >= 0, bound == 0 else { throw SandboxError(message: "cannot bind \(path)") }
        Thread { [self] in receive() }.start()
    }

    deinit {
        shutdown(descriptor, Int32(SHUT_RDWR))
        close(descriptor)
        unlink(path)
    }

    /// Every datagram received so far, in order.
    public var messages: [String] { lock.withLock { received } }

    private func receive() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { return }
            let text = String(decoding: buffer[..<count], as: UTF8.self)
            lock.withLock { received.append(text) }
        }
    }
}
