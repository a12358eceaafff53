import Foundation

/// Token buckets per key (a client id, or a peer address): `rate` requests per second, a burst
/// of one second's worth. Uses the monotonic clock: it limits real traffic, whatever `--now` says.
final class RateLimiter: @unchecked Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: UInt64
    }

    private let lock = NSLock()
    private var buckets: [String: Bucket] = [:]
    /// Above this many keys, buckets that are full again are forgotten.
    private let maximumKeys = 10_000

    /// Takes one token from the bucket of `key`: nil when the request may go, else the seconds
    /// until a token is back.
    func take(_ key: String, rate: Double) -> Double? {
        let now = DispatchTime.now().uptimeNanoseconds
        let burst = max(1, rate)
        return lock.withLock {
            var bucket = buckets[key] ?? Bucket(tokens: burst, updated: now)
            bucket.tokens = min(burst, bucket.tokens + Double(now - bucket.updated) / 1e9 * rate)
            bucket.updated = now
            defer {
                buckets[key] = bucket
                if buckets.count > maximumKeys { forgetFullBuckets(now: now, rate: rate) }
            }
            guard bucket.tokens >= 1 else { return (1 - bucket.tokens) / rate }
            bucket.tokens -= 1
            return nil
        }
    }

    private func forgetFullBuckets(now: UInt64, rate: Double) {
        buckets = buckets.filter { $0.value.tokens + Double(now - $0.value.updated) / 1e9 * rate < max(1, rate) }
    }
}
