import Foundation

/// Where connection workers post outcomes and the delivering thread collects them, in the
/// order they complete.
final class DeliveryResults: @unchecked Sendable {
    // @unchecked: every stored property is only touched with `condition` locked.
    private let condition = NSCondition()
    private var ready: [(index: Int, outcome: DeliveryOutcome)] = []

    func post(_ index: Int, _ outcome: DeliveryOutcome) {
        condition.lock()
        ready.append((index, outcome))
        condition.signal()
        condition.unlock()
    }

    /// Waits for the next outcome.
    func next() -> (index: Int, outcome: DeliveryOutcome) {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty { condition.wait() }
        return ready.removeFirst()
    }
}
