import Dispatch
import Testing

@testable import RelanceHTTP

@Suite("rate limiter")
struct RateLimiterTests {
    @Test("a burst of one second's worth, then a wait")
    func burst() throws {
        let limiter = RateLimiter()
        for _ in 0..<5 { #expect(limiter.take("portal", rate: 5) == nil) }
        let wait = try #require(limiter.take("portal", rate: 5))
        #expect(wait > 0 && wait <= 0.2)
        #expect(limiter.take("gateway", rate: 5) == nil, "each key has its own bucket")
    }

    @Test("many threads on one bucket: no crash, no token lost or invented")
    func concurrentTakes() {
        let limiter = RateLimiter()
        let threads = 8
        let takesPerThread = 20_000
        let refused = Counter()
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            for _ in 0..<takesPerThread where limiter.take("bench", rate: 1_000_000) != nil {
                refused.increment()
            }
        }
        #expect(refused.value == 0, "160,000 takes fit in a burst of 1,000,000")
    }

    @Test("more keys than it keeps: full buckets are forgotten, busy ones are not")
    func forgetting() {
        let limiter = RateLimiter()
        #expect(limiter.take("busy", rate: 0.001) == nil)
        for key in 0...10_000 { _ = limiter.take("peer \(key)", rate: 1_000_000) }
        #expect(limiter.keyCount < 10_000, "buckets full again were dropped")
        #expect(limiter.take("busy", rate: 0.001) != nil, "an empty bucket is remembered")
    }
}

/// A thread-safe count for the concurrency test.
private final class Counter: @unchecked Sendable {
    private let queue = DispatchQueue(label: "counter")
    private var count = 0
    var value: Int { queue.sync { count } }
    func increment() { queue.sync { count += 1 } }
}
