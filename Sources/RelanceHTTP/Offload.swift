import Dispatch

/// Runs blocking work (SQLite through the store) on a Dispatch thread, off Swift's cooperative
/// pool, so the event loops and other requests go on while it waits for the database.
func offload<T: Sendable>(_ work: @Sendable @escaping () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result(catching: work)) }
    }
}
