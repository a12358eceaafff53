import Foundation

/// A request to stop, set from another thread (the daemon on SIGTERM) and read by a running
/// tick: no new batch of attempts starts, the ones on the wire settle and are recorded, and
/// the remaining stages wait for the next tick.
public final class StopRequest: Sendable {
    // Sendable: `requested` is only touched with the lock held.
    private let state = NSLock()
    nonisolated(unsafe) private var requested = false

    public init() {}

    /// Asks the running tick to stop as soon as what is on the wire is recorded.
    public func request() {
        state.withLock { requested = true }
    }

    /// Whether a stop was asked for.
    public var isRequested: Bool { state.withLock { requested } }
}
