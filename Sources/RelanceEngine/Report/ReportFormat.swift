import RelanceCore

/// How the report writes numbers, dates and labels for people, the same way in text and HTML.
public enum ReportFormat {
    /// Thousands grouped by a narrow no-break space: `230 000` (the report, the desk).
    public static func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "\u{202F}" }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// A share with one decimal: `71.4%`; `–` when the whole is zero.
    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "–" }
        let tenths = (part * 1000 + whole / 2) / whole
        return "\(tenths / 10).\(tenths % 10)%"
    }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `28 Nov`.
    static func day(_ date: LocalDate) -> String { "\(date.day) \(months[date.month - 1])" }

    /// `28 Nov 2026`.
    static func longDay(_ date: LocalDate) -> String { "\(day(date)) \(date.year)" }

    /// `28 Nov 10:00` in Paris time.
    static func hour(_ instant: Instant) -> String {
        let local = Zone.paris.local(instant)
        return "\(day(local.date)) \(local.time)"
    }

    /// `November 2026`.
    static func periodName(_ period: Period) -> String {
        let names = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        return "\(names[period.month - 1]) \(period.year)"
    }

    /// A column name for people: `on_time` → `on time`.
    static func heading(_ column: String) -> String { String(column.map { $0 == "_" ? " " : $0 }) }

    /// Text safe inside HTML and SVG elements and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
