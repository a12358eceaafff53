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
        // Read in place: this runs once per row of a declarations import.
        var text = text
        guard let seconds = text.withUTF8(Self.seconds(iso:)) else { return nil }
        self.init(seconds: seconds)
    }

    /// The seconds since the epoch of an ISO 8601 text with an offset, or nil.
    private static func seconds(iso bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var text = ISOCursor(bytes: bytes)
        guard let year = text.number(4), text.skip("-"), let month = text.number(2), text.skip("-"),
            let day = text.number(2), let date = LocalDate(year: year, month: month, day: day),
            text.skip("T") || text.skip(" "),
            let hour = text.number(2), text.skip(":"), let minute = text.number(2), hour < 24, minute < 60
        else { return nil }
        var second = 0
        if text.skip(":") {
            guard let s = text.number(2), s < 60 else { return nil }
            second = s
            if text.skip(".") || text.skip(",") {
                guard text.skipDigits() > 0 else { return nil }
            }
        }
        var offset = 0
        if !(text.skip("Z") || text.skip("z")) {
            let sign = text.skip("-") ? -1 : 1
            guard sign < 0 || text.skip("+"), let oh = text.number(2), oh <= 18 else { return nil }
            _ = text.skip(":")
            guard let om = text.number(2), om < 60 else { return nil }
            offset = (oh * 3600 + om * 60) * sign
        }
        guard text.atEnd else { return nil }
        let local = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return local - Int64(offset)
    }
}

/// Reads the parts of an ISO 8601 text from its bytes, front to back.
private struct ISOCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    var atEnd: Bool { index == bytes.count }

    /// The number of the next `width` bytes when they are all ASCII digits (then skipped).
    mutating func number(_ width: Int) -> Int? {
        guard index + width <= bytes.count else { return nil }
        var value = 0
        for offset in index..<index + width {
            let byte = bytes[offset]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        index += width
        return value
    }

    /// Whether the next byte is `ascii` (then skipped).
    mutating func skip(_ ascii: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: ascii) else { return false }
        index += 1
        return true
    }

    /// Skips the ASCII digits ahead; returns how many.
    mutating func skipDigits() -> Int {
        let start = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        return index - start
    }
}
