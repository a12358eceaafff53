/// Dates written the way French readers expect: `mardi 15 décembre 2026`, `1er décembre`.
public enum FrenchDates {
    /// Month names, January first.
    public static let months = [
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ]
    /// Day names, Monday first (ISO order).
    public static let weekdays = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

    /// `15 décembre` (and `1er décembre` for the first of the month).
    public static func dayAndMonth(_ date: LocalDate) -> String {
        "\(date.day == 1 ? "1er" : String(date.day)) \(months[date.month - 1])"
    }

    /// `mardi 15 décembre 2026`.
    public static func long(_ date: LocalDate) -> String {
        "\(weekdays[date.weekday - 1]) \(dayAndMonth(date)) \(date.year)"
    }

    /// `15/12/2026`, for tables.
    public static func numeric(_ date: LocalDate) -> String {
        "\(LocalDate.pad(date.day, 2))/\(LocalDate.pad(date.month, 2))/\(date.year)"
    }
}
