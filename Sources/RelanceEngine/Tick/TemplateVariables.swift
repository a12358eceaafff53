import Foundation
import RelanceConfig
import RelanceCore
import RelanceStore

/// The variables of reminder templates (SPEC section 6).
enum TemplateVariables {
    /// The context for one reminder, rendered at `now`. An empty name is left out, so that a
    /// section such as `{{#first_name}} {{first_name}}{{/first_name}}` shows nothing for it.
    static func reminder(_ reminder: PendingReminder, calendar: CycleCalendar, now: Instant) -> [String: String] {
        let window = calendar.window(of: reminder.period)
        let territory = Territory(department: reminder.department) ?? Territory(holidayZone: .metropole)
        let today = calendar.zone(for: territory).date(of: now)
        let daysLeft = max(0, today.days(until: window.deadlineDay))
        return names(first: reminder.firstName, last: reminder.lastName).merging([
            "jobseeker_id": reminder.jobseekerID,
            "period": reminder.period.frenchName,
            "opening": FrenchDates.long(window.openingDay),
            "deadline": FrenchDates.long(window.deadlineDay),
            "days_left": String(daysLeft),
            "days_left_text": daysText(daysLeft),
            "acts_count": String(reminder.actsCount),
        ]) { $1 }
    }

    /// "0 jour", "1 jour", "5 jours": in French, the singular goes up to one.
    static func daysText(_ days: Int) -> String { days <= 1 ? "\(days) jour" : "\(days) jours" }

    /// `first_name`, `last_name` and `full_name`, each only when not empty.
    static func names(first: String?, last: String?) -> [String: String] {
        let first = (first ?? "").trimmingCharacters(in: .whitespaces)
        let last = (last ?? "").trimmingCharacters(in: .whitespaces)
        let full = [first, last].filter { !$0.isEmpty }.joined(separator: " ")
        var names: [String: String] = [:]
        for (key, value) in [("first_name", first), ("last_name", last), ("full_name", full)] where !value.isEmpty {
            names[key] = value
        }
        return names
    }

    /// Sample values used to check templates: the longest dates and counts, with long names
    /// `accented` (a "ç" forces UCS-2 in an SMS: the worst case) or not (GSM-7).
    static func sample(accented: Bool) -> [String: String] {
        let (first, last) =
            accented
            ? ("Marie-Hélène-Françoise", "de La Tour-d'Auvergne-Lauraguais")
            : ("Marie-Helene-Francoise", "de La Tour-d'Auvergne-Lauraguais")
        return names(first: first, last: last).merging([
            "jobseeker_id": "1234567A", "period": "septembre 2026", "opening": "mercredi 28 septembre 2026",
            "deadline": "vendredi 15 septembre 2026", "days_left": "15", "days_left_text": daysText(15),
            "acts_count": "10",
        ]) { $1 }
    }
}
