import Foundation

/// Token buckets per key (a client id, or a peer address): `rate` requests per second, a burst
/// of one second's worth. Uses the monotonic clock: it limits real traffic, whatever `--now` says.
final class RateLimiter: @unchecked Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: UInt64
        let rate: Double

        var burst: Double { max(1, rate) }

        /// The tokens the bucket holds at `now`. Saturating: a clock read on another thread
        /// an instant earlier never makes the elapsed time negative.
        func tokens(at now: UInt64) -> Double {
            let elapsed = now > updated ? Double(now - updated) / 1e9 : 0
            return min(burst, tokens + elapsed * rate)
        }
    }

    private let lock = NSLock()
    private var buckets: [String: Bucket] = [:]
    /// Above this many keys, buckets that are full again are forgotten.
    private let maximumKeys = 10_000

    /// Takes one token from the bucket of `key`: nil when the request may go, else the seconds
    /// until a token is back.
    func take(_ key: String, rate: Double) -> Double? {
        lock.withLock {
            let now = DispatchTime.now().uptimeNanoseconds
            var bucket = Bucket(tokens: buckets[key]?.tokens(at: now) ?? max(1, rate), updated: now, rate: rate)
            defer {
                buckets[key] = bucket
                if buckets.count > maximumKeys { forgetFullBuckets(now: now) }
            }
            guard bucket.tokens >= 1 else { return (1 - bucket.tokens) / rate }
            bucket.tokens -= 1
            return nil
        }
    }

    /// How many keys have a bucket now.
    var keyCount: Int { lock.withLock { buckets.count } }

    private func forgetFullBuckets(now: UInt64) {
        buckets = buckets.filter { $0.value.tokens(at: now) < $0.value.burst }
    }
}
