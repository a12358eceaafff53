import Testing

@testable import RelanceCore

@Suite("Public holidays per zone (SPEC section 2)")
struct HolidayTests {
    /// The holidays every zone shares, for 2026 (Easter Sunday 5 April 2026).
    static let common2026 = [
        "2026-01-01", "2026-04-06", "2026-05-01", "2026-05-08", "2026-05-14", "2026-05-25",
        "2026-07-14", "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25",
    ]

    /// Each zone's additions to the common list in 2026.
    static let additions2026: [(HolidayZone, [String])] = [
        (.metropole, []),
        (.alsaceMoselle, ["2026-04-03", "2026-12-26"]),
        (.guadeloupe, ["2026-05-27"]),
        (.martinique, ["2026-05-22"]),
        (.guyane, ["2026-06-10"]),
        (.reunion, ["2026-12-20"]),
        (.saintPierreEtMiquelon, []),
        (.mayotte, ["2026-04-27"]),
        (.saintBarthelemy, ["2026-10-09"]),
        (.saintMartin, ["2026-05-28"]),
    ]

    @Test func everyZoneIsListed() {
        #expect(Set(Self.additions2026.map(\.0)) == Set(HolidayZone.allCases))
        #expect(HolidayZone.allCases.count == 10)
    }

    @Test("Exact holiday list of 2026", arguments: additions2026)
    func exactList2026(zone: HolidayZone, additions: [String]) {
        let expected = (Self.common2026 + additions).map(day).sorted()
        #expect(HolidayCalendar(zone: zone).holidays(in: 2026).map(\.date) == expected)
    }

    @Test(
        "Holidays per zone per year",
        arguments: [
            // zone, year, count: 11 common days, fewer when Ascension falls on 1 or 8 May.
            (HolidayZone.metropole, 2024, 11), (.metropole, 2026, 11), (.metropole, 2008, 10),
            (.alsaceMoselle, 2024, 13), (.alsaceMoselle, 2026, 13), (.alsaceMoselle, 2008, 12),
            (.guadeloupe, 2026, 12), (.martinique, 2026, 12), (.guyane, 2026, 12), (.reunion, 2026, 12),
            (.saintPierreEtMiquelon, 2026, 11), (.mayotte, 2026, 12), (.saintBarthelemy, 2026, 12),
            (.saintMartin, 2017, 12), (.saintMartin, 2018, 12), (.metropole, 2100, 11),
            (.martinique, 2036, 11),  // Ascension 2036 is 22 May, abolition day in Martinique
        ])
    func countPerYear(zone: HolidayZone, year: Int, count: Int) {
        let holidays = HolidayCalendar(zone: zone).holidays(in: year)
        #expect(holidays.count == count)
        #expect(holidays.map(\.date) == holidays.map(\.date).sorted())
        #expect(holidays.allSatisfy { $0.date.year == year })
    }

    @Test("Fixed-date holidays of every zone", arguments: HolidayZone.allCases)
    func fixedDates(zone: HolidayZone) {
        let calendar = HolidayCalendar(zone: zone)
        for year in [2000, 2027, 2100] {
            for (month, dayOfMonth) in [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)] {
                let date = LocalDate(year: year, month: month, day: dayOfMonth)
                #expect(date.map(calendar.isHoliday) == true, "\(zone) \(year)-\(month)-\(dayOfMonth)")
            }
        }
        #expect(!calendar.isHoliday(day("2026-12-24")))
        #expect(!calendar.isHoliday(day("2026-04-05")), "Easter Sunday is not a listed holiday")
    }

    @Test(
        "Abolition of slavery days",
        arguments: [
            (HolidayZone.mayotte, "2026-04-27"), (.martinique, "2026-05-22"), (.guadeloupe, "2026-05-27"),
            (.guyane, "2026-06-10"), (.saintBarthelemy, "2026-10-09"), (.reunion, "2026-12-20"),
            (.saintMartin, "2000-05-27"), (.saintMartin, "2017-05-27"), (.saintMartin, "2018-05-28"),
            (.saintMartin, "2100-05-28"), (.guadeloupe, "2100-05-27"), (.reunion, "2000-12-20"),
        ])
    func abolitionDay(zone: HolidayZone, date: String) {
        let holiday = HolidayCalendar(zone: zone).holidays(in: day(date).year).first { $0.date == day(date) }
        #expect(holiday?.name == "Abolition de l'esclavage")
        for other in HolidayZone.allCases where other != zone && other != .guadeloupe && other != .saintMartin {
            #expect(!HolidayCalendar(zone: other).isHoliday(day(date)), "\(other) \(date)")
        }
    }

    @Test func saintMartinSwitchesFrom27To28MayIn2018() {
        let calendar = HolidayCalendar(zone: .saintMartin)
        #expect(calendar.isHoliday(day("2017-05-27")))
        #expect(!calendar.isHoliday(day("2017-05-28")))
        #expect(!calendar.isHoliday(day("2018-05-27")))
        #expect(calendar.isHoliday(day("2018-05-28")))
        #expect(!HolidayCalendar(zone: .guadeloupe).isHoliday(day("2018-05-28")))
    }

    @Test func alsaceMoselleExtras() {
        let alsace = HolidayCalendar(zone: .alsaceMoselle)
        let metropole = HolidayCalendar(zone: .metropole)
        #expect(alsace.holidays(in: 2026).first { $0.date == day("2026-12-26") }?.name == "Saint Étienne")
        #expect(alsace.isHoliday(day("2026-04-03")))
        #expect(!metropole.isHoliday(day("2026-12-26")))
        #expect(!metropole.isHoliday(day("2026-04-03")))
        #expect(!HolidayCalendar(zone: .saintPierreEtMiquelon).isHoliday(day("2026-12-26")))
    }

    @Test func coincidingFeastsAreOneEntryWithBothNames() {
        // 2008: Easter 23 March, so Ascension is 1 May.
        let holidays = HolidayCalendar(zone: .metropole).holidays(in: 2008)
        let first = holidays.filter { $0.date == day("2008-05-01") }
        #expect(first.count == 1)
        #expect(first.first?.name == "Fête du Travail et Ascension")
    }

    @Test func abolitionDayOnAscensionIsOneEntry() {
        let holidays = HolidayCalendar(zone: .martinique).holidays(in: 2036).filter { $0.date == day("2036-05-22") }
        #expect(holidays.map(\.name) == ["Ascension et Abolition de l'esclavage"])
    }

    @Test func namesOfCommonHolidays() {
        let names = Dictionary(
            uniqueKeysWithValues: HolidayCalendar(zone: .metropole).holidays(in: 2026).map {
                ($0.date.description, $0.name)
            })
        #expect(names["2026-01-01"] == "Jour de l'an")
        #expect(names["2026-05-01"] == "Fête du Travail")
        #expect(names["2026-05-08"] == "Victoire 1945")
        #expect(names["2026-07-14"] == "Fête nationale")
        #expect(names["2026-08-15"] == "Assomption")
        #expect(names["2026-11-01"] == "Toussaint")
        #expect(names["2026-11-11"] == "Armistice 1918")
        #expect(names["2026-12-25"] == "Noël")
    }

    @Test(
        "Zone names and keys",
        arguments: [
            (HolidayZone.metropole, "Métropole", "metropole"), (.alsaceMoselle, "Alsace-Moselle", "alsace-moselle"),
            (.reunion, "La Réunion", "reunion"),
            (.saintPierreEtMiquelon, "Saint-Pierre-et-Miquelon", "saint-pierre-et-miquelon"),
            (.saintBarthelemy, "Saint-Barthélemy", "saint-barthelemy"), (.saintMartin, "Saint-Martin", "saint-martin"),
        ])
    func zoneNames(zone: HolidayZone, name: String, key: String) {
        #expect(zone.rawValue == name)
        #expect(zone.key == key)
        #expect(HolidayZone(key: key) == zone)
    }

    @Test func keysAreUniqueAndUnknownKeysRejected() {
        #expect(Set(HolidayZone.allCases.map(\.key)).count == HolidayZone.allCases.count)
        #expect(HolidayZone(key: "Métropole") == nil)
        #expect(HolidayZone(key: "") == nil)
    }
}
