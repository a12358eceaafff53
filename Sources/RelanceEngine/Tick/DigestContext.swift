public import RelanceCore
import RelanceStore

/// The Mustache context of an advisor digest.
enum DigestContext {
    static func make(recipient: DigestRecipient, cases: [CaseRow], today: LocalDate, newSince: LocalDate)
        -> [String: Any]
    {
        let sorted = cases.sorted { ($0.openedOn, $0.id) > ($1.openedOn, $1.id) }
        let items: [[String: Any]] = sorted.map { row in
            [
                "case_id": String(row.id), "jobseeker_id": row.jobseekerID, "first_name": row.firstName ?? "",
                "last_name": row.lastName ?? "", "phone": row.phone ?? "", "email": row.email ?? "",
                "department": row.department, "route": row.route == .agency ? "agence" : "téléphone",
                "reasons": CaseText.reasons(row.reasons), "opened_on": FrenchDates.numeric(row.openedOn),
                "due_on": FrenchDates.numeric(row.dueOn), "overdue": row.isOverdue(today: today),
                "is_new": row.openedOn >= newSince,
            ]
        }
        return [
            "recipient_name": recipient.name ?? recipient.key, "date": FrenchDates.long(today),
            "count": String(cases.count), "overdue_count": String(cases.filter { $0.isOverdue(today: today) }.count),
            "cases": items,
        ]
    }
}

/// How case reasons read in French (digests) and in lists.
public enum CaseText {
    /// `déclaration manquée (novembre 2026), journal incomplet (décembre 2026)`.
    public static func reasons(_ reasons: [(reason: String, period: Period)]) -> String {
        reasons.map { "\(label($0.reason)) (\($0.period.frenchName))" }.joined(separator: ", ")
    }

    /// `missed 2026-11, journal_missing 2026-12`: the machine-readable form of lists.
    public static func codes(_ reasons: [(reason: String, period: Period)]) -> String {
        reasons.map { "\($0.reason) \($0.period)" }.joined(separator: ", ")
    }

    static func label(_ reason: String) -> String {
        switch reason {
        case "missed": "déclaration manquée"
        case "journal_missing": "journal incomplet"
        case "unreachable": "injoignable"
        default: reason
        }
    }
}
