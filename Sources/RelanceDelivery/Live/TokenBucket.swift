/// A token bucket: at most `rate` messages per second on average, bursts of up to one second's
/// worth. Each caller reserves a token and is told how long to wait for it, so waiting callers
/// are served in turn.
struct TokenBucket {
    let rate: Double
    let capacity: Double
    private var tokens: Double
    private var updatedAt: Double

    /// A full bucket at time `start` (seconds on a monotonic clock).
    init(rate: Double, start: Double) {
        self.rate = rate
        capacity = max(1, rate)
        tokens = capacity
        updatedAt = start
    }

    /// Takes one token at `time` if one is there; false (nothing taken) when it would mean waiting.
    mutating func take(at time: Double) -> Bool {
        refill(at: time)
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }

    /// Takes one token at `time`; returns the seconds to wait before using it (0 when available).
    mutating func reserve(at time: Double) -> Double {
        refill(at: time)
        tokens -= 1
        return tokens >= 0 ? 0 : -tokens / rate
    }

    private mutating func refill(at time: Double) {
        tokens = min(capacity, tokens + max(0, time - updatedAt) * rate)
        updatedAt = max(updatedAt, time)
    }
}
