import Foundation
import RelanceTestSupport
import Testing

/// When reminders leave (SPEC section 3): business days of the jobseeker's zone, the send
/// window, and relevance (expiry). Expected outcomes come from ``ReminderModel``.
@Suite("reminder timing, end to end")
struct ReminderTimingTests {
    /// A step with `skip_non_business_days` whose nominal day is not a business day in some zones.
    struct BusinessDayCase: Sendable, CustomTestStringConvertible {
        var name: String
        var period: String
        var step: PolicyStep
        var departments: [String]
        /// The departments where the nominal day is not a business day.
        var moved: Set<String>

        var testDescription: String { name }
    }

    static func skipping(_ anchor: PolicyStep.Anchor, _ offset: Int) -> PolicyStep {
        PolicyStep(
            id: "ouvre", anchor: anchor, offsetDays: offset, at: LocalTime(10), channels: ["email"],
            skipNonBusinessDays: true)
    }

    static let businessDayCases = [
        BusinessDayCase(
            name: "2027-04 closing + 11 is 27 May 2027: a holiday in Guadeloupe only", period: "2027-04",
            step: skipping(.closing, 11), departments: ["75", "971"], moved: ["971"]),
        BusinessDayCase(
            name: "2027-02 closing + 10 is Good Friday 2027: a holiday in Alsace-Moselle only, then Easter Monday",
            period: "2027-02", step: skipping(.closing, 10), departments: ["75", "57"], moved: ["57"]),
        BusinessDayCase(
            name: "2027-11 closing + 4 is 20 December 2027: a holiday in La Réunion only", period: "2027-11",
            step: skipping(.closing, 4), departments: ["75", "974"], moved: ["974"]),
        BusinessDayCase(
            name: "2026-11 opens on Saturday 28 November 2026: moved to Monday everywhere", period: "2026-11",
            step: skipping(.opening, 0), departments: ["75", "974", "971"], moved: ["75", "974", "971"]),
    ]

    @Test(
        "skip_non_business_days moves the send day to the next business day of the jobseeker's zone",
        arguments: businessDayCases)
    func nextBusinessDayOfTheZone(_ example: BusinessDayCase) throws {
        let window = SpecWindow(example.period)
        var nominal = example.step
        nominal.skipNonBusinessDays = false
        let jobseekers = example.departments.enumerated().map { index, department in
            JobseekerFixture(id: "600000\(index)A", department: department, email: "ouvre\(index)@example.fr")
        }
        var instants: [Date] = []
        for jobseeker in jobseekers {
            let territory = SpecTerritory(department: jobseeker.department)!
            let moved = example.step.day(in: window, territory) != nominal.day(in: window, territory)
            try #require(moved == example.moved.contains(jobseeker.department), "\(jobseeker.department)")
            instants += [
                nominal.due(in: window, territory), example.step.due(in: window, territory),
                window.opening(in: territory), window.closing(in: territory),
            ]
        }
        let scenario = Scenario(
            policy: Policy(steps: [example.step]), period: example.period, jobseekers: jobseekers,
            ticks: Scenario.ticks(around: instants))
        for jobseeker in jobseekers {
            let due = example.step.due(in: window, SpecTerritory(department: jobseeker.department)!)
            try #require(scenario.predicted(jobseeker.id, example.step.id) == .sent(channel: "email", at: due))
        }
        try scenario.verifyReminders(in: try scenario.run())
    }

    /// The missed reminder of 2026-11 is due on 16 December at 10:00; relance was down from
    /// 15 December until `outageEnd` hours after it fell due.
    @Test(
        "a closing-anchored reminder is still sent 71 hours after it fell due, and expires at 72",
        arguments: [71, 72, 96])
    func closingReminderExpiresAfter72Hours(outageEnd hours: Int) throws {
        let window = SpecWindow("2026-11")
        let step = PolicyStep(id: "missed", anchor: .closing, offsetDays: 0, at: LocalTime(10), channels: ["email"])
        let territory = SpecTerritory(department: "75")!
        let due = step.due(in: window, territory)
        let back = due.addingTimeInterval(Double(hours) * 3600)
        let scenario = Scenario(
            policy: Policy(steps: [step]), period: "2026-11",
            jobseekers: [JobseekerFixture(id: "6000010A", department: "75", email: "panne@example.fr")],
            ticks: [
                Scenario.local("75", window.openingDay, LocalTime(12)),
                Scenario.local("75", window.deadlineDay, LocalTime(12)), back,
            ])
        try #require(step.expiry(in: window, territory) == due.addingTimeInterval(72 * 3600))
        try #require(
            scenario.predicted("6000010A", "missed") == (hours < 72 ? .sent(channel: "email", at: back) : .expired))
        try scenario.verifyReminders(in: try scenario.run())
    }

    /// Steps due at 06:30 and 21:00 wait for the 08:00–20:00 window of the jobseeker's zone; one
    /// due at 21:00 on the deadline day would wait past closing, so it expires unsent.
    @Test("outside the send window a reminder waits for it, unless it expires first")
    func sendWindow() throws {
        let window = SpecWindow("2026-11")
        let steps = [
            PolicyStep(id: "aube", anchor: .deadline, offsetDays: -5, at: LocalTime(6, 30), channels: ["email"]),
            PolicyStep(id: "soir", anchor: .deadline, offsetDays: -4, at: LocalTime(21), channels: ["email"]),
            PolicyStep(id: "trop-tard", anchor: .deadline, offsetDays: 0, at: LocalTime(21), channels: ["email"]),
        ]
        let jobseekers = ["75", "974", "971"].enumerated().map { index, department in
            JobseekerFixture(id: "600002\(index)B", department: department, email: "fenetre\(index)@example.fr")
        }
        let territories = jobseekers.map { SpecTerritory(department: $0.department)! }
        let scenario = Scenario(
            policy: Policy(steps: steps), period: "2026-11", jobseekers: jobseekers,
            ticks: Scenario.ticks(
                around: territories.flatMap { territory in
                    steps.map { $0.due(in: window, territory) } + [
                        window.opening(in: territory), window.closing(in: territory),
                    ]
                }, hours: -1...13))
        for jobseeker in jobseekers {
            let territory = SpecTerritory(department: jobseeker.department)!
            for step in steps.prefix(2) {
                guard case .sent(_, let at)? = scenario.predicted(jobseeker.id, step.id) else {
                    Issue.record("\(jobseeker.id)/\(step.id) should be sent")
                    continue
                }
                try #require(territory.local(at).time == LocalTime(8))
            }
            try #require(scenario.predicted(jobseeker.id, "trop-tard") == .expired)
        }
        let sandbox = try scenario.run()
        try scenario.verifyReminders(in: sandbox)
        for row in try sandbox.reminders(at: scenario.end) where row.state == "sent" {
            let time = String(row.sentAt?.dropFirst(11).prefix(5) ?? "")
            #expect("08:00" <= time && time < "20:00", "\(row.key) left at \(row.sentAt ?? "-") local time")
        }
    }

    /// Paris leaves summer time on Sunday 25 October 2026 at 03:00+02:00, so 02:30 happens twice
    /// that night: RFC 5545 takes the first occurrence (02:30+02:00); the step then waits for the
    /// send window, which opens at 08:00+01:00.
    @Test("a step at a local time that happens twice falls due at its first occurrence")
    func repeatedLocalTime() throws {
        let window = SpecWindow("2026-09")
        let step = PolicyStep(id: "nuit", anchor: .closing, offsetDays: 9, at: LocalTime(2, 30), channels: ["email"])
        let paris = SpecTerritory(department: "75")!
        let due = step.due(in: window, paris)
        try #require(step.day(in: window, paris) == Day(2026, 10, 25))
        try #require(
            paris.offsetText(at: due) == "+02:00" && paris.offsetText(at: due.addingTimeInterval(3600)) == "+01:00")
        let scenario = Scenario(
            policy: Policy(steps: [step]), period: "2026-09",
            jobseekers: [JobseekerFixture(id: "6000030C", department: "75", email: "heure@example.fr")],
            ticks: [window.opening(in: paris), window.closing(in: paris)] + Scenario.ticks(around: [due], hours: -1...9)
        )
        let sandbox = try scenario.run()
        try scenario.verifyReminders(in: sandbox)
        let row = try #require(try sandbox.reminders(at: scenario.end).first)
        #expect(row.dueAt == "2026-10-25T02:30:00+02:00")
        #expect(row.sentAt == "2026-10-25T08:00:00+01:00")
    }
}
