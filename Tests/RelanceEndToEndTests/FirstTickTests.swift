import Foundation
import RelanceTestSupport
import Testing

/// The first tick on a new database (SPEC section 8): it starts with the period whose window
/// contains now, or else the next one; periods that closed before relance was deployed are never
/// opened, closed or escalated.
@Suite("first tick on a new database, end to end")
struct FirstTickTests {
    static let cohort = [
        JobseekerFixture(id: "9100001A", department: "75", email: "paris@example.fr"),
        JobseekerFixture(id: "9100002B", department: "971", email: "guadeloupe@example.fr"),
    ]
    static let window = SpecWindow("2026-11")

    static func territory(_ jobseeker: JobseekerFixture) -> SpecTerritory {
        SpecTerritory(department: jobseeker.department)!
    }

    /// A sandbox with the cohort, imported on 10 December 2026.
    static func sandbox() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.importJobseekers(cohort, at: Scenario.local("75", Day(2026, 12, 10), LocalTime(10)).iso)
        return sandbox
    }

    @Test("deployed after a period closed everywhere: it is never opened, closed or escalated")
    func periodClosedBeforeDeployment() throws {
        let sandbox = try Self.sandbox()
        let deployed = Scenario.local("75", Self.window.closingDay.adding(days: 4), LocalTime(12))
        try #require(Self.cohort.allSatisfy { Self.window.closing(in: Self.territory($0)) < deployed })
        let next = SpecWindow("2026-12")
        let opened = Scenario.local("75", next.openingDay, LocalTime(12))
        for now in [deployed, opened] { _ = try sandbox.tick(at: now.iso) }
        let periods = try sandbox.periods(at: opened.iso)
        #expect(periods.map(\.period) == [next.period])
        #expect(periods.first?.jobseekers == Self.cohort.count)
        #expect(try sandbox.cases(at: opened.iso).isEmpty)
        let reminders = try sandbox.reminders(at: opened.iso)
        #expect(!reminders.isEmpty && reminders.allSatisfy { $0.period == next.period }, "\(reminders.map(\.key))")
    }

    /// At 01:00 in Paris on 16 December 2026 the window of 2026-11 has closed in metropolitan
    /// France but is still open in Guadeloupe (UTC-4) until 05:00 Paris time.
    @Test("deployed between two territories' closings: only the territory still open is tracked")
    func deployedBetweenClosings() throws {
        let sandbox = try Self.sandbox()
        let (paris, guadeloupe) = (Self.cohort[0], Self.cohort[1])
        let deployed = Scenario.local("75", Self.window.closingDay, LocalTime(1))
        try #require(Self.window.closing(in: Self.territory(paris)) < deployed)
        try #require(deployed < Self.window.closing(in: Self.territory(guadeloupe)))
        let later = Scenario.local("75", Self.window.closingDay, LocalTime(12))
        for now in [deployed, later] { _ = try sandbox.tick(at: now.iso) }
        let cases = try sandbox.cases(at: later.iso)
        #expect(cases.map(\.jobseekerID) == [guadeloupe.id], "cases: \(cases)")
        let reminders = try sandbox.reminders(at: later.iso)
        #expect(
            !reminders.isEmpty && reminders.allSatisfy { $0.jobseekerID == guadeloupe.id }, "\(reminders.map(\.key))")
    }
}
