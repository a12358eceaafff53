import Foundation
import Glibc

/// Postfix's `smtp-sink` test server on 127.0.0.1, with optional faults, capturing every
/// completed mail transaction (see `captured()`).
///
/// Capture uses `smtp-sink -D FILE -S BOUNDARY`: a message is appended to one dump file when
/// its end of data (`.`) arrives, before the server replies to it, so a message is readable
/// as soon as the client has its reply; aborted transactions are never written (unlike `-d`,
/// whose per-message file exists from MAIL FROM until the transaction is aborted). A message
/// whose `.` is rejected or disconnected (`.endOfData` fault) is still captured.
///
/// Faults apply to every connection. `-r`/`-f` also turn off the PIPELINING announcement.
public final class SMTPSink: @unchecked Sendable {
    // `@unchecked Sendable`: `stopped` is read and written only while `lock` is held; the other
    // stored properties never change.

    /// An SMTP command (or the connection itself) that can be made to fail.
    public enum Command: String, Sendable, CaseIterable {
        case connect, helo, ehlo, mail, rcpt, data
        /// The end of the message data (`.` on a line of its own).
        case endOfData = "."
        case rset, noop, quit
    }

    /// The listening port.
    public let port: Int
    /// The temporary folder holding the dump file and smtp-sink's stderr (`smtp-sink.log`).
    public let folder: String
    /// The dump file of captured messages.
    let dumpPath: String
    /// The `-S` line that starts each message in the dump file.
    let boundary: [UInt8]
    private let process: Process
    private let lock = NSLock()
    private var stopped = false

    /// Starts smtp-sink and returns once it accepts connections.
    /// - Parameters:
    ///   - softReject: commands answered `450 4.3.0 Error: command failed` (`-r`).
    ///   - hardReject: commands answered `500 5.3.0 Error: command failed` (`-f`).
    ///   - disconnect: commands after which the connection is closed without a reply (`-q`).
    ///   - serviceUnavailable: commands answered `421 4.0.0 Server closing connection`, then
    ///     the connection is closed (`-Q`).
    public init(
        softReject: [Command] = [], hardReject: [Command] = [], disconnect: [Command] = [],
        serviceUnavailable: [Command] = []
    ) throws {
        folder = NSTemporaryDirectory() + "relance-smtp-sink-\(UUID().uuidString)"
        dumpPath = folder + "/dump/messages"
        let marker = "==== smtp-sink message \(UUID().uuidString) ===="
        boundary = Array((marker + "\n").utf8)
        do {
            try FileManager.default.createDirectory(atPath: folder + "/dump", withIntermediateDirectories: true)
            var options = ["-D", dumpPath, "-S", marker + "\\n"]
            if geteuid() == 0 {
                // smtp-sink refuses to run as root: it drops to nobody, who must write the dump.
                guard let nobody = getpwnam("nobody") else { throw TestServerError(message: "no user nobody") }
                chown(folder + "/dump", nobody.pointee.pw_uid, nobody.pointee.pw_gid)
                options += ["-u", "nobody"]
            }
            let faults = [("-r", softReject), ("-f", hardReject), ("-q", disconnect), ("-Q", serviceUnavailable)]
            for (flag, commands) in faults where !commands.isEmpty {
                options += [flag, commands.map(\.rawValue).joined(separator: ",")]
            }
            (process, port) = try Self.launch(options: options, log: folder + "/smtp-sink.log")
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// `smtp://127.0.0.1:PORT`.
    public var url: String { "smtp://127.0.0.1:\(port)" }

    /// Terminates smtp-sink and waits for it; captured messages stay readable until deinit.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        Self.kill(process)
    }

    /// SIGKILL, not `terminate()`: a child started from a Swift concurrency thread inherits its
    /// blocked signal mask, so smtp-sink would never see SIGTERM.
    private static func kill(_ process: Process) {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Runs smtp-sink on a free port, trying another port if it fails to bind.
    private static func launch(options: [String], log: String) throws -> (Process, Int) {
        let logFD = open(log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard logFD >= 0 else { throw TestServerError(message: "cannot create \(log)") }
        let logHandle = FileHandle(fileDescriptor: logFD, closeOnDealloc: true)
        for _ in 1...5 {
            let port = try LoopbackSocket.freePort()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/smtp-sink")
            process.arguments = options + ["127.0.0.1:\(port)", "1000"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = logHandle
            try process.run()
            if waitUntilListening(process, port: port) { return (process, port) }
            kill(process)
        }
        let stderr = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        throw TestServerError(message: "smtp-sink did not start: \(stderr)")
    }

    /// Polls the port until smtp-sink accepts a connection (true) or exits or 5 s pass (false).
    private static func waitUntilListening(_ process: Process, port: Int) -> Bool {
        let deadline = Date(timeIntervalSinceNow: hangTimeout)
        while process.isRunning && Date() < deadline {
            if LoopbackSocket.accepts(port: port) { return process.isRunning }
            usleep(5_000)
        }
        return false
    }
}
