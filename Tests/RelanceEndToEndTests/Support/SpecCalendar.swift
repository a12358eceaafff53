import Foundation

// An independent reading of SPEC section 2 (territories, holidays, windows), built on Foundation
// only, so that the end-to-end tests never take their expected values from relance's own code.

/// A calendar day.
struct Day: Hashable, Comparable, CustomStringConvertible, Sendable {
    let year: Int
    let month: Int
    let day: Int

    init(_ year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM-DD`.
    init?(iso text: String) {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        self.init(parts[0], parts[1], parts[2])
    }

    static let gregorian: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    private var noonUTC: Date {
        Self.gregorian.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
    }

    func adding(days: Int) -> Day {
        let parts = Self.gregorian.dateComponents(
            [.year, .month, .day], from: Self.gregorian.date(byAdding: .day, value: days, to: noonUTC)!)
        return Day(parts.year!, parts.month!, parts.day!)
    }

    /// Saturday or Sunday.
    var isWeekend: Bool { [1, 7].contains(Self.gregorian.component(.weekday, from: noonUTC)) }

    /// The number of days of a month.
    static func length(ofMonth month: Int, year: Int) -> Int {
        Self.gregorian.range(of: .day, in: .month, for: Day(year, month, 1).noonUTC)!.count
    }

    var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    static func < (lhs: Day, rhs: Day) -> Bool { (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day) }
}

/// A local time of day, `HH:MM`.
struct LocalTime: Hashable, Comparable, CustomStringConvertible, Sendable {
    let hour: Int
    let minute: Int

    init(_ hour: Int, _ minute: Int = 0) {
        self.hour = hour
        self.minute = minute
    }

    var description: String { String(format: "%02d:%02d", hour, minute) }

    static func < (lhs: LocalTime, rhs: LocalTime) -> Bool { (lhs.hour, lhs.minute) < (rhs.hour, rhs.minute) }
}

/// The holiday zones of SPEC section 2.
enum HolidayZone: Sendable {
    case metropole, alsaceMoselle, guadeloupe, martinique, guyane, reunion, saintPierreEtMiquelon, mayotte
    case saintBarthelemy, saintMartin
}

/// A department's time zone and holiday zone, from the table of SPEC section 2.
struct SpecTerritory: Sendable {
    let timeZone: TimeZone
    let holidayZone: HolidayZone

    init?(department: String) {
        let overseas: [String: (String, HolidayZone)] = [
            "971": ("America/Guadeloupe", .guadeloupe), "972": ("America/Martinique", .martinique),
            "973": ("America/Cayenne", .guyane), "974": ("Indian/Reunion", .reunion),
            "975": ("America/Miquelon", .saintPierreEtMiquelon), "976": ("Indian/Mayotte", .mayotte),
            "977": ("America/St_Barthelemy", .saintBarthelemy), "978": ("America/Marigot", .saintMartin),
        ]
        if let (zone, holidays) = overseas[department] {
            timeZone = TimeZone(identifier: zone)!
            holidayZone = holidays
            return
        }
        let metropolitan =
            (1...95).filter { $0 != 20 && $0 != 57 && $0 != 67 && $0 != 68 }
            .map { String(format: "%02d", $0) } + ["2A", "2B"]
        if ["57", "67", "68"].contains(department) {
            holidayZone = .alsaceMoselle
        } else if metropolitan.contains(department) {
            holidayZone = .metropole
        } else {
            return nil
        }
        timeZone = TimeZone(identifier: "Europe/Paris")!
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The instant of a local day and time. As RFC 5545 §3.3.5 says, a time in a spring-forward
    /// gap takes the offset in force before the gap, and a repeated time means its first occurrence.
    func instant(_ day: Day, _ time: LocalTime = LocalTime(0)) -> Date {
        let utc = Day.gregorian.date(
            from: DateComponents(
                year: day.year, month: day.month, day: day.day, hour: time.hour, minute: time.minute))!
        let before = TimeInterval(timeZone.secondsFromGMT(for: utc.addingTimeInterval(-86_400)))
        let after = TimeInterval(timeZone.secondsFromGMT(for: utc.addingTimeInterval(86_400)))
        let readings = [utc.addingTimeInterval(-before), utc.addingTimeInterval(-after)]
        return readings.first { local($0) == (day, time) } ?? readings[0]
    }

    /// The local day and time of an instant.
    func local(_ instant: Date) -> (day: Day, time: LocalTime) {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        return (Day(parts.year!, parts.month!, parts.day!), LocalTime(parts.hour!, parts.minute!))
    }

    /// The UTC offset at an instant as ISO 8601 writes it, e.g. `+01:00`, `-04:00`.
    func offsetText(at instant: Date) -> String {
        let seconds = timeZone.secondsFromGMT(for: instant)
        return String(format: "%@%02d:%02d", seconds < 0 ? "-" : "+", abs(seconds) / 3600, abs(seconds) / 60 % 60)
    }

    /// Monday to Friday and not a public holiday of the zone.
    func isBusinessDay(_ day: Day) -> Bool { !day.isWeekend && !SpecHolidays.isHoliday(day, in: holidayZone) }

    /// The first business day on or after `day`.
    func businessDay(onOrAfter day: Day) -> Day {
        var candidate = day
        while !isBusinessDay(candidate) { candidate = candidate.adding(days: 1) }
        return candidate
    }

    /// `count` business days after `day` (`day` itself not counted).
    func adding(businessDays count: Int, to day: Day) -> Day {
        var candidate = day
        for _ in 0..<count { candidate = businessDay(onOrAfter: candidate.adding(days: 1)) }
        return candidate
    }
}

/// The public holidays of SPEC section 2.
enum SpecHolidays {
    /// Easter Sunday by Oudin's algorithm (a different method from relance's).
    static func easter(_ year: Int) -> Day {
        let century = year / 100
        let golden = year % 19
        let k = (century - 17) / 25
        var i = (century - century / 4 - (century - k) / 3 + 19 * golden + 15) % 30
        i -= (i / 28) * (1 - (i / 28) * (29 / (i + 1)) * ((21 - golden) / 11))
        let j = (year + year / 4 + i + 2 - century + century / 4) % 7
        let l = i - j
        let month = 3 + (l + 40) / 44
        return Day(year, month, l + 28 - 31 * (month / 4))
    }

    static func isHoliday(_ day: Day, in zone: HolidayZone) -> Bool {
        let easter = easter(day.year)
        var days: Set<Day> = [
            Day(day.year, 1, 1), easter.adding(days: 1), Day(day.year, 5, 1), Day(day.year, 5, 8),
            easter.adding(days: 39), easter.adding(days: 50), Day(day.year, 7, 14), Day(day.year, 8, 15),
            Day(day.year, 11, 1), Day(day.year, 11, 11), Day(day.year, 12, 25),
        ]
        switch zone {
        case .alsaceMoselle: days.formUnion([easter.adding(days: -2), Day(day.year, 12, 26)])
        case .mayotte: days.insert(Day(day.year, 4, 27))
        case .martinique: days.insert(Day(day.year, 5, 22))
        case .guadeloupe: days.insert(Day(day.year, 5, 27))
        case .guyane: days.insert(Day(day.year, 6, 10))
        case .saintBarthelemy: days.insert(Day(day.year, 10, 9))
        case .reunion: days.insert(Day(day.year, 12, 20))
        case .saintMartin: days.insert(Day(day.year, 5, day.year <= 2017 ? 27 : 28))
        case .metropole, .saintPierreEtMiquelon: break
        }
        return days.contains(day)
    }
}

/// The window of a period under the default rule of SPEC section 2 (28th, 26th in February, to the 15th).
struct SpecWindow: Sendable {
    /// `YYYY-MM`.
    let period: String
    let openingDay: Day
    let deadlineDay: Day
    var closingDay: Day { deadlineDay.adding(days: 1) }

    init(_ period: String) {
        let parts = period.split(separator: "-").compactMap { Int($0) }
        let (year, month) = (parts[0], parts[1])
        self.period = period
        openingDay = Day(year, month, min(month == 2 ? 26 : 28, Day.length(ofMonth: month, year: year)))
        deadlineDay = month == 12 ? Day(year + 1, 1, 15) : Day(year, month + 1, 15)
    }

    func opening(in territory: SpecTerritory) -> Date { territory.instant(openingDay) }
    func closing(in territory: SpecTerritory) -> Date { territory.instant(closingDay) }
}
