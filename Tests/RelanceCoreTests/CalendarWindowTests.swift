import Testing

@testable import RelanceCore

@Suite("Period windows (SPEC section 2)")
struct CalendarWindowTests {
    @Test(
        "Default rule: 28th (26th in February) to the 15th of the next month",
        arguments: [
            ("2026-01", "2026-01-28", "2026-02-15", "2026-02-16"),
            ("2026-02", "2026-02-26", "2026-03-15", "2026-03-16"),
            ("2028-02", "2028-02-26", "2028-03-15", "2028-03-16"),  // leap year: still the 26th
            ("2100-02", "2100-02-26", "2100-03-15", "2100-03-16"),
            ("2026-03", "2026-03-28", "2026-04-15", "2026-04-16"),
            ("2026-11", "2026-11-28", "2026-12-15", "2026-12-16"),  // SPEC section 1 example
            ("2026-12", "2026-12-28", "2027-01-15", "2027-01-16"),  // year change
            ("2027-04", "2027-04-28", "2027-05-15", "2027-05-16"),
            ("2000-12", "2000-12-28", "2001-01-15", "2001-01-16"),
        ])
    func defaultWindow(period: String, opening: String, deadline: String, closing: String) {
        let window = CycleCalendar().window(of: RelanceCoreTests.period(period))
        #expect(window.period == RelanceCoreTests.period(period))
        #expect(window.openingDay == day(opening))
        #expect(window.deadlineDay == day(deadline))
        #expect(window.closingDay == day(closing))
    }

    @Test func weekendsAndHolidaysDoNotMoveTheDates() {
        // 28 November 2026 is a Saturday; 15 August 2027 (deadline of 2027-07) a Sunday and a holiday.
        #expect(CycleCalendar().window(of: period("2026-11")).openingDay == day("2026-11-28"))
        #expect(CycleCalendar().window(of: period("2027-07")).deadlineDay == day("2027-08-15"))
    }

    @Test func anchorsGiveTheirDays() {
        let window = CycleCalendar().window(of: period("2026-11"))
        #expect(window.day(of: .opening) == day("2026-11-28"))
        #expect(window.day(of: .deadline) == day("2026-12-15"))
        #expect(window.day(of: .closing) == day("2026-12-16"))
    }

    @Test(
        "Configured days past the end of a month fall on its last day",
        arguments: [
            (31, 29, 31, "2026-04", "2026-04-30", "2026-05-31"),
            (31, 29, 31, "2026-01", "2026-01-31", "2026-02-28"),
            (31, 29, 31, "2028-01", "2028-01-31", "2028-02-29"),
            (31, 29, 31, "2027-02", "2027-02-28", "2027-03-31"),
            (31, 29, 31, "2028-02", "2028-02-29", "2028-03-31"),
            (25, 20, 10, "2026-02", "2026-02-20", "2026-03-10"),
            (1, 1, 20, "2026-06", "2026-06-01", "2026-07-20"),
        ])
    func configuredDays(
        openingDay: Int, february: Int, deadlineDay: Int, period: String, opening: String, deadline: String
    ) {
        let calendar = CycleCalendar(openingDay: openingDay, openingDayFebruary: february, deadlineDay: deadlineDay)
        let window = calendar.window(of: RelanceCoreTests.period(period))
        #expect(window.openingDay == day(opening))
        #expect(window.deadlineDay == day(deadline))
        #expect(window.closingDay == day(deadline).adding(days: 1))
    }

    @Test func overrideReplacesOnlyItsPeriod() {
        let calendar = CycleCalendar(overrides: [
            period("2027-04"): WindowOverride(opening: day("2027-04-28"), deadline: day("2027-05-17"))
        ])
        let overridden = calendar.window(of: period("2027-04"))
        #expect(overridden.openingDay == day("2027-04-28"))
        #expect(overridden.deadlineDay == day("2027-05-17"))
        #expect(overridden.closingDay == day("2027-05-18"))
        #expect(calendar.window(of: period("2027-03")).deadlineDay == day("2027-04-15"))
        #expect(calendar.window(of: period("2027-05")).openingDay == day("2027-05-28"))
        #expect(calendar.window(of: period("2027-05")).deadlineDay == day("2027-06-15"))
    }

    @Test func overrideClosingCrossesAYear() {
        let calendar = CycleCalendar(overrides: [
            period("2026-12"): WindowOverride(opening: day("2026-12-23"), deadline: day("2026-12-31"))
        ])
        #expect(calendar.window(of: period("2026-12")).closingDay == day("2027-01-01"))
        #expect(calendar.closing(of: period("2026-12"), in: territory("75")) == instant("2027-01-01T00:00:00+01:00"))
    }

    @Test func defaultsOfTheArrete() {
        let calendar = CycleCalendar()
        #expect(calendar.openingDay == 28)
        #expect(calendar.openingDayFebruary == 26)
        #expect(calendar.deadlineDay == 15)
        #expect(calendar.clock == .local)
        #expect(calendar.overrides.isEmpty)
        #expect(CycleClock(rawValue: "paris") == .paris)
        #expect(CycleClock(rawValue: "utc") == nil)
    }
}
