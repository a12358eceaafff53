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

    /// A share with one decimal, French style: `71,4 %` (narrow no-break space); `–` when the
    /// whole is zero.
    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "–" }
        return percent(Double(part) / Double(whole))
    }

    /// A fraction as a share with one decimal: `0.934` → `93,4 %`.
    static func percent(_ fraction: Double) -> String { decimal(fraction * 100, digits: 1) + "\u{202F}%" }

    /// A number with `digits` decimals after a comma, thousands grouped: `12 345,6`.
    static func decimal(_ value: Double, digits: Int) -> String {
        var factor = 1
        for _ in 0..<digits { factor *= 10 }
        let scaled = Int((abs(value) * Double(factor)).rounded())
        let whole = number(scaled / factor)
        let sign = value < 0 && scaled > 0 ? "−" : ""
        guard digits > 0 else { return sign + whole }
        let fraction = String(scaled % factor)
        return sign + whole + "," + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    /// `28 nov.`: the short month names of French tables.
    static let months = [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.",
    ]

    /// `28 nov.`.
    static func day(_ date: LocalDate) -> String { "\(date.day) \(months[date.month - 1])" }

    /// `28 novembre 2026`.
    static func longDay(_ date: LocalDate) -> String { "\(FrenchDates.dayAndMonth(date)) \(date.year)" }

    /// `28 nov. 10:00` in Paris time.
    static func hour(_ instant: Instant) -> String {
        let local = Zone.paris.local(instant)
        return "\(day(local.date)) \(local.time)"
    }

    /// `nov. 2026`, for the axis of a chart.
    static func shortPeriod(_ period: Period) -> String { "\(months[period.month - 1]) \(period.year)" }

    /// `novembre 2026`.
    static func periodName(_ period: Period) -> String { "\(FrenchDates.months[period.month - 1]) \(period.year)" }

    /// A column name for people, in French: `on_time` → `à temps`; a name without translation
    /// (a step or a channel) with its underscores as spaces.
    static func heading(_ column: String) -> String {
        words[column] ?? String(column.map { $0 == "_" ? " " : $0 })
    }

    /// A value of a label column for people, in French: states, routes, outcomes and reasons
    /// translated, ISO dates as `28 novembre 2026`, instants as `28 nov. 10:00` (Paris); other
    /// values (steps, channels, agencies, causes) as they are.
    static func label(_ value: String) -> String {
        if let word = words[value] { return word }
        if value.hasPrefix(exhausted) { return "canaux épuisés : " + label(String(value.dropFirst(exhausted.count))) }
        if value.count == 10, let date = LocalDate(iso: value) { return longDay(date) }
        if value.count > 16, let instant = Instant(iso: value) { return hour(instant) }
        return value
    }

    /// An instant for people, in Paris time: `2 décembre 2026 à 14:25`.
    static func moment(_ instant: Instant) -> String {
        let local = Zone.paris.local(instant)
        return "\(longDay(local.date)) à \(local.time)"
    }

    /// The French words of the report's column names and values, with the reminders' states and
    /// deliveries in the plural (``ReminderText``).
    static let words: [String: String] = ReminderText.forms.mapValues { $0.many }.merging(
        [
            "day": "jour", "on_time": "à temps", "late": "en retard", "cumulative": "cumul", "step": "étape",
            "hour": "heure", "journal": "journal", "jobseekers": "demandeurs", "channel": "canal",
            "reminders": "relances", "outcome": "issue", "cause": "cause", "attempts": "tentatives",
            "route": "orientation",
            "agency": "agence", "open": "ouvert", "contacted": "contacté", "resolved": "résolu",
            "closed_no_contact": "clos sans contact", "overdue": "en retard",
            "oldest_due_on": "échéance la plus ancienne",
            "reason": "motif", "cases": "suivis", "complete": "complet", "missing": "manquant",
            "not_required": "non requis", "phone": "téléphone", "missed": "non actualisé",
            "journal_missing": "journal manquant", "unreachable": "injoignable", "upcoming": "à venir",
            "closed": "close", "permanent": "définitif", "transient": "temporaire", "opening": "ouverture",
            // The causes of failed reminders and attempts (the store's failure causes).
            "no usable channel": "aucun canal utilisable", "unknown department": "département inconnu",
            "no attempt recorded": "aucune tentative enregistrée", "channel down": "canal indisponible",
            "interrupted": "interrompue", "timeout": "délai dépassé", "connection error": "erreur de connexion",
        ], uniquingKeysWith: { $1 })

    /// The prefix of a failed reminder's cause when every channel was tried.
    static let exhausted = "channels exhausted: "

    /// Text safe inside HTML and SVG elements and attribute values.
    static func escape(_ text: String) -> String { HTMLText.escape(text) }
}
