import Foundation
import Glibc

/// systemd's readiness protocol (`sd_notify`): datagrams such as `READY=1` sent to the socket
/// named by `NOTIFY_SOCKET` (a path, or an abstract name starting with `@`). Does nothing when
/// the variable is unset, e.g. under cron or in a terminal.
struct SystemdNotifier: Sendable {
    private let address: String?
    /// How often to send `WATCHDOG=1` when systemd asked for it (`WATCHDOG_USEC`): half its period.
    let watchdogInterval: Duration?

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        address = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        let forUs = environment["WATCHDOG_PID"].map { Int32($0) == getpid() } ?? true
        if forUs, let text = environment["WATCHDOG_USEC"], let microseconds = Int64(text), microseconds > 0 {
            watchdogInterval = .microseconds(microseconds / 2)
        } else {
            watchdogInterval = nil
        }
    }

    /// Sends one state, e.g. `READY=1`, `STOPPING=1`, `WATCHDOG=1`, `STATUS=…`. Best effort:
    /// systemd not listening is not an error of relance.
    func notify(_ state: String) {
        guard let address else { return }
        let socketDescriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socketDescriptor >= 0 else { return }
        defer { close(socketDescriptor) }
        var unixAddress = sockaddr_un()
        unixAddress.sun_family = sa_family_t(AF_UNIX)
        var path = Array(address.utf8)
        if path.first == UInt8(ascii: "@") { path[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: unixAddress.sun_path)
        guard path.count < capacity else { return }
        withUnsafeMutableBytes(of: &unixAddress.sun_path) { buffer in
            buffer.copyBytes(from: path)
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + path.count + (path.first == 0 ? 0 : 1))
        let message = Array(state.utf8)
        _ = withUnsafePointer(to: &unixAddress) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                sendto(socketDescriptor, message, message.count, Int32(MSG_NOSIGNAL), socketAddress, length)
            }
        }
    }
}
