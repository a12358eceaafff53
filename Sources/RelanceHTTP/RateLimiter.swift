import Foundation
import RelanceCore

/// Token buckets per key (a client id, or a peer address): `rate` requests per second, a burst
/// of one second's worth. Uses the monotonic clock: it limits real traffic, whatever `--now` says.
final class RateLimiter: @unchecked Sendable {
    private let lock = NSLock()
    private var buckets: [String: TokenBucket] = [:]
    /// Above this many keys, buckets that are full again are forgotten.
    private let maximumKeys = 10_000

    /// Takes one token from the bucket of `key`: nil when the request may go, else the seconds
    /// until a token is back.
    func take(_ key: String, rate: Double) -> Double? {
        lock.withLock {
            // Read inside the lock: the bucket never sees time go backwards.
            let now = MonotonicClock.seconds
            var bucket = buckets[key] ?? TokenBucket(rate: rate, start: now)
            if bucket.rate != rate { bucket = TokenBucket(rate: rate, start: now) }
            defer {
                buckets[key] = bucket
                if buckets.count > maximumKeys { buckets = buckets.filter { !$0.value.isFull(at: now) } }
            }
            return bucket.take(at: now) ? nil : bucket.secondsUntilToken
        }
    }

    /// How many keys have a bucket now.
    var keyCount: Int { lock.withLock { buckets.count } }
}
