import Testing

@testable import RelanceCore

@Suite("Local dates, times and periods")
struct LocalDateTests {
    @Test(
        "Days since the epoch",
        arguments: [
            ("1970-01-01", 0), ("1969-12-31", -1), ("2000-01-01", 10_957), ("2000-03-01", 11_017),
            ("2026-12-15", 20_802), ("2100-03-01", 47_541), ("1600-01-01", -135_140),
        ])
    func daysSinceEpoch(text: String, days: Int) {
        #expect(day(text).daysSinceEpoch == days)
        #expect(LocalDate(daysSinceEpoch: days) == day(text))
    }

    @Test func everyDayFrom1999To2101FollowsTheCalendar() {
        // Walk day by day with plain calendar rules and compare with the epoch arithmetic.
        let start = day("1999-01-01")
        var (year, month, dayOfMonth) = (1999, 1, 1)
        var mismatches: [String] = []
        for offset in 0..<(103 * 365) {
            let date = LocalDate(daysSinceEpoch: start.daysSinceEpoch + offset)
            if (date.year, date.month, date.day) != (year, month, dayOfMonth) { mismatches.append(date.description) }
            if date.daysSinceEpoch != start.daysSinceEpoch + offset { mismatches.append("epoch \(date)") }
            dayOfMonth += 1
            if dayOfMonth > LocalDate.daysIn(month: month, year: year) { (month, dayOfMonth) = (month + 1, 1) }
            if month > 12 { (year, month) = (year + 1, 1) }
        }
        #expect(mismatches.isEmpty)
        #expect(year == 2101)
    }

    @Test(
        "ISO weekdays",
        arguments: [
            ("1970-01-01", 4), ("2026-11-23", 1), ("2026-12-15", 2), ("2026-11-25", 3), ("2026-05-14", 4),
            ("2026-05-08", 5), ("2026-11-28", 6), ("2026-11-29", 7), ("2000-01-01", 6), ("1969-12-28", 7),
            ("2100-03-28", 7),
        ])
    func weekday(text: String, weekday: Int) {
        #expect(day(text).weekday == weekday)
        #expect(day(text).isWeekend == (weekday >= 6))
    }

    @Test func leapYearsAndMonthLengths() {
        #expect(LocalDate.isLeap(2000))
        #expect(LocalDate.isLeap(2024))
        #expect(!LocalDate.isLeap(1900))
        #expect(!LocalDate.isLeap(2100))
        #expect(!LocalDate.isLeap(2026))
        #expect(LocalDate.daysIn(month: 2, year: 2028) == 29)
        #expect(LocalDate.daysIn(month: 2, year: 2100) == 28)
        #expect(
            [1, 3, 4, 6, 7, 8, 9, 10, 11, 12].map { LocalDate.daysIn(month: $0, year: 2026) }
                == [31, 31, 30, 30, 31, 31, 30, 31, 30, 31])
    }

    @Test(
        "Invalid dates",
        arguments: [
            "2026-02-29", "2100-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-1-01",
            "2026/01/01", "26-01-01", "2026-01-01T", "", "2026-01", "２０２６-01-01", "+026-01-01", "2026-01-32",
        ])
    func invalidDate(text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test func arithmeticAndFormatting() {
        #expect(day("2026-12-31").adding(days: 1) == day("2027-01-01"))
        #expect(day("2028-02-28").adding(days: 1) == day("2028-02-29"))
        #expect(day("2026-03-01").adding(days: -1) == day("2026-02-28"))
        #expect(day("2026-11-28").days(until: day("2026-12-16")) == 18)
        #expect(day("2026-12-16").days(until: day("2026-11-28")) == -18)
        #expect(day("2026-01-05").description == "2026-01-05")
        #expect(LocalDate(year: 999, month: 1, day: 5)?.description == "0999-01-05")
        #expect(day("2026-12-31") < day("2027-01-01"))
        #expect(day("2026-02-28") < day("2026-03-01"))
    }

    @Test("Times of day", arguments: [("00:00", 0), ("08:00", 480), ("10:05", 605), ("23:59", 1439)])
    func timeOfDay(text: String, minutes: Int) {
        let value = time(text)
        #expect(value.minutes == minutes)
        #expect(value.description == text)
        #expect(value.hour * 60 + value.minute == minutes)
    }

    @Test(
        "Invalid times",
        arguments: ["24:00", "7:00", "07:0", "12:60", "ab:cd", "", "0800", "08:00:00", "+1:00", "-1:00"])
    func invalidTime(text: String) {
        #expect(TimeOfDay(text) == nil)
    }

    @Test func periods() {
        #expect(period("2026-11").description == "2026-11")
        #expect(period("2026-12").next == period("2027-01"))
        #expect(period("2027-01").previous == period("2026-12"))
        #expect(period("2026-11").adding(months: -11) == period("2025-12"))
        #expect(period("2026-11").adding(months: 14) == period("2028-01"))
        #expect(period("2026-11").adding(months: -24) == period("2024-11"))
        #expect(period("2026-11") < period("2026-12"))
        #expect(period("2026-12") < period("2027-01"))
        #expect(Period(containing: day("2026-02-28")) == period("2026-02"))
        #expect(period("2026-11").frenchName == "novembre 2026")
        #expect(period("2027-08").frenchName == "août 2027")
    }

    @Test(
        "Invalid periods",
        arguments: ["2026-13", "2026-00", "2026-1", "26-11", "2026/11", "2026-11-01", "", "0000-01", "２０２６-11"])
    func invalidPeriod(text: String) {
        #expect(Period(text) == nil)
    }
}
