import Foundation

/// Where connection workers post outcomes and the delivering thread collects them, in the
/// order they complete.
///
/// A worker waits until its previous outcome is recorded (unless it noted the acceptance in the
/// ``AcceptedLog``) before a server may accept its next message, so that when the process is
/// killed, at most one message per connection was accepted without being recorded: the only
/// duplicates the next tick can send.
final class DeliveryResults: @unchecked Sendable {
    // @unchecked: `ready` is only touched with `readyCondition` locked, `recorded` and
    // `releasedAll` with `recordedCondition` locked. Two conditions, so that an outcome posted
    // wakes only the delivering thread and a record wakes only the workers.
    private let readyCondition = NSCondition()
    private let recordedCondition = NSCondition()
    private var ready: [Settled] = []
    private var recorded = Set<Int>()
    private var releasedAll = false

    /// Waits until the delivering thread has recorded an outcome (at once if it has).
    func waitUntilRecorded(_ index: Int) {
        recordedCondition.lock()
        defer { recordedCondition.unlock() }
        while !releasedAll && !recorded.contains(index) { recordedCondition.wait() }
    }

    /// Posts an outcome.
    func post(_ index: Int, _ outcome: DeliveryOutcome) {
        readyCondition.lock()
        ready.append(Settled(index: index, outcome: outcome))
        readyCondition.signal()
        readyCondition.unlock()
    }

    /// Waits for at least one outcome; returns every outcome ready so far.
    func next() -> [Settled] {
        next(gathering: 1, within: 0)
    }

    /// Waits for at least one outcome, then up to `seconds` more for `count` in all (a group
    /// commit: recording several outcomes costs about as much as recording one); returns every
    /// outcome ready by then.
    func next(gathering count: Int, within seconds: Double) -> [Settled] {
        readyCondition.lock()
        defer { readyCondition.unlock() }
        while ready.isEmpty { readyCondition.wait() }
        let deadline = Date(timeIntervalSinceNow: seconds)
        while ready.count < count && readyCondition.wait(until: deadline) {}
        return takeReady()
    }

    /// The outcomes ready so far, without waiting (maybe none).
    func nextIfReady() -> [Settled] {
        readyCondition.lock()
        defer { readyCondition.unlock() }
        return takeReady()
    }

    /// Says these outcomes are recorded: their workers may go on.
    func markRecorded(_ settled: [Settled]) {
        recordedCondition.lock()
        recorded.formUnion(settled.map(\.index))
        recordedCondition.broadcast()
        recordedCondition.unlock()
    }

    /// Lets every worker go on without waiting for records (recording failed).
    func releaseAll() {
        recordedCondition.lock()
        releasedAll = true
        recordedCondition.broadcast()
        recordedCondition.unlock()
    }

    private func takeReady() -> [Settled] {
        defer { ready.removeAll(keepingCapacity: true) }
        return ready
    }
}
