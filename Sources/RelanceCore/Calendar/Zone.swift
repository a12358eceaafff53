import Foundation

/// A time zone of the tz database, with the conversions relance needs.
///
/// Local times that do not exist or exist twice are resolved as RFC 5545 §3.3.5
/// says: a time in a spring-forward gap takes the offset from before the gap, and a
/// repeated time means its first occurrence.
public struct Zone: Hashable, Sendable, CustomStringConvertible {
    /// The tz identifier, e.g. `Europe/Paris`.
    public let identifier: String
    private let timeZone: TimeZone

    /// Coordinated Universal Time.
    public static let utc = Zone(fixed: TimeZone(secondsFromGMT: 0)!, identifier: "UTC")
    /// Metropolitan France.
    public static let paris = Zone(identifier: "Europe/Paris")!

    /// Loads a zone from the system tz database, or returns nil when unknown.
    public init?(identifier: String) {
        guard let timeZone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        self.timeZone = timeZone
    }

    private init(fixed timeZone: TimeZone, identifier: String) {
        self.identifier = identifier
        self.timeZone = timeZone
    }

    public var description: String { identifier }

    public static func == (lhs: Zone, rhs: Zone) -> Bool { lhs.identifier == rhs.identifier }
    public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }

    /// The offset from UTC, in seconds, in force at `instant`.
    public func offset(at instant: Instant) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant.seconds)))
    }

    /// The instant of a local date and time in this zone (RFC 5545 §3.3.5 for gaps and overlaps).
    public func instant(of date: LocalDate, at time: TimeOfDay = TimeOfDay(hour: 0, minute: 0)!) -> Instant {
        let naive = Int64(date.daysSinceEpoch) * 86_400 + Int64(time.minutes * 60)
        let before = offset(at: Instant(seconds: naive - 86_400))
        let after = offset(at: Instant(seconds: naive + 86_400))
        // Every offset that maps back onto the same local time is a valid reading.
        let candidates = Set([before, after]).map { naive - Int64($0) }.filter {
            offset(at: Instant(seconds: $0)) == Int(naive - $0)
        }
        if let first = candidates.min() { return Instant(seconds: first) }
        // In a gap: use the offset from before the gap.
        return Instant(seconds: naive - Int64(before))
    }

    /// The local calendar day and time of an instant.
    public func local(_ instant: Instant) -> (date: LocalDate, time: TimeOfDay, second: Int) {
        let local = instant.seconds + Int64(offset(at: instant))
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondOfDay = Int(local - days * 86_400)
        return (
            LocalDate(daysSinceEpoch: Int(days)), TimeOfDay(hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60)!,
            secondOfDay % 60
        )
    }

    /// The local calendar day of an instant.
    public func date(of instant: Instant) -> LocalDate { local(instant).date }

    /// ISO 8601 with this zone's offset, e.g. `2026-12-15T10:00:00+01:00`.
    public func format(_ instant: Instant) -> String {
        let offset = offset(at: instant)
        let (date, time, second) = local(instant)
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset)
        let zone =
            offset == 0 && identifier == "UTC"
            ? "Z" : "\(sign)\(LocalDate.pad(magnitude / 3600, 2)):\(LocalDate.pad(magnitude / 60 % 60, 2))"
        return "\(date)T\(time):\(LocalDate.pad(second, 2))\(zone)"
    }
}
