import Foundation
import Glibc

/// An SMTP server on 127.0.0.1 that misbehaves in one way smtp-sink cannot: it answers garbage,
/// drops the connection in the middle of the message data, hangs up after each message, or
/// refuses every other recipient. It offers PIPELINING only when asked to.
///
/// One thread accepts connections and one thread per connection plays the dialogue, a line at
/// a time, so pipelined commands are answered in order.
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
        /// Every message is accepted, then the connection is closed.
        case hangUpAfterEachMessage
        /// `RCPT` is refused with 550 for every other recipient, counted over all connections
        /// (the first is accepted); `DATA` without an accepted recipient gets 554.
        case refuseEveryOtherRecipient
    }

    /// The listening port.
    public let port: Int
    private let listener: Int32
    private let accepted = Counter()
    private let messages = Counter()
    private let lock = NSLock()
    private var stopped = false

    /// Starts listening at once; `pipelining` adds PIPELINING to the reply to `EHLO`.
    public init(_ fault: Fault, pipelining: Bool = false) throws {
        (listener, port) = try LoopbackSocket.listen()
        let dialogue = Dialogue(fault: fault, pipelining: pipelining, messages: messages, recipients: Counter())
        Thread.detachNewThread { [listener, accepted] in Self.acceptConnections(listener, dialogue, accepted) }
    }

    deinit { stop() }

    /// `smtp://127.0.0.1:PORT`.
    public var url: String { "smtp://127.0.0.1:\(port)" }

    /// How many connections were accepted so far.
    public var connectionCount: Int { accepted.value }

    /// How many messages were accepted (`250` after their data) so far.
    public var messageCount: Int { messages.value }

    /// Stops accepting connections. Idempotent.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        if !stopped { shutdown(listener, Int32(SHUT_RDWR)) }
        stopped = true
    }

    private static func acceptConnections(_ listener: Int32, _ dialogue: Dialogue, _ accepted: Counter) {
        while true {
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else { break }
            accepted.increment()
            Thread.detachNewThread {
                dialogue.converse(fd)
                close(fd)
            }
        }
        close(listener)
    }

}

/// What every connection of a ``FaultySMTPServer`` says.
private struct Dialogue: Sendable {
    let fault: FaultySMTPServer.Fault
    let pipelining: Bool
    let messages: Counter
    let recipients: Counter

    /// Plays the dialogue on one connection until the fault, then returns (the caller closes).
    func converse(_ fd: Int32) {
        func say(_ lines: String...) -> Bool {
            LoopbackSocket.sendAll(fd, Array(lines.map { $0 + "\r\n" }.joined().utf8))
        }
        guard fault != .garbageGreeting else {
            _ = say("Welcome! This is not an SMTP server, have a nice day")
            return
        }
        var reader = LineReader(fd: fd)
        guard say("220 127.0.0.1 ESMTP faulty") else { return }
        // Like Postfix: a transaction started by MAIL ends with its message or RSET.
        var inTransaction = false
        var hasRecipient = false
        while let line = reader.next() {
            let spoken: Bool
            switch line.uppercased().prefix(4) {
            case "EHLO":
                spoken = pipelining ? say("250-127.0.0.1", "250-PIPELINING", "250 8BITMIME") : say("250 127.0.0.1")
            case "MAIL" where inTransaction:
                spoken = say("503 5.5.1 Error: nested MAIL command")
            case "MAIL":
                inTransaction = true
                spoken = say("250 2.1.0 Ok")
            case "RCPT":
                hasRecipient = fault != .refuseEveryOtherRecipient || recipients.increment() % 2 == 1
                spoken = hasRecipient ? say("250 2.1.5 Ok") : say("550 5.1.1 Recipient address rejected")
            case "RSET":
                (inTransaction, hasRecipient) = (false, false)
                spoken = say("250 2.0.0 Ok")
            case "DATA" where fault == .garbageReplyToData:
                _ = say("%%% garbage %%%")
                return
            case "DATA" where fault == .dropDuringData:
                _ = say("354 End data with <CR><LF>.<CR><LF>")
                _ = reader.next()
                return
            case "DATA" where !hasRecipient:
                spoken = say("554 5.5.1 Error: no valid recipients")
            case "DATA":
                guard say("354 End data with <CR><LF>.<CR><LF>") else { return }
                var content = reader.next()
                while let line = content, line != "." { content = reader.next() }
                guard content != nil else { return }
                (inTransaction, hasRecipient) = (false, false)
                messages.increment()
                guard say("250 2.0.0 Ok: queued"), fault != .hangUpAfterEachMessage else { return }
                spoken = true
            case "QUIT":
                _ = say("221 2.0.0 Bye")
                return
            default:
                spoken = say("250 2.0.0 Ok")
            }
            guard spoken else { return }
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

    /// Adds one; returns the new count.
    @discardableResult
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count
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
