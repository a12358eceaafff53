public import RelanceCore
public import RelanceStore

extension PeriodStatus {
    /// The object of one period in `status --format json` and `GET /v1/status`.
    public var json: JSON {
        JSON.object([
            ("period", .string(period.description)), ("state", .string(state)),
            ("jobseekers", .int(jobseekers)), ("declared", .int(declared)),
            ("late", .int(late)), ("missed", .int(missed)),
            ("journal_missing", .int(journalMissing)),
            ("reminders", .object(ReminderState.names.map { ($0, .int(reminders[$0] ?? 0)) })),
            ("cases_open", .int(casesOpen)),
        ])
    }

    /// The object of `status --format json` and `GET /v1/status`: the periods, then the number
    /// of active cases that reach no advisor and no agency.
    /// `degraded`: the channels the silent-provider alarm holds degraded (SPEC 13).
    public static func document(_ statuses: [PeriodStatus], unrouted: Int, degraded: [String] = []) -> JSON {
        JSON.object([
            ("periods", .array(statuses.map(\.json))), ("cases_unrouted", .int(unrouted)),
            ("channels_degraded", .array(degraded.map(JSON.string))),
        ])
    }
}
