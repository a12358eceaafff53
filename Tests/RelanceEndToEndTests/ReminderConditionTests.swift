import Foundation
import RelanceTestSupport
import Testing

/// Each `only_if` of SPEC section 3, and the eligibility re-check just before an attempt, on
/// period 2026-11 (window 28 November – 15 December 2026, closing 16 December). Expected outcomes
/// come from ``ReminderModel``; each test first checks the model predicts the cases it is about.
@Suite("reminder conditions, end to end")
struct ReminderConditionTests {
    static let period = "2026-11"
    static let window = SpecWindow(period)

    /// A jobseeker with an email address.
    static func jobseeker(_ id: String, _ department: String, status: String = "active") -> JobseekerFixture {
        JobseekerFixture(id: id, department: department, email: "\(id.lowercased())@example.fr", status: status)
    }

    /// 12:00 in Paris on the opening day: every territory of the tests has opened.
    static var openingTick: Date { Scenario.local("75", window.openingDay, LocalTime(12)) }

    @Test(
        "not_declared: a jobseeker who declared before the step fell due gets no reminder; one who declares after does")
    func notDeclared() throws {
        let step = PolicyStep(id: "opening", anchor: .opening, offsetDays: 0, at: LocalTime(10), channels: ["email"])
        let opening = Self.window.openingDay
        let scenario = Scenario(
            policy: Policy(steps: [step]), period: Self.period,
            jobseekers: [
                Self.jobseeker("5000001A", "75"), Self.jobseeker("5000002B", "75"), Self.jobseeker("5000003C", "974"),
                Self.jobseeker("5000004D", "75"),
            ],
            declarations: [
                Scenario.declaration("5000002B", Self.period, at: Scenario.local("75", opening, LocalTime(9))),
                Scenario.declaration("5000003C", Self.period, at: Scenario.local("974", opening, LocalTime(9, 30))),
                Scenario.declaration("5000004D", Self.period, at: Scenario.local("75", opening, LocalTime(10, 30))),
            ],
            ticks: Scenario.hourly(
                from: Scenario.local("974", opening, LocalTime(1)),
                through: Scenario.local("75", opening, LocalTime(23))))
        try #require(scenario.predicted("5000002B", "opening") == .notPlanned)
        try #require(scenario.predicted("5000003C", "opening") == .notPlanned)
        try #require(scenario.predicted("5000004D", "opening")?.state == "sent")
        try scenario.verifyReminders(in: try scenario.run())
    }

    @Test("journal_missing: only declared jobseekers who must keep a journal and have fewer than min_acts acts")
    func journalMissing() throws {
        let step = PolicyStep(
            id: "journal", anchor: .deadline, offsetDays: -3, at: LocalTime(10), channels: ["email"],
            onlyIf: .journalMissing)
        var required = Self.jobseeker("5000015Q", "75")
        required.journalRequired = true
        var exempted = Self.jobseeker("5000016R", "18")
        exempted.journalRequired = false
        let cohort = [
            Self.jobseeker("5000011L", "18"), Self.jobseeker("5000012M", "18"), Self.jobseeker("5000013N", "18"),
            Self.jobseeker("5000014P", "75"), required, exempted, Self.jobseeker("5000017S", "18"),
        ]
        let acts = ["5000011L": 0, "5000012M": 1, "5000013N": 2, "5000014P": 0, "5000015Q": 0, "5000016R": 0]
        let declared = Scenario.local("75", Self.window.openingDay.adding(days: 1), LocalTime(12))
        let due = step.due(in: Self.window, SpecTerritory(department: "75")!)
        let scenario = Scenario(
            policy: Policy(steps: [step], minActs: 2, requiredDepartments: ["18"]), period: Self.period,
            jobseekers: cohort,
            declarations: acts.map { Scenario.declaration($0.key, Self.period, at: declared, acts: $0.value) },
            ticks: [Self.openingTick] + Scenario.ticks(around: [due]))
        // Fewer acts than min_acts where the journal is required (by department or by the column): sent.
        for id in ["5000011L", "5000012M", "5000015Q"] {
            try #require(scenario.predicted(id, "journal")?.state == "sent")
        }
        // Enough acts, not required, exempted, or not declared at all: nothing.
        for id in ["5000013N", "5000014P", "5000016R", "5000017S"] {
            try #require(scenario.predicted(id, "journal") == .notPlanned)
        }
        try scenario.verifyReminders(in: try scenario.run())
    }

    @Test("missed: the closing-anchored step goes only to jobseekers who missed, and not after a late declaration")
    func missed() throws {
        let step = PolicyStep(
            id: "missed", anchor: .closing, offsetDays: 0, at: LocalTime(10), channels: ["email", "sms"])
        let closing = Self.window.closingDay
        let scenario = Scenario(
            policy: Policy(steps: [step]), period: Self.period,
            jobseekers: ["5000021W", "5000022X", "5000023Y", "5000024Z"].map { Self.jobseeker($0, "75") }
                + [Self.jobseeker("50000250", "971")],
            declarations: [
                Scenario.declaration("5000022X", Self.period, at: Scenario.local("75", Day(2026, 12, 1), LocalTime(9))),
                Scenario.declaration("5000023Y", Self.period, at: Scenario.local("75", closing, LocalTime(9))),
                Scenario.declaration("5000024Z", Self.period, at: Scenario.local("75", closing, LocalTime(11))),
            ],
            ticks: [Self.openingTick]
                + Scenario.hourly(
                    from: Scenario.local("75", closing, LocalTime(0)),
                    through: Scenario.local("971", closing, LocalTime(12))))
        try #require(scenario.predicted("5000021W", "missed")?.state == "sent")
        try #require(scenario.predicted("50000250", "missed")?.state == "sent")
        try #require(scenario.predicted("5000022X", "missed") == .notPlanned)
        try #require(scenario.predicted("5000023Y", "missed") == .notPlanned)
        try #require(scenario.predicted("5000024Z", "missed")?.state == "sent")
        let sandbox = try scenario.run()
        try scenario.verifyReminders(in: sandbox)
        // Both declarations made after closing count as late, whatever the reminder did.
        let lateDeclarations = scenario.declarations.filter { record in
            let jobseeker = scenario.jobseekers.first { $0.id == record.jobseekerID }!
            return record.declaredAt >= Self.window.closing(in: SpecTerritory(department: jobseeker.department)!)
        }
        let status = try #require(try sandbox.periods(at: scenario.end).first)
        #expect(status.late == lateDeclarations.count)
    }

    @Test("always: declared or not, every active jobseeker gets the step; suspended and left ones do not")
    func always() throws {
        let step = PolicyStep(
            id: "information", anchor: .deadline, offsetDays: -2, at: LocalTime(10), channels: ["email"],
            onlyIf: .always)
        let scenario = Scenario(
            policy: Policy(steps: [step]), period: Self.period,
            jobseekers: [
                Self.jobseeker("5000031G", "75"), Self.jobseeker("5000032H", "57"),
                Self.jobseeker("5000033J", "75", status: "suspended"), Self.jobseeker("5000034K", "75", status: "left"),
            ],
            declarations: [
                Scenario.declaration("5000031G", Self.period, at: Scenario.local("75", Day(2026, 12, 1), LocalTime(9)))
            ],
            ticks: [Self.openingTick]
                + Scenario.ticks(around: [step.due(in: Self.window, SpecTerritory(department: "75")!)]))
        try #require(scenario.predicted("5000031G", "information")?.state == "sent")
        try #require(scenario.predicted("5000032H", "information")?.state == "sent")
        try #require(scenario.predicted("5000033J", "information") == .notPlanned)
        try #require(scenario.predicted("5000034K", "information") == .notPlanned)
        try scenario.verifyReminders(in: try scenario.run())
    }

    /// A step due at 07:00, before the 08:00 send window, is planned at 07:00 and waits; at 07:30
    /// something makes it irrelevant for one of two jobseekers. At 08:00 that one must be
    /// `skipped`, the other one sent (SPEC 3, "eligibility is re-checked just before each attempt").
    struct Recheck: Sendable, CustomTestStringConvertible {
        var name: String
        var step: PolicyStep
        var department = "75"
        /// What happens to the subject at 07:30 on the due day.
        var change: @Sendable (_ subject: String, _ at: Date) -> (DeclarationRecord?, StatusChange?)
        /// Declarations of both jobseekers before the due day.
        var declaredEarly = false

        var testDescription: String { name }
    }

    static let rechecks = [
        Recheck(
            name: "not_declared, then the jobseeker declares",
            step: PolicyStep(id: "matin", anchor: .deadline, offsetDays: -5, at: LocalTime(7), channels: ["email"]),
            change: { subject, at in (Scenario.declaration(subject, period, at: at), nil) }),
        Recheck(
            name: "journal_missing, then the jobseeker adds an act",
            step: PolicyStep(
                id: "journal-matin", anchor: .deadline, offsetDays: -3, at: LocalTime(7), channels: ["email"],
                onlyIf: .journalMissing),
            department: "18",
            change: { subject, at in
                (
                    DeclarationRecord(
                        jobseekerID: subject, period: period, declaredAt: earlyDeclaration, recordedAt: at, acts: 1),
                    nil
                )
            },
            declaredEarly: true),
        Recheck(
            name: "missed, then the jobseeker declares late",
            step: PolicyStep(
                id: "relance-matin", anchor: .closing, offsetDays: 0, at: LocalTime(7), channels: ["email"]),
            change: { subject, at in (Scenario.declaration(subject, period, at: at), nil) }),
        Recheck(
            name: "always, then the jobseeker is suspended",
            step: PolicyStep(
                id: "info-matin", anchor: .deadline, offsetDays: -5, at: LocalTime(7), channels: ["email"],
                onlyIf: .always),
            change: { subject, at in (nil, StatusChange(jobseekerID: subject, status: "suspended", at: at)) }),
    ]

    /// The day after the opening, at noon in Paris.
    static var earlyDeclaration: Date { Scenario.local("75", window.openingDay.adding(days: 1), LocalTime(12)) }

    @Test("a reminder waiting for the send window is skipped if it stopped applying meanwhile", arguments: rechecks)
    func eligibilityIsRecheckedBeforeTheAttempt(_ recheck: Recheck) throws {
        let (subject, control) = ("5000041S", "5000042T")
        let territory = SpecTerritory(department: recheck.department)!
        let due = recheck.step.due(in: Self.window, territory)
        let (declaration, statusChange) = recheck.change(subject, due.addingTimeInterval(30 * 60))
        let early =
            recheck.declaredEarly
            ? [subject, control].map { Scenario.declaration($0, Self.period, at: Self.earlyDeclaration) } : []
        let scenario = Scenario(
            policy: Policy(steps: [recheck.step]), period: Self.period,
            jobseekers: [Self.jobseeker(subject, recheck.department), Self.jobseeker(control, recheck.department)],
            declarations: early + [declaration].compactMap { $0 }, statusChanges: [statusChange].compactMap { $0 },
            ticks: [Self.openingTick, Self.window.closing(in: territory)] + Scenario.ticks(around: [due], hours: -1...2)
        )
        let attempt = due.addingTimeInterval(3600)
        try #require(territory.local(attempt).time == LocalTime(8))
        try #require(scenario.predicted(subject, recheck.step.id) == .skipped(at: attempt))
        try #require(scenario.predicted(control, recheck.step.id) == .sent(channel: "email", at: attempt))
        try scenario.verifyReminders(in: try scenario.run())
    }
}
