import Foundation
import Glibc

/// The threads and state of an `HTTPTestServer`: one thread accepts connections, one thread per
/// connection reads requests and writes replies.
///
/// `@unchecked Sendable`: `listener` and `respond` never change, and every other stored property
/// is read and written only while `condition` is locked.
final class HTTPServerCore: @unchecked Sendable {
    private let listener: Int32
    private let respond: @Sendable (HTTPTestServer.Request) -> HTTPTestServer.Response
    private let condition = NSCondition()
    private var stopped = false
    private var openConnections: Set<Int32> = []
    private var received: [HTTPTestServer.Request] = []
    private var accepted = 0
    private var runningThreads = 0

    init(listener: Int32, respond: @escaping @Sendable (HTTPTestServer.Request) -> HTTPTestServer.Response) {
        self.listener = listener
        self.respond = respond
    }

    var requests: [HTTPTestServer.Request] { locked { received } }
    var connectionCount: Int { locked { accepted } }

    func start() {
        locked { runningThreads += 1 }
        Thread.detachNewThread { self.acceptConnections() }
    }

    /// Shuts the listening socket and every connection down, wakes delayed replies, and waits
    /// until all threads have ended. Idempotent.
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        if !stopped {
            stopped = true
            shutdown(listener, Int32(SHUT_RDWR))
            for fd in openConnections { shutdown(fd, Int32(SHUT_RDWR)) }
            condition.broadcast()
        }
        while runningThreads > 0 { condition.wait() }
    }

    private func acceptConnections() {
        while !locked({ stopped }) {
            let fd = accept(listener, nil, nil)
            guard fd >= 0, let connectionID = register(fd) else { continue }
            Thread.detachNewThread { self.serve(fd, connectionID: connectionID) }
        }
        locked {
            close(listener)
            threadEnded()
        }
    }

    /// Records a new connection and counts its thread; nil (and the socket closed) once stopped.
    private func register(_ fd: Int32) -> Int? {
        locked {
            guard !stopped else {
                close(fd)
                return nil
            }
            accepted += 1
            openConnections.insert(fd)
            runningThreads += 1
            return accepted
        }
    }

    private func serve(_ fd: Int32, connectionID: Int) {
        var reader = HTTPConnectionReader(fd: fd)
        while let head = reader.readHead().flatMap(HTTPRequestHead.init),
            answer(head, from: &reader, connectionID: connectionID)
        {}
        locked {
            openConnections.remove(fd)
            close(fd)
            threadEnded()
        }
    }

    /// Reads the body, records the request and answers it; false when the connection must close.
    private func answer(_ head: HTTPRequestHead, from reader: inout HTTPConnectionReader, connectionID: Int) -> Bool {
        let fd = reader.fd
        guard !head.isChunked else {
            let refusal = HTTPTestServer.Response.status(411, body: "chunked request bodies are not supported")
            _ = LoopbackSocket.sendAll(fd, refusal.serialized(keepAlive: false))
            return false
        }
        guard let length = Int(head.header("Content-Length") ?? "0"), length >= 0 else {
            _ = LoopbackSocket.sendAll(fd, HTTPTestServer.Response.status(400).serialized(keepAlive: false))
            return false
        }
        if head.expectsContinue && length > 0 {
            guard LoopbackSocket.sendAll(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)) else { return false }
        }
        guard let body = reader.readBody(count: length) else { return false }
        let request = HTTPTestServer.Request(
            method: head.method, path: head.path, headers: head.headers, body: body, connectionID: connectionID)
        locked { received.append(request) }
        let response = respond(request)
        guard pause(response.delay), !response.hangsUp else { return false }
        let keepAlive = head.keepsAlive && !response.closesConnection
        return LoopbackSocket.sendAll(fd, response.serialized(keepAlive: keepAlive)) && keepAlive
    }

    /// Waits `seconds`, or less if the server stops; false if it stopped.
    private func pause(_ seconds: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        defer { condition.unlock() }
        while !stopped && condition.wait(until: deadline) {}
        return !stopped
    }

    /// Called with the lock held, last thing in each thread.
    private func threadEnded() {
        runningThreads -= 1
        condition.broadcast()
    }

    private func locked<T>(_ body: () -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }
}
