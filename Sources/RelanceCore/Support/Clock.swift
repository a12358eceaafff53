import struct Foundation.Date

/// Where relance reads the time. Injected everywhere, so `--now` and tests drive
/// the same code as production.
public protocol Clock: Sendable {
    /// The current instant.
    var now: Instant { get }
}

/// The system clock.
public struct SystemClock: Clock {
    public init() {}
    public var now: Instant { Instant(seconds: Int64(Date().timeIntervalSince1970.rounded(.down))) }
}

/// A clock stopped at one instant (`--now`).
public struct FixedClock: Clock {
    public let now: Instant
    public init(_ now: Instant) { self.now = now }
}
