import Foundation
import RelanceCore

/// The connections of one channel: `connections` worker threads, each with its own sender
/// (one libcurl handle, so one connection kept open), taking messages from a shared queue at
/// most `rate_per_second` in all.
///
/// Blocking libcurl calls run on these threads, never on Swift's cooperative pool. Once a
/// worker finds the server unreachable, the pool is down: the messages still queued are
/// answered `channelDown` at once instead of hammering the server.
final class ConnectionPool: @unchecked Sendable {
    // @unchecked: the mutable state below is only touched with `condition` locked; each
    // sender is created and used by one worker thread only.
    struct Job {
        var index: Int
        var message: OutgoingMessage
        var results: DeliveryResults
    }

    /// How many connections the pool opens at most.
    let connections: Int
    private let makeSender: @Sendable () throws -> any MessageSender
    private let condition = NSCondition()
    private var queue: [Job] = []
    private var queueStart = 0
    private var bucket: TokenBucket
    private var downReason: String?
    private var workers = 0
    private var closed = false

    private let acceptedLog: AcceptedLog?

    init(
        connections: Int, ratePerSecond: Double, acceptedLog: AcceptedLog?,
        makeSender: @escaping @Sendable () throws -> any MessageSender
    ) {
        self.connections = connections
        self.acceptedLog = acceptedLog
        self.makeSender = makeSender
        bucket = TokenBucket(rate: ratePerSecond, start: MonotonicClock.seconds)
    }

    /// Queues messages; each outcome is posted to its job's results.
    func submit(_ jobs: [Job]) {
        condition.lock()
        compactQueue()
        queue.append(contentsOf: jobs)
        let missing = closed ? 0 : min(connections, queue.count - queueStart) - workers
        workers += max(0, missing)
        condition.broadcast()
        condition.unlock()
        for _ in 0..<max(0, missing) {
            Thread { [self] in work() }.start()
        }
    }

    /// Tries the server again even if it was down for the previous delivery.
    func forgetDown() {
        condition.lock()
        downReason = nil
        condition.unlock()
    }

    /// The number of messages waiting for a connection.
    var queuedCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return queue.count - queueStart
    }

    /// Takes back every job not started yet; returns them.
    func cancelQueued() -> [Job] {
        condition.lock()
        defer { condition.unlock() }
        let cancelled = Array(queue[queueStart...])
        queue.removeAll()
        queueStart = 0
        return cancelled
    }

    /// Lets the workers finish the queue, then stops them and waits until their connections are closed.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        while workers > 0 { condition.wait() }
        condition.unlock()
    }

    private func work() {
        var sender: (any MessageSender)?
        // The previous message's outcome, which must be recorded (in the database, or for an
        // acceptance in the log) before this connection lets a server accept another one: a crash
        // then duplicates at most one message per connection.
        var previous: (results: DeliveryResults, index: Int)?
        var next = nextJob()
        while let (job, wait, down) = next {
            if let down {
                job.results.post(job.index, .channelDown(reason: down))
                next = nextJob()
                continue
            }
            if wait > 0 { Thread.sleep(forTimeInterval: wait) }
            // The job after this one when it may leave at once: the sender may announce it.
            let following = jobReadyNow()
            let outcome: DeliveryOutcome
            do {
                if sender == nil { sender = try makeSender() }
                outcome = sender!.send(job.message, announcing: following?.message) { [previous] in
                    if let previous { previous.results.waitUntilRecorded(previous.index) }
                }
            } catch {
                outcome = .channelDown(reason: "cannot prepare a connection: \(error)")
            }
            if case .channelDown(let reason) = outcome { markDown(reason) }
            if let previous { previous.results.waitUntilRecorded(previous.index) }
            // An acceptance noted in the log needs no wait for the database (see AcceptedLog).
            let noted = outcome.isAccepted && acceptedLog?.note(key: job.message.key, reply: outcome.reply) == true
            job.results.post(job.index, outcome)
            previous = noted ? nil : (job.results, job.index)
            next = following.map { ($0, 0, currentDownReason) } ?? nextJob()
        }
        sender = nil
        condition.lock()
        workers -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// The next job with the time to wait for its rate token, or the reason the channel is down;
    /// nil when the pool is closed.
    private func nextJob() -> (Job, wait: Double, down: String?)? {
        condition.lock()
        defer { condition.unlock() }
        while queueStart == queue.count {
            if closed { return nil }
            condition.wait()
        }
        let job = queue[queueStart]
        queueStart += 1
        if let downReason { return (job, 0, downReason) }
        return (job, bucket.reserve(at: MonotonicClock.seconds), nil)
    }

    /// The next job if one is queued and its rate token is there now; nil otherwise (nothing taken).
    private func jobReadyNow() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        guard queueStart < queue.count, downReason == nil, bucket.take(at: MonotonicClock.seconds) else { return nil }
        queueStart += 1
        return queue[queueStart - 1]
    }

    private var currentDownReason: String? {
        condition.lock()
        defer { condition.unlock() }
        return downReason
    }

    private func markDown(_ reason: String) {
        condition.lock()
        if downReason == nil { downReason = reason }
        condition.unlock()
    }

    private func compactQueue() {
        if queueStart == queue.count {
            queue.removeAll(keepingCapacity: true)
            queueStart = 0
        }
    }
}
