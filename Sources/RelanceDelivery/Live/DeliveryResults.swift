import Foundation

/// Where connection workers post outcomes and the delivering thread collects them, in the
/// order they complete.
///
/// A worker waits until its previous outcome is recorded before a server may accept its next
/// message, so that when the process is killed, at most one message per connection was
/// accepted without being recorded: the only duplicates the next tick can send.
final class DeliveryResults: @unchecked Sendable {
    // @unchecked: every stored property is only touched with `condition` locked.
    private let condition = NSCondition()
    private var ready: [Settled] = []
    private var recorded = Set<Int>()
    private var releasedAll = false

    /// Waits until the delivering thread has recorded an outcome (at once if it has).
    func waitUntilRecorded(_ index: Int) {
        condition.lock()
        defer { condition.unlock() }
        while !releasedAll && !recorded.contains(index) { condition.wait() }
    }

    /// Posts an outcome.
    func post(_ index: Int, _ outcome: DeliveryOutcome) {
        condition.lock()
        ready.append(Settled(index: index, outcome: outcome))
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for at least one outcome; returns every outcome ready so far.
    func next() -> [Settled] {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty { condition.wait() }
        return takeReady()
    }

    /// The outcomes ready so far, without waiting (maybe none).
    func nextIfReady() -> [Settled] {
        condition.lock()
        defer { condition.unlock() }
        return takeReady()
    }

    /// Says these outcomes are recorded: their workers may go on.
    func markRecorded(_ settled: [Settled]) {
        condition.lock()
        recorded.formUnion(settled.map(\.index))
        condition.broadcast()
        condition.unlock()
    }

    /// Lets every worker go on without waiting for records (recording failed).
    func releaseAll() {
        condition.lock()
        releasedAll = true
        condition.broadcast()
        condition.unlock()
    }

    private func takeReady() -> [Settled] {
        defer { ready.removeAll(keepingCapacity: true) }
        return ready
    }
}
