/// A point in time, stored as whole seconds since 1970-01-01T00:00:00Z.
///
/// relance stores every instant in UTC and prints it with a local offset
/// (see ``Zone/format(_:)``).
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since the Unix epoch, UTC.
    public let seconds: Int64

    /// Creates an instant from seconds since the Unix epoch.
    public init(seconds: Int64) { self.seconds = seconds }

    /// The instant `delta` seconds later.
    public func adding(seconds delta: Int64) -> Instant { Instant(seconds: seconds + delta) }

    /// The UTC calendar day of this instant.
    public var utcDate: LocalDate {
        LocalDate(daysSinceEpoch: Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400))
    }

    /// ISO 8601 in UTC, e.g. `2026-11-28T09:00:00Z`.
    public var description: String { Zone.utc.format(self) }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.seconds < rhs.seconds }

    /// Parses ISO 8601 with an explicit offset: `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM|±HHMM)`.
    ///
    /// A time with no offset is rejected: it would be ambiguous across territories.
    /// Fractions of a second are truncated.
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 17, let date = LocalDate(iso: text.prefix(10)),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ")
        else { return nil }
        var index = 11
        func number(_ width: Int) -> Int? {
            guard index + width <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + width] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += width
            return value
        }
        func expect(_ ascii: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: ascii) else { return false }
            index += 1
            return true
        }
        guard let hour = number(2), expect(":"), let minute = number(2), hour < 24, minute < 60 else { return nil }
        var second = 0
        if expect(":") {
            guard let s = number(2), s < 60 else { return nil }
            second = s
            if expect(".") || expect(",") {
                let start = index
                while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
                guard index > start else { return nil }
            }
        }
        var offset = 0
        if expect("Z") || expect("z") {
            offset = 0
        } else {
            guard index < bytes.count else { return nil }
            let sign = bytes[index]
            guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
            index += 1
            guard let oh = number(2), oh <= 18 else { return nil }
            _ = expect(":")
            guard let om = number(2), om < 60 else { return nil }
            offset = (oh * 3600 + om * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
        }
        guard index == bytes.count else { return nil }
        let local = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.init(seconds: local - Int64(offset))
    }
}
