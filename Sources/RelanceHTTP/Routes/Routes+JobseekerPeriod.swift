import Hummingbird
import RelanceCore
import RelanceStore

extension Routes {
    /// `GET /v1/jobseekers/{id}/periods/{period}`: the window, declaration, outcome and reminders
    /// of one jobseeker in one period; 404 for an unknown jobseeker or a malformed period.
    func jobseekerPeriod(_ request: Request, _ context: HTTPContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        guard let period = Period(context.parameters.get("period") ?? "") else {
            throw Problem(.notFound, "the period must be YYYY-MM")
        }
        let store = relance.store
        let found = try await offload {
            try store.read { session -> (JobseekerPeriod, [ReminderRow])? in
                guard let record = try session.jobseekerPeriod(id, period: period) else { return nil }
                return (record, try session.reminders(period: period, jobseeker: id, state: nil))
            }
        }
        guard let (record, reminders) = found else { throw Problem(.notFound, "no such jobseeker") }
        let calendar = relance.configuration.cycle
        let zone = calendar.zone(for: record.territory)
        let opening = calendar.opening(of: period, in: record.territory)
        let closing = calendar.closing(of: period, in: record.territory)
        let now = relance.clock.now
        let state = now < opening ? "upcoming" : now < closing ? "open" : "closed"
        let journalRequired = relance.configuration.journal.isRequired(
            explicit: record.journalRequired, department: record.department, period: period)
        let json = JSON.object([
            ("jobseeker_id", .string(id)), ("period", .string(period.description)),
            ("opening", .string(zone.format(opening))),
            ("deadline_day", .string(calendar.window(of: period).deadlineDay.description)),
            ("closing", .string(zone.format(closing))), ("state", .string(state)),
            ("journal_required", .bool(journalRequired)),
            ("declared_at", .optional(record.declaredAt.map { zone.format($0) })),
            ("acts_count", .int(record.actsCount ?? 0)), ("outcome", .optional(record.outcome)),
            ("journal", .optional(record.journal)),
            (
                "reminders",
                .array(
                    reminders.map { reminder in
                        .object([
                            ("step", .string(reminder.step)), ("state", .string(reminder.state)),
                            ("channel", .optional(reminder.channel)),
                            ("sent_at", .optional(reminder.sentAt.map { zone.format($0) })),
                            ("delivery", .optional(reminder.delivery)),
                        ])
                    })
            ),
        ])
        return JSONResponse.make(json, status: .ok)
    }
}
