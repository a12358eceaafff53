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

    /// Opens, closes, escalates and plans the reminders of one period, in every territory where it is due.
    mutating func advanceCycle(of period: Period) throws {
        try openDueTerritories(of: period)
        try closeDueTerritories(of: period)
        try planReminders(of: period)
        try finishIfDone(period)
    }

    /// Adds new jobseekers to the territories already open, then opens the window where it is due:
    /// its members are added in transactions of at most ``Relance/chunkSize`` jobseekers, and the
    /// territories recorded opened with the last one (a tick killed before opens them again,
    /// keeping the members already added).
    private mutating func openDueTerritories(of period: Period) throws {
        let window = calendar.window(of: period)
        var counts = summary
        var toOpen: [(territory: Territory, closingAt: Instant)] = []
        try transaction { session in
            var opened: [Territory] = []
            for territory in Territory.all {
                let progress = try session.territoryProgress(period, territory)
                if progress.opened {
                    opened.append(territory)
                } else if !progress.closed && calendar.opening(of: period, in: territory) <= now {
                    toOpen.append((territory, calendar.closing(of: period, in: territory)))
                }
            }
            _ = try session.syncMembers(period, openingDay: window.openingDay, openTerritories: opened)
            guard !toOpen.isEmpty else { return }
            try session.startOpening(period, toOpen)
            if try session.periodState(period) == .upcoming {
                try session.setPeriodState(period, .open, at: now)
                counts.opened += 1
                relance.logger.info(
                    said("period opened", dryRun: "period would open"), metadata: ["period": "\(period)"])
            }
        }
        let territories = toOpen.map(\.territory)
        var after: String?
        var members = 0
        if !territories.isEmpty {
            try inChunks { session, size in
                let chunk = try session.jobseekerChunk(after: after, size: size)
                members += try session.openTerritories(
                    period, territories, chunk: chunk, openingDay: window.openingDay)
                after = chunk.through
                guard chunk.isLast else { return false }
                try session.finishOpening(period, territories, now: now)
                return true
            }
            relance.logger.debug(
                "window opened",
                metadata: [
                    "period": "\(period)", "territories": "\(territories.map(\.key).joined(separator: ","))",
                    "members": "\(members)",
                ])
        }
        summary = counts
    }

    /// Closes the window where it closed since the last tick: records the outcomes and escalates,
    /// in transactions of at most ``Relance/chunkSize`` members each (in key order), so that
    /// other writers (the HTTP interface) never wait long. Each chunk's outcomes, streaks and cases
    /// are committed with the key it reached: a tick that stops or dies mid-closing leaves the next
    /// one to go on after that key, with the same results as a closing in one go.
    private mutating func closeDueTerritories(of period: Period) throws {
        let due = Territory.all.filter { calendar.closing(of: period, in: $0) <= now }
        guard !due.isEmpty else { return }
        var counts = summary
        try inChunks(stoppable: true) { session, size in
            let closing = try due.filter {
                let progress = try session.territoryProgress(period, $0)
                return progress.opened && !progress.closed
            }
            guard let first = closing.first else { return true }
            // The territories whose closing has reached the same key go on together (all of
            // them, unless a crash left one behind while more fell due).
            let reached = try session.closedThrough(period, first)
            let territories = try closing.filter { try session.closedThrough(period, $0) == reached }
            let chunk = try session.memberChunk(period, after: reached, size: size)
            let outcomes = try session.closeAndEscalate(
                period, territories.map { escalationPlace(period, $0) }, chunk: chunk, journal: relance.journalQuery,
                policy: relance.configuration.escalation.policy, now: now)
            counts.declared += outcomes.declared
            counts.missed += outcomes.missed
            counts.journalMissing += outcomes.journalMissing
            counts.casesOpened += outcomes.casesOpened
            guard let through = chunk.through else {
                try session.finishClosing(period, territories, now: now)
                try closeIfClosedEverywhere(period, session: session, counts: &counts)
                return false  // the next round finds any territory a crash left behind
            }
            try session.recordClosedThrough(period, territories, key: through)
            return false
        }
        summary = counts
    }

    /// Marks the period closed once every territory is and the latest closing has passed.
    private func closeIfClosedEverywhere(_ period: Period, session: StoreSession, counts: inout TickSummary) throws {
        let closedEverywhere = try Territory.all.allSatisfy { try session.territoryProgress(period, $0).closed }
        guard closedEverywhere && calendar.latestClosing(of: period) <= now else { return }
        try session.setPeriodState(period, .closed, at: now)
        counts.closed += 1
        relance.logger.info(said("period closed", dryRun: "period would close"), metadata: ["period": "\(period)"])
    }

    /// The day cases of a territory are opened on (today there) and due by (SPEC section 4).
    private func escalationPlace(_ period: Period, _ territory: Territory) -> EscalationPlace {
        let holidays = HolidayCalendar(zone: territory.holidayZone)
        let closingDay = calendar.window(of: period).closingDay
        return EscalationPlace(
            territory: territory, openedOn: territory.zone.date(of: now),
            dueOn: holidays.adding(businessDays: relance.configuration.escalation.slaBusinessDays, to: closingDay))
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
            guard try session.periodState(period) == .closed, try session.pendingCount(period) == 0 else { return }
            try session.setPeriodState(period, .finished, at: now)
        }
    }
}
