import Testing

@testable import RelanceCore

@Suite("Opening and closing instants per territory (SPEC sections 1–2)")
struct CycleInstantTests {
    @Test(
        "Local clock",
        arguments: [
            // department, period, opening, closing
            ("75", "2026-11", "2026-11-28T00:00:00+01:00", "2026-12-16T00:00:00+01:00"),
            ("67", "2026-11", "2026-11-28T00:00:00+01:00", "2026-12-16T00:00:00+01:00"),
            ("75", "2026-03", "2026-03-28T00:00:00+01:00", "2026-04-16T00:00:00+02:00"),
            ("75", "2026-09", "2026-09-28T00:00:00+02:00", "2026-10-16T00:00:00+02:00"),
            ("75", "2026-10", "2026-10-28T00:00:00+01:00", "2026-11-16T00:00:00+01:00"),
            ("971", "2026-11", "2026-11-28T00:00:00-04:00", "2026-12-16T00:00:00-04:00"),
            ("972", "2026-11", "2026-11-28T00:00:00-04:00", "2026-12-16T00:00:00-04:00"),
            ("973", "2026-11", "2026-11-28T00:00:00-03:00", "2026-12-16T00:00:00-03:00"),
            ("974", "2026-11", "2026-11-28T00:00:00+04:00", "2026-12-16T00:00:00+04:00"),
            ("976", "2026-11", "2026-11-28T00:00:00+03:00", "2026-12-16T00:00:00+03:00"),
            ("977", "2026-11", "2026-11-28T00:00:00-04:00", "2026-12-16T00:00:00-04:00"),
            ("978", "2026-11", "2026-11-28T00:00:00-04:00", "2026-12-16T00:00:00-04:00"),
            ("975", "2026-02", "2026-02-26T00:00:00-03:00", "2026-03-16T00:00:00-02:00"),
            ("975", "2026-10", "2026-10-28T00:00:00-02:00", "2026-11-16T00:00:00-03:00"),
        ])
    func localClock(department: String, period: String, opening: String, closing: String) {
        let calendar = CycleCalendar()
        let place = territory(department)
        let open = calendar.opening(of: RelanceCoreTests.period(period), in: place)
        let close = calendar.closing(of: RelanceCoreTests.period(period), in: place)
        #expect(place.zone.format(open) == opening)
        #expect(place.zone.format(close) == closing)
        #expect(open == instant(opening))
        #expect(close == instant(closing))
    }

    @Test("Paris clock", arguments: ["75", "57", "971", "973", "974", "975", "976", "978"])
    func parisClock(department: String) {
        let calendar = CycleCalendar(clock: .paris)
        #expect(calendar.zone(for: territory(department)) == .paris)
        #expect(
            calendar.opening(of: period("2026-11"), in: territory(department)) == instant("2026-11-28T00:00:00+01:00"))
        #expect(
            calendar.closing(of: period("2026-11"), in: territory(department)) == instant("2026-12-16T00:00:00+01:00"))
        #expect(
            calendar.closing(of: period("2026-03"), in: territory(department)) == instant("2026-04-16T00:00:00+02:00"))
    }

    @Test func localClockUsesTheTerritoryZone() {
        #expect(CycleCalendar().zone(for: territory("974")).identifier == "Indian/Reunion")
        #expect(CycleCalendar().zone(for: territory("13")) == .paris)
    }

    @Test func earliestOpeningAndLatestClosing() {
        let calendar = CycleCalendar()
        // Réunion (+04:00) opens first; the Antilles (-04:00) close last.
        #expect(calendar.earliestOpening(of: period("2026-11")) == instant("2026-11-27T20:00:00Z"))
        #expect(calendar.latestClosing(of: period("2026-11")) == instant("2026-12-16T04:00:00Z"))
        let paris = CycleCalendar(clock: .paris)
        #expect(paris.earliestOpening(of: period("2026-11")) == instant("2026-11-27T23:00:00Z"))
        #expect(paris.latestClosing(of: period("2026-11")) == instant("2026-12-15T23:00:00Z"))
    }

    @Test(
        "Current or next period, local clock",
        arguments: [
            ("2026-12-10T10:00:00+01:00", "2026-11"),
            ("2026-11-20T10:00:00+01:00", "2026-11"),  // between windows: the next to open
            ("2026-11-28T00:00:00+01:00", "2026-11"),
            ("2026-12-16T02:00:00+01:00", "2026-11"),  // closed in Paris, still open in the Antilles
            ("2026-12-16T04:59:59+01:00", "2026-11"),
            ("2026-12-16T05:00:00+01:00", "2026-12"),  // closed everywhere (exclusive end)
            ("2026-12-20T10:00:00+01:00", "2026-12"),
            ("2027-01-01T00:00:00+01:00", "2026-12"),
            ("2027-01-16T12:00:00+01:00", "2027-01"),
            ("2027-03-01T12:00:00+01:00", "2027-02"),  // February window runs to 15 March
            ("2027-03-16T12:00:00+01:00", "2027-03"),
        ])
    func currentOrNextLocal(now: String, expected: String) {
        #expect(CycleCalendar().currentOrNextPeriod(at: instant(now)) == period(expected))
    }

    @Test(
        "Current or next period, Paris clock",
        arguments: [
            ("2026-12-15T23:59:59+01:00", "2026-11"),
            ("2026-12-16T00:00:00+01:00", "2026-12"),
            ("2026-12-16T02:00:00+01:00", "2026-12"),
        ])
    func currentOrNextParis(now: String, expected: String) {
        #expect(CycleCalendar(clock: .paris).currentOrNextPeriod(at: instant(now)) == period(expected))
    }

    @Test func currentOrNextHonoursOverrides() {
        let calendar = CycleCalendar(
            clock: .paris,
            overrides: [
                period("2027-04"): WindowOverride(opening: day("2027-04-28"), deadline: day("2027-05-17"))
            ])
        #expect(calendar.currentOrNextPeriod(at: instant("2027-05-17T12:00:00+02:00")) == period("2027-04"))
        #expect(calendar.currentOrNextPeriod(at: instant("2027-05-18T00:00:00+02:00")) == period("2027-05"))
        #expect(
            CycleCalendar(clock: .paris).currentOrNextPeriod(at: instant("2027-05-17T12:00:00+02:00"))
                == period("2027-05"))
    }
}
