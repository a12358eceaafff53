import RelanceCore
import RelanceStore

extension Tick {
    /// Creates the reminders of the steps that fell due (SPEC section 3): for each condition only
    /// the latest due step is pending; the ones it supersedes are expired, never sent.
    mutating func planReminders(of period: Period) throws {
        var counts = summary
        let steps = relance.configuration.steps
        try transaction { session in
            let revision = try session.membersRevision(period)
            var plans: [ReminderPlan] = []
            var superseded: [(territory: Territory, step: String)] = []
            for territory in Territory.all {
                let progress = try session.territoryProgress(period, territory)
                guard progress.opened else { continue }
                let schedule = ReminderSchedule(steps: steps, period: period, territory: territory, calendar: calendar)
                let due = schedule.due(at: now)
                for timing in due.superseded + due.current {
                    // Closing-anchored steps need the outcomes recorded at closing.
                    if timing.step.anchor == .closing && !progress.closed { continue }
                    guard try session.planRevision(period, step: timing.step.id, territory) != revision else {
                        continue
                    }
                    plans.append(
                        ReminderPlan(
                            territory: territory, step: timing.step, dueAt: timing.dueAt, expiresAt: timing.expiresAt,
                            isPending: due.current.contains(timing) && timing.expiresAt > now))
                }
                superseded += due.superseded.map { (territory, $0.step.id) }
            }
            counts.expired += try session.planReminders(
                period, plans, journal: relance.journalQuery, membersRevision: revision, now: now)
            counts.expired += try session.expireSuperseded(period, superseded, now: now)
        }
        summary = counts
    }
}
