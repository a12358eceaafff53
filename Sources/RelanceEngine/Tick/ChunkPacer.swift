import Dispatch

/// The number of members of a tick's next chunk: as many as hold the database's write lock for
/// about ``target``, at most the configured ``Relance/chunkSize``. A fixed count held the lock
/// three times longer on a slower disk, and an HTTP write waited that long; measured against
/// the time each chunk took, the wait stays the same on any machine.
struct ChunkPacer {
    /// The lock time a chunk aims at.
    static let target = 0.1
    /// The configured size, never exceeded.
    let maximum: Int
    /// The size of the next chunk.
    private(set) var size: Int

    /// Starts small (the first chunk is not timed yet) and grows by doubling.
    init(maximum: Int) {
        self.maximum = maximum
        self.size = min(maximum, 5_000)
    }

    /// Times one chunk of ``size`` members and sizes the next one after it.
    mutating func measure<T>(_ chunk: () throws -> T) rethrows -> T {
        let started = DispatchTime.now().uptimeNanoseconds
        let result = try chunk()
        record(seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        return result
    }

    /// Sizes the next chunk after one of ``size`` members that took `seconds`: halved or doubled
    /// at most, so that one slow chunk (a checkpoint) does not set the pace alone; never under 500.
    mutating func record(seconds: Double) {
        let scale = min(2, max(0.5, Self.target / max(seconds, 1e-6)))
        size = min(maximum, max(min(maximum, 500), Int(Double(size) * scale)))
    }
}
