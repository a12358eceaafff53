/// The window of a period as days: opening day to deadline day (SPEC section 2).
public struct PeriodWindow: Hashable, Sendable {
    /// The period.
    public let period: Period
    /// The first day on which declaring is possible.
    public let openingDay: LocalDate
    /// The last day on which declaring is on time.
    public let deadlineDay: LocalDate
    /// The day after the deadline day: the window closes at its midnight.
    public var closingDay: LocalDate { deadlineDay.adding(days: 1) }

    /// The day of an anchor of the reminder policy.
    public func day(of anchor: Anchor) -> LocalDate {
        switch anchor {
        case .opening: openingDay
        case .deadline: deadlineDay
        case .closing: closingDay
        }
    }
}

/// Published calendar exceptions for one period (`cycle.overrides`).
public struct WindowOverride: Hashable, Sendable {
    public let opening: LocalDate
    public let deadline: LocalDate

    public init(opening: LocalDate, deadline: LocalDate) {
        self.opening = opening
        self.deadline = deadline
    }
}

/// Whose wall clock the cycle follows (`cycle.clock`).
public enum CycleClock: String, Sendable, CaseIterable {
    /// Each jobseeker's own territory.
    case local
    /// Europe/Paris for everybody.
    case paris
}

/// The rules that give each period its window, and the instants of a window in a territory.
public struct CycleCalendar: Sendable {
    public var openingDay: Int
    public var openingDayFebruary: Int
    public var deadlineDay: Int
    public var clock: CycleClock
    public var overrides: [Period: WindowOverride]

    /// The default rule of the arrêté of 22 December 2015: 28th (26th in February) to the 15th.
    public init(
        openingDay: Int = 28, openingDayFebruary: Int = 26, deadlineDay: Int = 15, clock: CycleClock = .local,
        overrides: [Period: WindowOverride] = [:]
    ) {
        self.openingDay = openingDay
        self.openingDayFebruary = openingDayFebruary
        self.deadlineDay = deadlineDay
        self.clock = clock
        self.overrides = overrides
    }

    /// The window of a period. Days past the end of a short month fall on its last day.
    public func window(of period: Period) -> PeriodWindow {
        if let override = overrides[period] {
            return PeriodWindow(period: period, openingDay: override.opening, deadlineDay: override.deadline)
        }
        let next = period.next
        let opening = period.month == 2 ? openingDayFebruary : openingDay
        return PeriodWindow(
            period: period,
            openingDay: Self.clamped(year: period.year, month: period.month, day: opening),
            deadlineDay: Self.clamped(year: next.year, month: next.month, day: deadlineDay))
    }

    /// The zone whose wall clock applies to a territory under ``clock``.
    public func zone(for territory: Territory) -> Zone {
        clock == .paris ? .paris : territory.zone
    }

    /// The opening instant of a period in a territory: 00:00 local on the opening day.
    public func opening(of period: Period, in territory: Territory) -> Instant {
        zone(for: territory).instant(of: window(of: period).openingDay)
    }

    /// The closing instant: 00:00 local on the day after the deadline day.
    public func closing(of period: Period, in territory: Territory) -> Instant {
        zone(for: territory).instant(of: window(of: period).closingDay)
    }

    /// The earliest opening of a period over every territory.
    public func earliestOpening(of period: Period) -> Instant {
        Territory.all.map { opening(of: period, in: $0) }.min()!
    }

    /// The latest closing of a period over every territory.
    public func latestClosing(of period: Period) -> Instant {
        Territory.all.map { closing(of: period, in: $0) }.max()!
    }

    /// The period whose window contains `instant` in some territory, or else the next one to open.
    public func currentOrNextPeriod(at instant: Instant) -> Period {
        var period = Period(containing: Zone.paris.date(of: instant)).adding(months: -2)
        while latestClosing(of: period) <= instant { period = period.next }
        return period
    }

    private static func clamped(year: Int, month: Int, day: Int) -> LocalDate {
        LocalDate(year: year, month: month, day: min(day, LocalDate.daysIn(month: month, year: year)))!
    }
}
