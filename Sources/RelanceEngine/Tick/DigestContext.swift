public import RelanceCore
public import RelanceStore

/// The Mustache context of an advisor digest (and of the operations' digest of unrouted cases).
/// Fields a person reads are never blank: a missing one says `non renseigné`. `agency` is shown
/// in the operations' digest only, where a case's agency is by definition not imported.
enum DigestContext {
    /// What a missing field reads as.
    static let missing = "non renseigné"

    static func make(recipient: DigestRecipient, cases: [CaseRow], today: LocalDate, newSince: LocalDate)
        -> [String: Any]
    {
        let sorted = cases.sorted { ($0.openedOn, $0.id) > ($1.openedOn, $1.id) }
        let items: [[String: Any]] = sorted.map { row in
            [
                "case_id": String(row.id), "jobseeker_id": row.jobseekerID, "first_name": row.firstName ?? "",
                "last_name": row.lastName ?? (row.firstName == nil ? "nom \(missing)" : ""),
                "phone": row.phone.map { PhoneNumber(e164: $0).french } ?? missing, "email": row.email ?? missing,
                "department": row.department, "route": CaseText.route(row.route),
                "agency": row.agency.map { "\($0) (agence non importée)" } ?? "non renseignée",
                "reasons": CaseText.reasons(row.reasons), "opened_on": FrenchDates.numeric(row.openedOn),
                "due_on": FrenchDates.numeric(row.dueOn), "overdue": row.isOverdue(today: today),
                "is_new": row.openedOn >= newSince, "has_note": row.note != nil,
                "note": row.note.map(FrenchSpacing.apply) ?? "",
                "updated_on": FrenchDates.numeric(Zone.paris.date(of: row.updatedAt)),
                "updated_by": CaseText.author(row.updatedBy),
            ]
        }
        return [
            "recipient_name": recipient.name ?? recipient.key, "date": FrenchDates.long(today),
            "count": String(cases.count), "overdue_count": String(cases.filter { $0.isOverdue(today: today) }.count),
            "unrouted": recipient.isUnrouted, "cases": items,
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

    /// `téléphone` or `agence`, as the digest proposes the contact.
    public static func route(_ route: Route) -> String {
        route == .agency ? "agence" : "téléphone"
    }

    /// `ouvert`, `contacté`, `résolu`, `clos sans contact`.
    public static func state(_ state: CaseState) -> String {
        switch state {
        case .open: "ouvert"
        case .contacted: "contacté"
        case .resolved: "résolu"
        case .closedNoContact: "clos sans contact"
        }
    }

    /// `par le conseiller`, `déclaration tardive`.
    public static func resolution(_ resolution: String) -> String {
        switch resolution {
        case "advisor": "par le conseiller"
        case "declared_late": "déclaration tardive"
        default: resolution
        }
    }

    /// Who changed a case, for advisors: `relance (automatique)` for the cycle itself, else the
    /// author as recorded (`cli:USER`).
    public static func author(_ author: String) -> String {
        author == "relance" ? "relance (automatique)" : author
    }

    /// A reason code in French: `déclaration manquée`.
    public static func label(_ reason: String) -> String {
        switch reason {
        case "missed": "déclaration manquée"
        case "journal_missing": "journal incomplet"
        case "unreachable": "injoignable"
        default: reason
        }
    }
}
