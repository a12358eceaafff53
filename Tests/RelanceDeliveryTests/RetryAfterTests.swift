import RelanceCore
import Testing

@testable import RelanceDelivery

@Suite("Retry-After")
struct RetryAfterTests {
    private static let now = Instant(iso: "2026-11-28T10:00:00Z")!

    @Test(
        "values",
        arguments: [
            ("0", 0), ("120", 120), ("Sat, 28 Nov 2026 10:02:00 GMT", 120), ("Sat, 28 Nov 2026 09:00:00 GMT", 0),
            ("Sun, 29 Nov 2026 10:00:00 GMT", 86_400),
        ] as [(String, Int64)])
    func parses(value: String, seconds: Int64) {
        #expect(RetryAfter.seconds(value, now: Self.now) == seconds)
    }

    @Test(
        "malformed values are ignored",
        arguments: ["-5", "soon", "Sat, 28 Nov 2026 10:02:00 CET", "28 Nov 2026", "Sat, 31 Feb 2026 10:00:00 GMT", ""])
    func rejects(value: String) {
        #expect(RetryAfter.seconds(value, now: Self.now) == nil)
    }
}
