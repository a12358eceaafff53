import RelanceCore
import RelanceStore

extension Tick {
    var calendar: CycleCalendar { relance.configuration.cycle }

    /// Starts tracking the periods that opened since the last tick and returns the unfinished ones.
    ///
    /// The first tick on a new database starts with the period whose window contains now, or
    /// else the next one: periods that closed before relance was deployed are never handled.
    mutating func trackPeriods() throws -> [Period] {
        var periods: [Period] = []
        try transaction { session in
            let latest = try session.latestPeriod()
            var period = latest?.next ?? calendar.currentOrNextPeriod(at: now)
            if latest == nil {
                try session.trackPeriod(period)
                // Deployed while the window is still open somewhere: the territories where it has
                // already closed are never opened, closed or escalated.
                for territory in Territory.all where calendar.closing(of: period, in: territory) <= now {
                    try session.recordClosedBeforeDeployment(
                        period, territory, closingAt: calendar.closing(of: period, in: territory), now: now)
                }
            }
            while calendar.earliestOpening(of: period) <= now {
                try session.trackPeriod(period)
                period = period.next
            }
            periods = try session.activePeriods()
        }
        return periods
    }

    /// Opens, closes, escalates and plans the reminders of one period, territory by territory.
    mutating func advanceCycle(of period: Period) throws {
        let window = calendar.window(of: period)
        let journal = relance.journalQuery
        var counts = summary
        try transaction { session in
            var opened: [Territory] = []
            var toOpen: [Territory] = []
            for territory in Territory.all {
                let progress = try session.territoryProgress(period, territory)
                if progress.opened {
                    opened.append(territory)
                } else if !progress.closed && calendar.opening(of: period, in: territory) <= now {
                    toOpen.append(territory)
                }
            }
            _ = try session.syncMembers(period, openingDay: window.openingDay, openTerritories: opened)
            for territory in toOpen {
                let members = try session.openTerritory(
                    period, territory, openingDay: window.openingDay,
                    closingAt: calendar.closing(of: period, in: territory), now: now)
                relance.logger.debug(
                    "window opened",
                    metadata: [
                        "period": "\(period)", "territory": "\(territory.key)",
                        "members": "\(members)",
                    ])
            }
            if try session.periodState(period) == "upcoming" && !toOpen.isEmpty {
                try session.setPeriodState(period, "open", at: now)
                counts.opened += 1
                relance.logger.info("period opened", metadata: ["period": "\(period)"])
            }
        }
        summary = counts
        for territory in Territory.all {
            try closeIfDue(period, territory, journal: journal)
        }
        try planReminders(of: period)
        try finishIfDone(period)
    }

    private mutating func closeIfDue(_ period: Period, _ territory: Territory, journal: JournalQuery) throws {
        let closing = calendar.closing(of: period, in: territory)
        guard closing <= now else { return }
        var counts = summary
        try transaction { session in
            let progress = try session.territoryProgress(period, territory)
            guard progress.opened, !progress.closed else { return }
            let outcomes = try session.closeTerritory(
                period, territory, closingAt: closing, journal: journal, now: now)
            counts.declared += outcomes.declared
            counts.missed += outcomes.missed
            counts.journalMissing += outcomes.journalMissing
            counts.casesOpened += try escalate(period, territory, session: session)
            let closedEverywhere = try Territory.all.allSatisfy { try session.territoryProgress(period, $0).closed }
            if closedEverywhere && calendar.latestClosing(of: period) <= now {
                try session.setPeriodState(period, "closed", at: now)
                counts.closed += 1
                relance.logger.info("period closed", metadata: ["period": "\(period)"])
            }
        }
        summary = counts
    }

    /// Opens or extends cases for the members of a territory that just closed (SPEC section 4).
    private func escalate(_ period: Period, _ territory: Territory, session: StoreSession) throws -> Int {
        let policy = relance.configuration.escalation.policy
        let holidays = HolidayCalendar(zone: territory.holidayZone)
        let closingDay = calendar.window(of: period).closingDay
        let dueOn = holidays.adding(businessDays: relance.configuration.escalation.slaBusinessDays, to: closingDay)
        let openedOn = territory.zone.date(of: now)
        var opened = 0
        for candidate in try session.escalationCandidates(period, territory) {
            guard let rule = policy.firstMatch(candidate.streaks) else { continue }
            if let existing = candidate.openCase {
                try session.addReason(case: existing.id, period: period, reason: rule.condition, rule: rule.id)
                if rule.route > existing.route { try session.raiseRoute(case: existing.id, to: rule.route, now: now) }
            } else {
                let id = try session.openCase(
                    jobseeker: candidate.jobseekerID, route: rule.route, advisor: candidate.advisor,
                    agency: candidate.agency, openedOn: openedOn, dueOn: dueOn, now: now)
                try session.addReason(case: id, period: period, reason: rule.condition, rule: rule.id)
                opened += 1
            }
        }
        return opened
    }

    /// A period is finished once closed everywhere and no reminder of it can still fall due or be pending.
    private mutating func finishIfDone(_ period: Period) throws {
        let lastDue =
            Territory.all.flatMap { territory in
                ReminderSchedule(
                    steps: relance.configuration.steps, period: period, territory: territory, calendar: calendar
                )
                .timings.map(\.expiresAt)
            }.max() ?? calendar.latestClosing(of: period)
        guard max(lastDue, calendar.latestClosing(of: period)) <= now else { return }
        try transaction { session in
            guard try session.periodState(period) == "closed", try session.pendingCount(period) == 0 else { return }
            try session.setPeriodState(period, "finished", at: now)
        }
    }
}
