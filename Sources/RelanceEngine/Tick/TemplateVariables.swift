import RelanceConfig
import RelanceCore
import RelanceStore

/// The variables of reminder templates (SPEC section 6).
enum TemplateVariables {
    /// The context for one reminder, rendered at `now`.
    static func reminder(_ reminder: PendingReminder, calendar: CycleCalendar, now: Instant) -> [String: Any] {
        let window = calendar.window(of: reminder.period)
        let territory = Territory(department: reminder.department) ?? Territory(holidayZone: .metropole)
        let today = calendar.zone(for: territory).date(of: now)
        return [
            "first_name": reminder.firstName ?? "",
            "last_name": reminder.lastName ?? "",
            "jobseeker_id": reminder.jobseekerID,
            "period": reminder.period.frenchName,
            "opening": FrenchDates.long(window.openingDay),
            "deadline": FrenchDates.long(window.deadlineDay),
            "days_left": String(max(0, today.days(until: window.deadlineDay))),
            "acts_count": String(reminder.actsCount),
        ]
    }

    /// Sample values used to check templates: long names with accents, the longest dates.
    static var sample: [String: Any] {
        [
            "first_name": "Marie-Hélène-Françoise", "last_name": "de La Tour-d'Auvergne-Lauraguais",
            "jobseeker_id": "1234567A", "period": "septembre 2026", "opening": "mercredi 28 septembre 2026",
            "deadline": "vendredi 15 septembre 2026", "days_left": "15", "acts_count": "10",
        ]
    }
}
