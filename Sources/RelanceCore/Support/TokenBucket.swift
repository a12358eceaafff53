/// A token bucket: at most `rate` tokens per second on average, bursts of up to one second's
/// worth. Driven by explicit times (seconds on ``MonotonicClock``), so that it is tested without
/// waiting; a time earlier than the last one seen (another thread read the clock first) counts
/// as no time at all.
public struct TokenBucket: Sendable {
    /// Tokens per second.
    public let rate: Double
    /// The largest burst: one second's worth, at least one token.
    public let capacity: Double
    private var tokens: Double
    private var updatedAt: Double

    /// A full bucket at time `start`.
    public init(rate: Double, start: Double) {
        self.rate = rate
        capacity = max(1, rate)
        tokens = capacity
        updatedAt = start
    }

    /// Takes one token at `time` if one is there; false (nothing taken) when it would mean waiting.
    public mutating func take(at time: Double) -> Bool {
        refill(at: time)
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }

    /// Takes one token at `time`; returns the seconds to wait before using it (0 when available).
    /// Each caller reserves its own token, so waiting callers are served in turn.
    public mutating func reserve(at time: Double) -> Double {
        refill(at: time)
        tokens -= 1
        return tokens >= 0 ? 0 : -tokens / rate
    }

    /// The seconds from the last time seen until a whole token is there (0 when one is).
    public var secondsUntilToken: Double { max(0, 1 - tokens) / rate }

    /// Whether the bucket is full again at `time`: forgetting it then changes nothing.
    public func isFull(at time: Double) -> Bool {
        tokens + max(0, time - updatedAt) * rate >= capacity
    }

    private mutating func refill(at time: Double) {
        tokens = min(capacity, tokens + max(0, time - updatedAt) * rate)
        updatedAt = max(updatedAt, time)
    }
}
