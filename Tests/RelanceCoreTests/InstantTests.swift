import Testing

@testable import RelanceCore

@Suite("ISO 8601 instants (SPEC section 8, --now)")
struct InstantTests {
    /// 2026-12-10T09:00:00Z, computed independently.
    static let tenInParis: Int64 = 1_796_893_200

    static let acceptedForms: [(String, Int64)] = [
        ("2026-12-10T10:00:00+01:00", tenInParis),
        ("2026-12-10T09:00:00Z", tenInParis),
        ("2026-12-10T09:00:00z", tenInParis),
        ("2026-12-10T10:00+01:00", tenInParis),
        ("2026-12-10T09:00Z", tenInParis),
        ("2026-12-10T10:00:00+0100", tenInParis),
        ("2026-12-10 10:00:00+01:00", tenInParis),
        ("2026-12-10T05:00:00-04:00", tenInParis),
        ("2026-12-10T13:00:00+04:00", tenInParis),
        ("2026-12-10T06:30:00-02:30", tenInParis),
        ("2026-12-10T09:00:00+00:00", tenInParis),
        ("2026-12-10T09:00:00-00:00", tenInParis),
        ("2026-12-10T10:00:00.999+01:00", tenInParis),
        ("2026-12-10T10:00:00,5+01:00", tenInParis),
        ("2026-12-10T09:00:00.000000001Z", tenInParis),
        ("2026-12-10T10:00:59+01:00", tenInParis + 59),
        ("2026-12-11T00:30:00+01:00", tenInParis + 14 * 3600 + 30 * 60),
        ("1970-01-01T00:00:00Z", 0),
        ("1970-01-01T01:00:00+01:00", 0),
        ("1969-12-31T23:59:59Z", -1),
        ("2000-01-01T00:00:00Z", 946_684_800),
        ("2028-02-29T12:00:00Z", 1_835_438_400),
    ]

    @Test("Accepted forms", arguments: acceptedForms)
    func accepted(text: String, seconds: Int64) {
        #expect(Instant(iso: text)?.seconds == seconds)
    }

    @Test(
        "Rejected forms",
        arguments: [
            "", "garbage", "2026-12-10", "2026-12-10T10:00:00", "2026-12-10T10:00",
            "2026-13-10T10:00:00Z", "2026-00-10T10:00:00Z", "2026-02-30T10:00:00Z", "2027-02-29T10:00:00Z",
            "2026-12-10T24:00:00Z", "2026-12-10T10:60:00Z", "2026-12-10T10:00:60Z", "2026-12-10T1:00:00Z",
            "2026-12-10T10:00:00.Z", "2026-12-10T10:00.5Z", "2026-12-10T10:00:00+01", "2026-12-10T10:00:00+1:00",
            "2026-12-10T10:00:00+01:00x", "2026-12-10T10:00:00 +01:00", "2026-12-10X10:00:00Z",
            "2026-12-10T10:00:00+19:00", "2026-12-10T10:00:00+01:60", "2026-12-10T10-00-00Z",
            "26-12-10T10:00:00Z", "2026-12-1T10:00:00Z", "２０２６-12-10T10:00:00Z", "2026-12-10T10:00:00ZZ",
            "2026-12-10T10:00:00UTC",
        ])
    func rejected(text: String) {
        #expect(Instant(iso: text) == nil)
    }

    @Test func roundTripsThroughFormat() {
        for text in ["2026-03-29T03:30:00+02:00", "2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+01:00"] {
            #expect(Zone.paris.format(instant(text)) == text)
        }
        #expect(instant("2026-10-25T02:30:00+01:00").seconds - instant("2026-10-25T02:30:00+02:00").seconds == 3600)
    }

    @Test func orderingAndArithmetic() {
        let a = Instant(seconds: 10)
        #expect(a < a.adding(seconds: 1))
        #expect(a.adding(seconds: -10) == Instant(seconds: 0))
        #expect(
            [Instant(seconds: 3), Instant(seconds: -2), Instant(seconds: 1)].sorted().map(\.seconds) == [-2, 1, 3])
    }

    @Test func fixedClockReturnsItsInstant() {
        #expect(FixedClock(Instant(seconds: 42)).now == Instant(seconds: 42))
        #expect(SystemClock().now.seconds > 1_767_225_600)  // after 2026-01-01
    }
}
