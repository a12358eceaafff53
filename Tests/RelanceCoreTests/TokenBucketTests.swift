import Testing

@testable import RelanceCore

/// The rate limiter, driven by explicit times (never by waiting).
@Suite("token bucket")
struct TokenBucketTests {
    @Test("a full bucket allows one second's burst, then spaces reservations by 1/rate")
    func burstThenSpacing() {
        var bucket = TokenBucket(rate: 10, start: 0)
        let burst = (0..<10).map { _ in bucket.reserve(at: 0) }
        #expect(burst.allSatisfy { $0 == 0 })
        let waits = (0..<3).map { _ in bucket.reserve(at: 0) }
        #expect(waits.map { ($0 * 1000).rounded() } == [100, 200, 300])
    }

    @Test("tokens come back with time, never beyond capacity")
    func refill() {
        var bucket = TokenBucket(rate: 2, start: 0)
        #expect(bucket.reserve(at: 0) == 0)
        #expect(bucket.reserve(at: 0) == 0)
        #expect(bucket.reserve(at: 0) > 0)
        // An hour later the bucket holds two tokens, not 7200.
        #expect(bucket.reserve(at: 3600) == 0)
        #expect(bucket.reserve(at: 3600) == 0)
        #expect(bucket.reserve(at: 3600) > 0)
    }

    @Test("a rate below one per second still lets one message through")
    func slowRate() {
        var bucket = TokenBucket(rate: 0.5, start: 0)
        #expect(bucket.reserve(at: 0) == 0)
        #expect(bucket.reserve(at: 0) == 2)
    }

    @Test("take gets a token only when one is there, and a refusal takes nothing")
    func takeWithoutWaiting() {
        var bucket = TokenBucket(rate: 2, start: 0)
        let taken = [0, 0, 0, 0.4, 0.5, 0.5].map { bucket.take(at: $0) }
        // Two in the burst; half a second gives one token back: refusals spent nothing.
        #expect(taken == [true, true, false, false, true, false])
        let wait = bucket.reserve(at: 0.5)
        #expect(wait == 0.5, "a reservation after refusals waits only its own turn")
    }
}
