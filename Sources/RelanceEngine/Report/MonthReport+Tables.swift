import RelanceCore
import RelanceStore

/// The sections of the report, in order.
public enum ReportSection: String, CaseIterable, Sendable {
    case jobseekers, declarations, journal, reminders, failures, cases, overdue

    /// The heading people read.
    public var title: String {
        switch self {
        case .jobseekers: "Demandeurs d'emploi"
        case .declarations: "Actualisations par jour"
        case .journal: "Journal de la recherche d'emploi"
        case .reminders: "Relances par étape, canal et état"
        case .failures: "Échecs d'envoi par cause"
        case .cases: "Suivis par orientation et agence"
        case .overdue: "Suivis en retard"
        }
    }
}

extension MonthReport {
    /// The headline outcomes: label and count, the first being every member.
    public var outcomes: [(key: String, label: String, count: Int)] {
        [
            ("jobseekers", "demandeurs d'emploi", status.jobseekers),
            ("declared", "actualisés à temps", status.declared),
            ("late", "actualisés en retard", status.late), ("missed", "non actualisés", status.missed),
            ("not_declared", "pas encore actualisés", notDeclared), ("unreachable", "injoignables", unreachable),
        ]
    }

    /// Declarations per day, with the running total.
    public var dayTable: ReportTable {
        ReportTable(
            labelColumns: ["day"], countColumns: ["on_time", "late", "cumulative"],
            rows: days.map { .init(labels: [$0.day.description], counts: [$0.onTime, $0.late, $0.cumulative]) })
    }

    /// Sent reminders by step and hour of sending (Paris time).
    public var sendTable: ReportTable {
        ReportTable(
            labelColumns: ["step", "hour"], countColumns: ["sent"],
            rows: sends.sorted { ($0.hour, $0.key) < ($1.hour, $1.key) }.map {
                .init(labels: [$0.key, Zone.paris.format($0.hour)], counts: [$0.count])
            })
    }

    /// Journal states of the declared members.
    public var journalTable: ReportTable {
        .keyed(journal, keys: Self.journalStates, label: "journal", count: "jobseekers")
    }

    /// Reminders by step and channel, a column per state and the total.
    public var reminderTable: ReportTable {
        .pivot(
            reminders, labelColumns: ["step", "channel"], countColumns: ReminderState.names,
            labels: { [$0.step, $0.channel] }, column: \.state, count: \.count,
            extra: ["total"], fill: { [$0.reduce(0) { $0 + $1.count }] })
    }

    /// Failed reminders by channel (of the last attempt) and cause: they add up to the
    /// `failed` column of ``reminderTable``.
    public var failedReminderTable: ReportTable {
        ReportTable(
            labelColumns: ["channel", "cause"], countColumns: ["reminders"],
            rows: failedReminders.map { .init(labels: [$0.channel, $0.cause], counts: [$0.count]) })
    }

    /// Failed attempts by channel, outcome and cause.
    public var failureTable: ReportTable {
        ReportTable(
            labelColumns: ["channel", "outcome", "cause"], countColumns: ["attempts"],
            rows: failures.map { .init(labels: [$0.channel, $0.outcome, $0.cause], counts: [$0.count]) })
    }

    /// Cases by route and agency, a column per state and the overdue ones.
    public var caseTable: ReportTable {
        .pivot(
            cases, labelColumns: ["route", "agency"], countColumns: CaseState.allCases.map(\.rawValue),
            labels: { [$0.route, $0.agency] }, column: \.state, count: \.count,
            extra: ["overdue"], fill: { [$0.reduce(0) { $0 + $1.overdue }] })
    }

    /// Overdue cases by agency and route, with the oldest due date.
    public var overdueTable: ReportTable {
        ReportTable(
            labelColumns: ["agency", "route", "oldest_due_on"], countColumns: ["overdue"],
            rows: cases.filter { $0.overdue > 0 }.sorted { ($0.agency ?? "", $0.route) < ($1.agency ?? "", $1.route) }
                .map { .init(labels: [$0.agency, $0.route, $0.oldestOverdue?.description], counts: [$0.overdue]) })
    }

    /// Cases by reason (a case may count under several).
    public var reasonTable: ReportTable {
        .keyed(caseReasons, keys: Self.reasons, label: "reason", count: "cases")
    }
}
