/// When a step of a period falls due for a territory, and until when it stays relevant.
public struct ReminderTiming: Hashable, Sendable {
    /// The step.
    public let step: Step
    /// The local day it is sent on.
    public let day: LocalDate
    /// When it falls due.
    public let dueAt: Instant
    /// When it stops being relevant on its own (closing, or 72 hours after due for closing anchors).
    public let expiresAt: Instant
}

/// The reminder policy applied to one period in one territory (SPEC section 3).
public struct ReminderSchedule: Sendable {
    /// Every step, ordered by due instant.
    public let timings: [ReminderTiming]

    /// How long a closing-anchored reminder stays relevant after it fell due.
    public static let closingRelevance: Int64 = 72 * 3600

    /// Works out the due and expiry instants of every step.
    public init(steps: [Step], period: Period, territory: Territory, calendar: CycleCalendar) {
        let window = calendar.window(of: period)
        let zone = calendar.zone(for: territory)
        let holidays = HolidayCalendar(zone: territory.holidayZone)
        let closing = zone.instant(of: window.closingDay)
        timings = steps.map { step in
            var day = step.nominalDay(in: window)
            if step.skipNonBusinessDays { day = holidays.businessDay(onOrAfter: day) }
            let due = zone.instant(of: day, at: step.at)
            let expires = step.anchor == .closing ? due.adding(seconds: Self.closingRelevance) : closing
            return ReminderTiming(step: step, day: day, dueAt: due, expiresAt: expires)
        }.sorted { ($0.dueAt, $0.step.id) < ($1.dueAt, $1.step.id) }
    }

    /// The steps due at `now`, split into the one to send per condition and the ones it supersedes.
    ///
    /// A step is superseded once a later step with the same `only_if` falls due, so after an
    /// outage only the latest relevant step of each condition is sent.
    public func due(at now: Instant) -> (current: [ReminderTiming], superseded: [ReminderTiming]) {
        var current: [Condition: ReminderTiming] = [:]
        var superseded: [ReminderTiming] = []
        for timing in timings where timing.dueAt <= now {
            if let earlier = current[timing.step.onlyIf] { superseded.append(earlier) }
            current[timing.step.onlyIf] = timing
        }
        return (current.values.sorted { $0.dueAt < $1.dueAt }, superseded)
    }
}
