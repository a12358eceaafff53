import Foundation
import Glibc

/// An SMTP server on 127.0.0.1 that breaks every transaction in one way smtp-sink cannot: it
/// answers garbage, or drops the connection in the middle of the message data.
///
/// One thread accepts connections and one thread per connection plays the dialogue; each
/// connection goes as far as the fault lets it, so nothing is ever accepted.
public final class FaultySMTPServer: @unchecked Sendable {
    // `@unchecked Sendable`: `stopped` is touched only while `lock` is held; the other stored
    // properties never change.

    /// Where the dialogue breaks.
    public enum Fault: Sendable {
        /// A line of junk instead of the `220` greeting, then the connection is closed.
        case garbageGreeting
        /// A sound dialogue up to `DATA`, answered with a line of junk, then closed.
        case garbageReplyToData
        /// `354` to `DATA`, then the connection is closed after the first line of the message.
        case dropDuringData
    }

    /// The listening port.
    public let port: Int
    private let listener: Int32
    private let accepted = Counter()
    private let lock = NSLock()
    private var stopped = false

    /// Starts listening at once.
    public init(_ fault: Fault) throws {
        (listener, port) = try LoopbackSocket.listen()
        Thread.detachNewThread { [listener, accepted] in Self.acceptConnections(listener, fault, accepted) }
    }

    deinit { stop() }

    /// `smtp://127.0.0.1:PORT`.
    public var url: String { "smtp://127.0.0.1:\(port)" }

    /// How many connections were accepted so far.
    public var connectionCount: Int { accepted.value }

    /// Stops accepting connections. Idempotent.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        if !stopped { shutdown(listener, Int32(SHUT_RDWR)) }
        stopped = true
    }

    private static func acceptConnections(_ listener: Int32, _ fault: Fault, _ accepted: Counter) {
        while true {
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else { break }
            accepted.increment()
            Thread.detachNewThread {
                Self.converse(fd, fault)
                close(fd)
            }
        }
        close(listener)
    }

    /// Plays the dialogue on one connection until the fault, then returns (the caller closes).
    private static func converse(_ fd: Int32, _ fault: Fault) {
        func say(_ line: String) -> Bool { LoopbackSocket.sendAll(fd, Array((line + "\r\n").utf8)) }
        guard fault != .garbageGreeting else {
            _ = say("Welcome! This is not an SMTP server, have a nice day")
            return
        }
        var reader = LineReader(fd: fd)
        guard say("220 127.0.0.1 ESMTP faulty") else { return }
        while let line = reader.next() {
            switch line.uppercased().prefix(4) {
            case "DATA" where fault == .garbageReplyToData:
                _ = say("%%% garbage %%%")
                return
            case "DATA":
                _ = say("354 End data with <CR><LF>.<CR><LF>")
                _ = reader.next()
                return
            case "QUIT":
                _ = say("221 2.0.0 Bye")
                return
            default:
                guard say("250 2.0.0 Ok") else { return }
            }
        }
    }

}

/// A count shared between threads.
private final class Counter: @unchecked Sendable {
    // `@unchecked Sendable`: `count` is touched only while `lock` is held.
    private let lock = NSLock()
    private var count = 0

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }

    func increment() {
        lock.lock()
        count += 1
        lock.unlock()
    }
}

/// Lines (without CRLF) read from a socket.
private struct LineReader {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(fd: Int32) { self.fd = fd }

    /// The next line; nil at the end of the stream.
    mutating func next() -> String? {
        while true {
            if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<end], as: UTF8.self)
                buffer.removeSubrange(...end)
                return line.hasSuffix("\r") ? String(line.dropLast()) : line
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let received = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if received < 0 && errno == EINTR { continue }
            guard received > 0 else { return nil }
            buffer += chunk[..<received]
        }
    }
}
