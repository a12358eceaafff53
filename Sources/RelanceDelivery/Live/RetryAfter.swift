import RelanceCore

/// The `Retry-After` header (RFC 9110 §10.2.3): a number of seconds, or an HTTP date.
enum RetryAfter {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Seconds to wait from `now`, never negative; nil when the value is neither form.
    static func seconds(_ value: String, now: Instant) -> Int64? {
        if let seconds = Int64(value) { return seconds >= 0 ? seconds : nil }
        guard let date = httpDate(value) else { return nil }
        return max(0, date.seconds - now.seconds)
    }

    /// An IMF-fixdate such as `Sun, 06 Nov 1994 08:49:37 GMT` (a four-digit year: a longer one
    /// would overflow the seconds).
    static func httpDate(_ value: String) -> Instant? {
        let fields = value.split(separator: " ")
        guard fields.count == 6, fields[0].hasSuffix(","), fields[5] == "GMT",
            let day = Int(fields[1]), let month = months.firstIndex(of: String(fields[2])),
            fields[3].count == 4, let year = Int(fields[3]),
            let date = LocalDate(year: year, month: month + 1, day: day)
        else { return nil }
        let time = fields[4].split(separator: ":").compactMap { Int64($0) }
        guard time.count == 3, time.allSatisfy({ $0 >= 0 }), time[0] < 24, time[1] < 60, time[2] < 61 else {
            return nil
        }
        return Instant(seconds: Int64(date.daysSinceEpoch) * 86_400 + time[0] * 3600 + time[1] * 60 + time[2])
    }
}
