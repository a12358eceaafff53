/// A public holiday of a zone.
public struct Holiday: Hashable, Sendable {
    /// The day.
    public let date: LocalDate
    /// Its French name, e.g. `Lundi de Pâques`.
    public let name: String
}

/// Public holidays and business days of one holiday zone (SPEC section 2).
///
/// Easter is computed (anonymous Gregorian algorithm), never tabulated, so every
/// year works; the contract requires 2000–2100.
public struct HolidayCalendar: Sendable {
    /// The zone whose holidays these are.
    public let zone: HolidayZone

    /// Creates the calendar of a zone.
    public init(zone: HolidayZone) { self.zone = zone }

    /// Easter Sunday of a Gregorian year.
    public static func easter(_ year: Int) -> LocalDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: year, month: month, day: day)!
    }

    /// The holidays of a year, in date order.
    public func holidays(in year: Int) -> [Holiday] {
        let easter = Self.easter(year)
        func fixed(_ month: Int, _ day: Int, _ name: String) -> Holiday {
            Holiday(date: LocalDate(year: year, month: month, day: day)!, name: name)
        }
        var list = [
            fixed(1, 1, "Jour de l'an"),
            Holiday(date: easter.adding(days: 1), name: "Lundi de Pâques"),
            fixed(5, 1, "Fête du Travail"),
            fixed(5, 8, "Victoire 1945"),
            Holiday(date: easter.adding(days: 39), name: "Ascension"),
            Holiday(date: easter.adding(days: 50), name: "Lundi de Pentecôte"),
            fixed(7, 14, "Fête nationale"),
            fixed(8, 15, "Assomption"),
            fixed(11, 1, "Toussaint"),
            fixed(11, 11, "Armistice 1918"),
            fixed(12, 25, "Noël"),
        ]
        let abolition = "Abolition de l'esclavage"
        switch zone {
        case .alsaceMoselle:
            list.append(Holiday(date: easter.adding(days: -2), name: "Vendredi saint"))
            list.append(fixed(12, 26, "Saint Étienne"))
        case .mayotte: list.append(fixed(4, 27, abolition))
        case .martinique: list.append(fixed(5, 22, abolition))
        case .guadeloupe: list.append(fixed(5, 27, abolition))
        case .guyane: list.append(fixed(6, 10, abolition))
        case .saintBarthelemy: list.append(fixed(10, 9, abolition))
        case .reunion: list.append(fixed(12, 20, abolition))
        case .saintMartin: list.append(year <= 2017 ? fixed(5, 27, abolition) : fixed(5, 28, abolition))
        case .metropole, .saintPierreEtMiquelon: break
        }
        // Feasts can coincide (Ascension on 1 or 8 May): one entry per day, names joined.
        let byDate = Dictionary(grouping: list, by: \.date)
        return byDate.keys.sorted().map { date in
            Holiday(date: date, name: byDate[date]!.map(\.name).joined(separator: " et "))
        }
    }

    /// Whether a day is a public holiday of the zone.
    public func isHoliday(_ date: LocalDate) -> Bool {
        holidays(in: date.year).contains { $0.date == date }
    }

    /// Monday to Friday and not a holiday of the zone.
    public func isBusinessDay(_ date: LocalDate) -> Bool {
        !date.isWeekend && !isHoliday(date)
    }

    /// The first business day on or after `date`.
    public func businessDay(onOrAfter date: LocalDate) -> LocalDate {
        var day = date
        while !isBusinessDay(day) { day = day.adding(days: 1) }
        return day
    }

    /// The day `count` business days after `date` (`date` itself does not count).
    public func adding(businessDays count: Int, to date: LocalDate) -> LocalDate {
        var day = date
        var left = count
        while left > 0 {
            day = day.adding(days: 1)
            if isBusinessDay(day) { left -= 1 }
        }
        return day
    }
}
