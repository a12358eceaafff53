import Foundation

/// Where connection workers post outcomes and the delivering thread collects them, in the
/// order they complete.
final class DeliveryResults: @unchecked Sendable {
    // @unchecked: every stored property is only touched with `condition` locked.
    private let condition = NSCondition()
    private var ready: [Settled] = []

    func post(_ index: Int, _ outcome: DeliveryOutcome) {
        condition.lock()
        ready.append(Settled(index: index, outcome: outcome))
        condition.signal()
        condition.unlock()
    }

    /// Waits for at least one outcome; returns every outcome ready so far.
    func next() -> [Settled] {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty { condition.wait() }
        defer { ready.removeAll(keepingCapacity: true) }
        return ready
    }
}
