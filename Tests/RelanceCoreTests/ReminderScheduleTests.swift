import Testing

@testable import RelanceCore

@Suite("Reminder schedule (SPEC section 3)")
struct ReminderScheduleTests {
    /// The example policy of SPEC section 6.
    static let policy: [Step] = [
        Step(id: "opening", anchor: .opening, offsetDays: 0, at: time("10:00"), channels: [.email]),
        Step(id: "d-5", anchor: .deadline, offsetDays: -5, at: time("10:00"), channels: [.sms, .email]),
        Step(id: "d-1", anchor: .deadline, offsetDays: -1, at: time("18:00"), channels: [.sms, .email]),
        Step(
            id: "journal", anchor: .deadline, offsetDays: -3, at: time("10:00"), channels: [.email],
            onlyIf: .journalMissing),
        Step(
            id: "missed", anchor: .closing, offsetDays: 0, at: time("10:00"), channels: [.email, .sms], onlyIf: .missed),
    ]

    static func schedule(
        _ steps: [Step] = policy, period: String = "2026-11", department: String = "75",
        calendar: CycleCalendar = CycleCalendar()
    ) -> ReminderSchedule {
        ReminderSchedule(
            steps: steps, period: RelanceCoreTests.period(period), territory: territory(department), calendar: calendar)
    }

    static func timing(_ id: String, in schedule: ReminderSchedule) -> ReminderTiming? {
        schedule.timings.first { $0.step.id == id }
    }

    @Test func defaultConditions() {
        #expect(Self.policy.map(\.onlyIf) == [.notDeclared, .notDeclared, .notDeclared, .journalMissing, .missed])
        #expect(Step(id: "x", anchor: .closing, offsetDays: 1, at: time("09:00"), channels: []).onlyIf == .missed)
        #expect(Step(id: "x", anchor: .opening, offsetDays: 1, at: time("09:00"), channels: []).onlyIf == .notDeclared)
        #expect(
            Step(id: "x", anchor: .closing, offsetDays: 0, at: time("09:00"), channels: [], onlyIf: .always).onlyIf
                == .always)
        #expect(!Self.policy[0].skipNonBusinessDays)
    }

    @Test(
        "Due and expiry instants, Paris, period 2026-11",
        arguments: [
            ("opening", "2026-11-28", "2026-11-28T10:00:00+01:00", "2026-12-16T00:00:00+01:00"),
            ("d-5", "2026-12-10", "2026-12-10T10:00:00+01:00", "2026-12-16T00:00:00+01:00"),
            ("journal", "2026-12-12", "2026-12-12T10:00:00+01:00", "2026-12-16T00:00:00+01:00"),
            ("d-1", "2026-12-14", "2026-12-14T18:00:00+01:00", "2026-12-16T00:00:00+01:00"),
            ("missed", "2026-12-16", "2026-12-16T10:00:00+01:00", "2026-12-19T10:00:00+01:00"),
        ])
    func dueAndExpiry(id: String, sendDay: String, due: String, expires: String) throws {
        let timing = try #require(Self.timing(id, in: Self.schedule()))
        #expect(timing.day == day(sendDay))
        #expect(timing.dueAt == instant(due))
        #expect(timing.expiresAt == instant(expires))
    }

    @Test func timingsAreOrderedByDueInstant() {
        #expect(Self.schedule().timings.map(\.step.id) == ["opening", "d-5", "journal", "d-1", "missed"])
    }

    @Test(
        "Local clock overseas, Paris clock for everybody",
        arguments: [
            (
                "974", CycleClock.local, "2026-11-28T10:00:00+04:00", "2026-12-16T00:00:00+04:00",
                "2026-12-19T10:00:00+04:00"
            ),
            ("971", .local, "2026-11-28T10:00:00-04:00", "2026-12-16T00:00:00-04:00", "2026-12-19T10:00:00-04:00"),
            ("975", .local, "2026-11-28T10:00:00-03:00", "2026-12-16T00:00:00-03:00", "2026-12-19T10:00:00-03:00"),
            ("974", .paris, "2026-11-28T10:00:00+01:00", "2026-12-16T00:00:00+01:00", "2026-12-19T10:00:00+01:00"),
        ])
    func territories(department: String, clock: CycleClock, opening: String, closing: String, missedExpiry: String)
        throws
    {
        let schedule = Self.schedule(department: department, calendar: CycleCalendar(clock: clock))
        let first = try #require(Self.timing("opening", in: schedule))
        #expect(first.dueAt == instant(opening))
        #expect(first.expiresAt == instant(closing))
        #expect(Self.timing("missed", in: schedule)?.expiresAt == instant(missedExpiry))
    }

    @Test(
        "Skipping non-business days",
        arguments: [
            // anchor, offset, period, department, expected send day
            (Anchor.opening, 0, "2026-11", "75", "2026-11-30"),  // Saturday 28th to Monday
            (.deadline, -3, "2026-11", "75", "2026-12-14"),  // Saturday 12th to Monday
            (.deadline, -5, "2026-11", "75", "2026-12-10"),  // already a business day
            (.deadline, -1, "2026-04", "75", "2026-05-15"),  // Ascension to Friday
            (.closing, 0, "2026-12", "75", "2027-01-18"),  // Saturday 16 January
            (.opening, -1, "2026-04", "976", "2026-04-28"),  // Mayotte abolition day
            (.opening, -1, "2026-04", "75", "2026-04-27"),
            (.opening, -8, "2027-12", "974", "2027-12-21"),  // La Réunion abolition day
            (.opening, -2, "2025-12", "57", "2025-12-29"),  // 26 December in Alsace-Moselle
            (.opening, -2, "2025-12", "75", "2025-12-26"),
        ])
    func skipNonBusinessDays(anchor: Anchor, offset: Int, period: String, department: String, expected: String) throws {
        let step = Step(
            id: "s", anchor: anchor, offsetDays: offset, at: time("09:30"), channels: [.email],
            skipNonBusinessDays: true)
        let timing = try #require(Self.schedule([step], period: period, department: department).timings.first)
        #expect(timing.day == day(expected))
        #expect(territory(department).zone.date(of: timing.dueAt) == day(expected))
        #expect(territory(department).zone.local(timing.dueAt).time == time("09:30"))
    }

    @Test func withoutSkippingTheNominalDayStays() {
        let step = Step(id: "s", anchor: .deadline, offsetDays: -3, at: time("10:00"), channels: [.email])
        #expect(Self.schedule([step]).timings.first?.day == day("2026-12-12"))
        #expect(step.nominalDay(in: CycleCalendar().window(of: period("2026-11"))) == day("2026-12-12"))
    }

    @Test func closingAnchoredStepMovedToABusinessDayExpires72HoursAfterItsDue() {
        let step = Step(
            id: "late", anchor: .closing, offsetDays: 0, at: time("10:00"), channels: [.email],
            skipNonBusinessDays: true)
        let timing = Self.schedule([step], period: "2026-12").timings.first
        #expect(timing?.dueAt == instant("2027-01-18T10:00:00+01:00"))
        #expect(timing?.expiresAt == instant("2027-01-21T10:00:00+01:00"))
    }

    @Test func dueAcrossTheSpringForwardGap() {
        // Period 2026-02 closes on 16 March; a step 13 days later at 02:30 falls in the gap of 29 March.
        let step = Step(id: "gap", anchor: .closing, offsetDays: 13, at: time("02:30"), channels: [.email])
        #expect(Self.schedule([step], period: "2026-02").timings.first?.dueAt == instant("2026-03-29T03:30:00+02:00"))
    }

    @Test func nothingIsDueBeforeTheFirstStep() {
        let due = Self.schedule().due(at: instant("2026-11-28T09:59:59+01:00"))
        #expect(due.current.isEmpty)
        #expect(due.superseded.isEmpty)
    }

    @Test(
        "Only the latest step of each condition is current",
        arguments: [
            ("2026-11-28T10:00:00+01:00", ["opening"], [String]()),
            ("2026-12-10T10:00:00+01:00", ["d-5"], ["opening"]),
            ("2026-12-12T10:00:00+01:00", ["d-5", "journal"], ["opening"]),
            ("2026-12-15T12:00:00+01:00", ["journal", "d-1"], ["opening", "d-5"]),
            ("2026-12-16T10:00:00+01:00", ["journal", "d-1", "missed"], ["opening", "d-5"]),
        ])
    func supersession(now: String, current: [String], superseded: [String]) {
        let due = Self.schedule().due(at: instant(now))
        #expect(due.current.map(\.step.id) == current)
        #expect(Set(due.superseded.map(\.step.id)) == Set(superseded))
    }

    @Test func stepsDueAtTheSameInstantAreOrderedById() {
        let steps = ["b", "a"].map {
            Step(id: $0, anchor: .opening, offsetDays: 0, at: time("10:00"), channels: [.email])
        }
        let schedule = Self.schedule(steps)
        #expect(schedule.timings.map(\.step.id) == ["a", "b"])
        let due = schedule.due(at: instant("2026-11-28T10:00:00+01:00"))
        #expect(due.current.map(\.step.id) == ["b"])
        #expect(due.superseded.map(\.step.id) == ["a"])
    }

    @Test func closingRelevanceIs72Hours() {
        #expect(ReminderSchedule.closingRelevance == 259_200)
    }
}
