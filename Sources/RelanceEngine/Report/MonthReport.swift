public import RelanceCore
public import RelanceStore

/// The month at a glance, for operations and management (`relance report`): aggregates only,
/// never a name, address or phone number. Its headline counts are those of `status`.
public struct MonthReport: Sendable {
    public var period: Period
    /// When the report was made (the clock of the command).
    public var generatedAt: Instant
    /// The period's window under the configured calendar.
    public var window: PeriodWindow
    /// The counts `status` prints for the period (`state` included).
    public var status: PeriodStatus
    /// Members for whom some reminder found no usable channel.
    public var unreachable: Int
    /// Journal states of the declared and late members: `complete`, `missing`, `not_required`,
    /// and `pending` until the period closes for them.
    public var journal: [String: Int]
    /// Declarations per day in Paris time, from the opening day (or an earlier day with data) to
    /// today (at most the closing day) or the last day with data, whichever is later.
    public var days: [DeclarationDay]
    /// Sent reminders by step and hour of sending.
    public var sends: [HourlyCount]
    public var reminders: [ReminderTally]
    /// Failed attempts by cause.
    public var failures: [FailureTally]
    /// Failed reminders by cause: every `failed` reminder, with or without an attempt.
    public var failedReminders: [FailedReminderTally]
    public var cases: [CaseTally]
    /// Cases with a reason in the period, by reason.
    public var caseReasons: [String: Int]
    /// Tracked messages of the period by channel and verdict (SPEC 13).
    public var delivery: [(channel: String, verdict: String, count: Int)] = []
    /// The channels degraded when the report was made.
    public var degraded: [String] = []

    /// The journal states, in report order.
    public static let journalStates = ["complete", "missing", "not_required", "pending"]
    /// The escalation reasons, in report order.
    public static let reasons = EscalationCondition.allCases.map(\.rawValue)

    /// Members who neither declared nor got an outcome (yet).
    public var notDeclared: Int { max(0, status.jobseekers - status.declared - status.late - status.missed) }

    /// Open cases past their due date.
    public var casesOverdue: Int { cases.reduce(0) { $0 + $1.overdue } }
}

/// Declarations made on one day (Paris time).
public struct DeclarationDay: Sendable, Equatable {
    public var day: LocalDate
    public var onTime: Int
    public var late: Int
    /// Declarations up to and including this day.
    public var cumulative: Int
}

extension MonthReport {
    /// Reads the report of a period from the store, in one transaction.
    ///
    /// - Throws: ``RelanceError`` (`invalidInput`) when relance does not track the period.
    public static func build(_ relance: Relance, period: Period) throws -> MonthReport {
        let now = relance.clock.now
        let today = Zone.paris.date(of: now)
        let calendar = relance.configuration.cycle
        return try relance.store.read { session in
            guard let status = try session.periodStatuses(only: period).first else {
                let known = try session.trackedPeriods().map(\.description).joined(separator: ", ")
                throw RelanceError(
                    .invalidInput, "period \(period) is not tracked (known periods: \(known.isEmpty ? "none" : known))")
            }
            let (journal, unreachable) = try session.journalAndReach(period)
            let sends = try session.sentRemindersByHour(period)
            let declarations = try session.declarationsByHour(period)
            let dataDays = (declarations + sends).map { Zone.paris.date(of: $0.hour) }
            let first = ([calendar.window(of: period).openingDay] + dataDays).min()!
            let last = ([min(today, calendar.window(of: period).closingDay), first] + dataDays).max()!
            var report = MonthReport(
                period: period, generatedAt: now, window: calendar.window(of: period), status: status,
                unreachable: unreachable, journal: journal, days: days(declarations, from: first, through: last),
                sends: sends, reminders: try session.reminderTallies(period),
                failures: try session.failureTallies(period),
                failedReminders: try session.failedReminderTallies(period),
                cases: try session.caseTallies(period, today: today), caseReasons: try session.caseReasonCounts(period))
            report.delivery = try session.deliveryCounts(period)
            report.degraded = try session.degradedChannels().map(\.channel.rawValue)
            return report
        }
    }

    /// Buckets hourly declarations into Paris days, every day of the range present.
    static func days(_ hours: [HourlyCount], from first: LocalDate, through last: LocalDate) -> [DeclarationDay] {
        var byDay: [LocalDate: (onTime: Int, late: Int)] = [:]
        for hour in hours {
            let day = Zone.paris.date(of: hour.hour)
            if hour.key == "late" {
                byDay[day, default: (0, 0)].late += hour.count
            } else {
                byDay[day, default: (0, 0)].onTime += hour.count
            }
        }
        var total = 0
        return (0...first.days(until: last)).map { offset in
            let day = first.adding(days: offset)
            let counts = byDay[day] ?? (0, 0)
            total += counts.onTime + counts.late
            return DeclarationDay(day: day, onTime: counts.onTime, late: counts.late, cumulative: total)
        }
    }
}
