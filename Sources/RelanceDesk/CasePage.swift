import RelanceCore
import RelanceEngine
import RelanceStore

/// The variables of the case page: every value is text that Mustache escapes, so names and notes
/// are shown, never run.
enum CasePage {
    /// `Léa Moreau`, or the jobseeker id when the names are empty.
    static func name(_ row: CaseRow) -> String {
        let name = [row.firstName, row.lastName].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        return name.isEmpty ? row.jobseekerID : name
    }

    static func context(_ opened: DeskCases.Opened, person: DeskGate.Person, today: LocalDate) -> [String: Any] {
        let row = opened.row
        let policy = person.policy
        let placement = CasePolicy.Placement(agency: row.agency, advisor: row.advisor)
        let zone = Territory(department: row.department)?.zone ?? .paris
        func instant(_ value: Instant?) -> String {
            guard let value else { return "—" }
            let (day, time, _) = zone.local(value)
            return "\(FrenchDates.numeric(day)) \(time)"
        }
        var context = person.layout
        context["person"] = person.layout
        context["title"] = "Dossier n° \(row.id)"
        context["nav_mine"] = true
        context["id"] = row.id
        context["name"] = name(row)
        context["jobseeker_id"] = row.jobseekerID
        context["state"] = CaseText.state(row.state)
        context["overdue"] = row.isOverdue(today: today)
        context["reasons"] = CaseText.reasons(row.reasons)
        context["route"] = CaseText.route(row.route)
        context["due_on"] = FrenchDates.numeric(row.dueOn)
        context["advisor"] = row.advisor ?? "file de l’agence"
        context["phone"] = row.phone.map { PhoneNumber(e164: $0).french } ?? "—"
        context["email"] = row.email ?? "—"
        context["channels"] = opened.file.channels?.replacingOccurrences(of: "|", with: ", ") ?? "selon la politique"
        context["version"] = opened.version
        context["csrf"] = person.session.csrfToken
        context["can_take"] = policy.canTake(placement)
        context["can_update"] = policy.canUpdate(placement)
        context["can_reassign"] = policy.role == .manager && !opened.colleagues.isEmpty
        context["colleagues"] = opened.colleagues.map { ["id": $0.id, "name": $0.name ?? $0.id] }
        context["periods"] = opened.file.periods.map { line -> [String: Any] in
            [
                "period": line.period.frenchName, "outcome": line.outcome.map(outcome) ?? "en cours",
                "journal": line.journal.map(journal) ?? "—", "declared_at": instant(line.declaredAt),
            ]
        }
        context["has_acts"] = !opened.file.acts.isEmpty
        context["acts"] = opened.file.acts.map { act -> [String: Any] in
            [
                "period": act.period.frenchName,
                "date": LocalDate(iso: act.date).map(FrenchDates.numeric) ?? act.date, "type": act.type,
                "label": act.label,
            ]
        }
        context["reminders"] = opened.file.reminders.map { reminder -> [String: Any] in
            [
                "period": reminder.period.frenchName, "step": ReminderText.step(reminder.step),
                "state": ReminderText.one(reminder.state), "channel": reminder.channel.map(ReminderText.channel) ?? "—",
                "sent_at": instant(reminder.sentAt), "delivery": reminder.delivery.map(ReminderText.one) ?? "—",
                "messages": reminder.messages.map { message($0, instant) },
            ]
        }
        context["history"] = opened.history.map { event -> [String: Any] in
            var line: [String: Any] = [
                "at": instant(event.at), "author": CaseText.author(event.author),
                "state": CaseText.state(event.toState),
            ]
            line["note"] = event.note
            return line
        }
        return context
    }

    /// `SMS : non remis le 29/10/2026 08:00 (numéro refusé)`, `courriel : accusé de réception attendu`.
    static func message(_ message: CaseFile.TrackedMessage, _ instant: (Instant?) -> String) -> String {
        let channel = ReminderText.channel(message.channel)
        guard let verdict = message.verdict else { return "\(channel) : accusé de réception attendu" }
        let reason = message.reason.flatMap(ReminderText.reason).map { " (\($0))" } ?? ""
        return "\(channel) : \(ReminderText.verdict(verdict)) le \(instant(message.verdictAt))\(reason)"
    }

    static func outcome(_ code: String) -> String {
        switch code {
        case "declared": "déclarée"
        case "missed": "manquée"
        case "late": "déclarée en retard"
        default: code
        }
    }

    static func journal(_ code: String) -> String {
        switch code {
        case "complete": "complet"
        case "missing": "incomplet"
        case "not_required": "non requis"
        default: code
        }
    }
}
