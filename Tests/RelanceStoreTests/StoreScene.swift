import Foundation
import RelanceCore
import RelanceStore

/// A fresh database in a temporary folder, driven through the store's interface only, as the
/// engine drives it: the store's behaviours are checked without the executable, the
/// configuration or a tick around them.
final class StoreScene {
    let folder: String
    let store: Store
    let calendar = CycleCalendar()
    let period = Period(year: 2026, month: 11)!
    let territory = Territory(department: "75")!
    let journal = JournalQuery(minActs: 1, obligations: JournalObligations([]))

    init() throws {
        folder = NSTemporaryDirectory() + "relance-store-" + UUID().uuidString
        store = try Store(path: folder + "/relance.sqlite")
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// A scene whose active jobseekers `ids` are members of the opened period.
    static func opened(with ids: [String]) throws -> StoreScene {
        let scene = try StoreScene()
        try scene.addJobseekers(ids)
        try scene.openPeriod()
        return scene
    }

    /// The opening and closing instants of the period in Paris.
    var opening: Instant { calendar.opening(of: period, in: territory) }
    var closing: Instant { calendar.closing(of: period, in: territory) }

    /// The period after the scene's.
    var nextPeriod: Period { period.next }

    /// Jobseekers of department 75, registered long before the period, with an email.
    func addJobseekers(_ ids: [String], status: JobseekerStatus = .active) throws {
        try store.write { session in
            let revision = try session.beginJobseekerImport()
            for id in ids {
                var record = JobseekerRecord(id: id, department: "75", territory: territory, status: status)
                record.email = "\(id.lowercased())@example.fr"
                record.registeredOn = LocalDate(year: 2025, month: 1, day: 6)!
                _ = try session.upsert(record, today: LocalDate(year: 2026, month: 11, day: 20)!, revision: revision)
            }
        }
    }

    /// Opens a period (the scene's by default) in Paris's territory for every jobseeker, in one
    /// chunk.
    func openPeriod(_ period: Period? = nil) throws {
        let period = period ?? self.period
        let opening = calendar.opening(of: period, in: territory)
        let closing = calendar.closing(of: period, in: territory)
        try store.write { session in
            try session.trackPeriod(period)
            let day = calendar.window(of: period).openingDay
            _ = try session.syncMembers(period, openingDay: day, openTerritories: [])
            try session.startOpening(period, [(territory, closing)])
            try session.setPeriodState(period, .open, at: opening)
            let chunk = try session.jobseekerChunk(after: nil, size: 1_000)
            _ = try session.openTerritories(period, [territory], chunk: chunk, openingDay: day)
            try session.finishOpening(period, [territory], now: opening)
        }
    }

    /// Closes a period (the scene's by default) and escalates with `policy`, in chunks of `size`
    /// members.
    func closePeriod(_ period: Period? = nil, policy: EscalationPolicy, size: Int = 1_000) throws -> ClosingCounts {
        let period = period ?? self.period
        let now = calendar.closing(of: period, in: territory).adding(seconds: 3_600)
        let holidays = HolidayCalendar(zone: territory.holidayZone)
        let place = EscalationPlace(
            territory: territory, openedOn: territory.zone.date(of: now),
            dueOn: holidays.adding(businessDays: 5, to: calendar.window(of: period).closingDay))
        var total = ClosingCounts()
        var after: String?
        while true {
            let (counts, through) = try store.write { session in
                let chunk = try session.memberChunk(period, after: after, size: size)
                let counts = try session.closeAndEscalate(
                    period, [place], chunk: chunk, journal: journal, policy: policy, now: now)
                if chunk.through == nil { try session.finishClosing(period, [territory], now: now) }
                return (counts, chunk.through)
            }
            total.declared += counts.declared
            total.missed += counts.missed
            total.journalMissing += counts.journalMissing
            total.casesOpened += counts.casesOpened
            guard let through else { return total }
            after = through
        }
    }
}

extension StoreScene {
    /// The opening step, by email, due at the window's opening until its closing.
    var openingStep: Step {
        Step(id: "opening", anchor: .opening, offsetDays: 0, at: TimeOfDay(hour: 10, minute: 0)!, channels: [.email])
    }

    /// Creates the opening reminders of every member, pending from the opening.
    func planOpeningReminders() throws {
        let plan = ReminderPlan(
            territory: territory, step: openingStep, dueAt: opening, expiresAt: closing, isPending: true)
        try store.write { session in
            let chunk = try session.memberChunk(period, after: nil, size: 1_000)
            try session.planReminders(period, [plan], chunk: chunk, journal: journal, now: opening)
            try session.recordPlans(period, [plan], membersRevision: try session.membersRevision(period), now: opening)
        }
    }

    /// Each reminder's state, by jobseeker.
    func reminderStates() throws -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: try store.read { try $0.reminders(period: period, jobseeker: nil, state: nil) }
                .map { ($0.jobseekerID, $0.state) })
    }
}
