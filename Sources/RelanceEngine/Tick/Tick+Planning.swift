import RelanceCore
import RelanceStore

extension Tick {
    /// Creates the reminders of the steps that fell due (SPEC section 3): for each condition only
    /// the latest due step is pending; the ones it supersedes are expired, never sent. The
    /// reminders are created in transactions of at most ``Relance/chunkSize`` members, so that
    /// other writers never wait long; the plans are recorded with the last chunk (a tick killed
    /// before creates the chunks again, which changes nothing: reminders that exist are kept).
    mutating func planReminders(of period: Period) throws {
        var counts = summary
        let steps = relance.configuration.steps
        var revision = 0
        var plans: [ReminderPlan] = []
        var superseded: [(territory: Territory, step: String)] = []
        var expiredBefore = 0
        try transaction { session in
            revision = try session.membersRevision(period)
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
            if plans.isEmpty {
                counts.expired += try session.expireSuperseded(period, superseded, now: now)
            } else {
                expiredBefore = try session.expiredCount(period, of: plans)
            }
        }
        guard !plans.isEmpty else {
            summary = counts
            return
        }
        var after: String?
        try inChunks { session, size in
            let chunk = try session.memberChunk(period, after: after, size: size)
            try session.planReminders(period, plans, chunk: chunk, journal: relance.journalQuery, now: now)
            after = chunk.through
            guard chunk.isLast else { return false }
            try session.recordPlans(period, plans, membersRevision: revision, now: now)
            counts.expired += try session.expiredCount(period, of: plans) - expiredBefore
            counts.expired += try session.expireSuperseded(period, superseded, now: now)
            return true
        }
        summary = counts
    }
}
