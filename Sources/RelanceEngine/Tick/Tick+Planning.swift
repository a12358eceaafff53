import RelanceCore
import RelanceStore

extension Tick {
    /// Creates the reminders of the steps that fell due (SPEC section 3): for each condition only
    /// the latest due step is pending; the ones it supersedes are expired, never sent.
    mutating func planReminders(of period: Period) throws {
        var counts = summary
        let steps = relance.configuration.steps
        let journal = relance.journalQuery
        try transaction { session in
            let revision = try session.membersRevision(period)
            for territory in Territory.all {
                let progress = try session.territoryProgress(period, territory)
                guard progress.opened else { continue }
                let schedule = ReminderSchedule(steps: steps, period: period, territory: territory, calendar: calendar)
                let (current, superseded) = schedule.due(at: now)
                for timing in superseded + current {
                    // Closing-anchored steps need the outcomes recorded at closing.
                    if timing.step.anchor == .closing && !progress.closed { continue }
                    guard try session.planRevision(period, step: timing.step.id, territory) != revision else {
                        continue
                    }
                    let isCurrent = current.contains(timing) && timing.expiresAt > now
                    let created = try session.planReminders(
                        period, territory, step: timing.step, timing: (timing.dueAt, timing.expiresAt),
                        state: isCurrent ? "pending" : "expired", journal: journal, membersRevision: revision, now: now)
                    if !isCurrent { counts.expired += created }
                }
                counts.expired += try session.expireSuperseded(
                    period, territory, steps: superseded.map(\.step.id), now: now)
            }
        }
        summary = counts
    }
}
