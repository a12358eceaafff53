import Testing

@testable import RelanceCore

@Suite("Business days (SPEC section 2)")
struct BusinessDayTests {
    @Test(
        "Is a business day",
        arguments: [
            (HolidayZone.metropole, "2026-12-15", true),  // Tuesday
            (.metropole, "2026-12-19", false),  // Saturday
            (.metropole, "2026-12-20", false),  // Sunday
            (.metropole, "2026-05-14", false),  // Ascension, Thursday
            (.metropole, "2025-12-26", true),  // Friday, Saint Étienne only in Alsace-Moselle
            (.alsaceMoselle, "2025-12-26", false),
            (.alsaceMoselle, "2025-04-18", false),  // Good Friday
            (.metropole, "2025-04-18", true),
            (.mayotte, "2026-04-27", false),  // Monday, abolition day
            (.metropole, "2026-04-27", true),
            (.reunion, "2027-12-20", false),  // Monday, abolition day
            (.guadeloupe, "2027-12-20", true),
            (.saintMartin, "2026-05-28", false),
            (.guadeloupe, "2026-05-28", true),
        ])
    func isBusinessDay(zone: HolidayZone, date: String, expected: Bool) {
        #expect(HolidayCalendar(zone: zone).isBusinessDay(day(date)) == expected)
    }

    @Test(
        "First business day on or after",
        arguments: [
            (HolidayZone.metropole, "2026-12-15", "2026-12-15"),
            (.metropole, "2026-11-28", "2026-11-30"),  // Saturday to Monday
            (.metropole, "2026-01-01", "2026-01-02"),  // New Year, Thursday
            (.metropole, "2026-05-08", "2026-05-11"),  // Friday holiday then weekend
            (.metropole, "2025-04-19", "2025-04-22"),  // Saturday, Sunday, Easter Monday
            (.alsaceMoselle, "2025-04-18", "2025-04-22"),  // Good Friday to Tuesday
            (.alsaceMoselle, "2025-12-25", "2025-12-29"),
            (.metropole, "2025-12-25", "2025-12-26"),
            (.metropole, "2027-01-16", "2027-01-18"),
        ])
    func businessDayOnOrAfter(zone: HolidayZone, date: String, expected: String) {
        #expect(HolidayCalendar(zone: zone).businessDay(onOrAfter: day(date)) == day(expected))
    }

    @Test(
        "Adding business days",
        arguments: [
            (HolidayZone.metropole, "2026-12-16", 5, "2026-12-23"),  // Wednesday + 5
            (.metropole, "2026-12-16", 0, "2026-12-16"),
            (.metropole, "2026-12-18", 1, "2026-12-21"),  // Friday + 1 = Monday
            (.metropole, "2026-12-19", 1, "2026-12-21"),  // from a Saturday
            (.metropole, "2026-05-07", 1, "2026-05-11"),  // over 8 May (Friday) and a weekend
            (.metropole, "2026-05-13", 2, "2026-05-18"),  // over Ascension
            (.metropole, "2025-12-24", 1, "2025-12-26"),
            (.alsaceMoselle, "2025-12-24", 1, "2025-12-29"),  // 25 and 26 December
            (.alsaceMoselle, "2025-04-17", 1, "2025-04-22"),  // Good Friday, weekend, Easter Monday
            (.metropole, "2026-12-23", 5, "2026-12-31"),  // over Christmas
            (.metropole, "2026-12-28", 5, "2027-01-05"),  // over New Year
            (.mayotte, "2026-04-24", 1, "2026-04-28"),
            (.metropole, "2026-04-24", 1, "2026-04-27"),
            (.metropole, "2026-01-02", 20, "2026-01-30"),
        ])
    func addingBusinessDays(zone: HolidayZone, start: String, count: Int, expected: String) {
        #expect(HolidayCalendar(zone: zone).adding(businessDays: count, to: day(start)) == day(expected))
    }

    @Test func aYearHasTheExpectedNumberOfBusinessDays() {
        // 2026: 261 weekdays; holidays on weekdays in Métropole: all but 15 August (Saturday)
        // and 1 November (Sunday), i.e. 9.
        let calendar = HolidayCalendar(zone: .metropole)
        let start = day("2026-01-01")
        let count = (0..<365).filter { calendar.isBusinessDay(start.adding(days: $0)) }.count
        #expect(count == 252)
    }
}
