public import RelanceCore
public import RelanceStore

/// The lists of `cases list` (SPEC section 8): CSV and table in the advisors' words, as the
/// digest writes them (`téléphone`, `ouvert`, `déclaration manquée (novembre 2026)`, `oui`), JSON
/// with stable English keys and codes. SPEC's columns come first, in its order; the follow-up
/// (latest note, last change and its author) and the unrouted flag are appended.
public struct CaseListing {
    /// The columns SPEC section 8 fixes, in its order.
    public static let specColumns = [
        "case_id", "jobseeker_id", "last_name", "first_name", "phone", "email", "department", "agency", "advisor",
        "route", "reasons", "opened_on", "due_on", "state", "overdue",
    ]
    /// Every column of the CSV and every key of the JSON objects.
    public static let columns = specColumns + ["resolution", "note", "updated_at", "updated_by", "unrouted"]

    public let rows: [CaseRow]
    /// Today in Paris, which decides `overdue`.
    public let today: LocalDate

    public init(rows: [CaseRow], today: LocalDate) {
        self.rows = rows
        self.today = today
    }

    /// The CSV file: `;`, UTF-8 BOM, CRLF, cells neutralised against formula injection; phones
    /// in French national form (`06 12 34 56 78`), which spreadsheets keep as text.
    public var csv: String {
        CSVWriter.document(header: Self.columns, rows: rows.map { frenchCells($0) })
    }

    /// An array of objects with the keys of ``columns``: the codes as stored (`phone` E.164,
    /// `route` `phone`, `state` `open`, `reasons` `missed 2026-11`), `updated_at` ISO 8601 in Paris time.
    public var json: JSON { .array(rows.map { .object(Self.members($0, today: today)) }) }

    /// One case's members, with the keys of ``columns`` (see ``json``).
    public static func members(_ row: CaseRow, today: LocalDate) -> [(String, JSON)] {
        [
            ("case_id", .int(Int(row.id))), ("jobseeker_id", .string(row.jobseekerID)),
            ("last_name", .optional(row.lastName)), ("first_name", .optional(row.firstName)),
            ("phone", .optional(row.phone)), ("email", .optional(row.email)),
            ("department", .string(row.department)), ("agency", .optional(row.agency)),
            ("advisor", .optional(row.advisor)), ("route", .string(row.route.rawValue)),
            ("reasons", .string(CaseText.codes(row.reasons))), ("opened_on", .string(row.openedOn.description)),
            ("due_on", .string(row.dueOn.description)), ("state", .string(row.state.rawValue)),
            ("overdue", .bool(row.isOverdue(today: today))), ("resolution", .optional(row.resolution)),
            ("note", .optional(row.note)),
            ("updated_at", .string(Zone.paris.format(row.updatedAt))), ("updated_by", .string(row.updatedBy)),
            ("unrouted", .bool(row.isUnrouted)),
        ]
    }

    /// The columns of the terminal table, and its rows (French values, as the CSV).
    public var table: (header: [String], rows: [[String]]) {
        let shown = [
            "case_id", "jobseeker_id", "last_name", "first_name", "department", "advisor", "route", "reasons",
            "due_on", "state", "overdue", "note", "updated_at", "updated_by",
        ]
        let indexes = shown.map { Self.columns.firstIndex(of: $0)! }
        return (
            shown,
            rows.map { row in
                let cells = frenchCells(row)
                return indexes.map { cells[$0] }
            }
        )
    }

    /// One row's cells in the order of ``columns``, in the advisors' words.
    private func frenchCells(_ row: CaseRow) -> [String] {
        let (day, time, _) = Zone.paris.local(row.updatedAt)
        return [
            String(row.id), row.jobseekerID, row.lastName ?? "", row.firstName ?? "",
            row.phone.map { PhoneNumber(e164: $0).french } ?? "", row.email ?? "", row.department, row.agency ?? "",
            row.advisor ?? "", CaseText.route(row.route), CaseText.reasons(row.reasons), row.openedOn.description,
            row.dueOn.description, CaseText.state(row.state), Self.yesNo(row.isOverdue(today: today)),
            row.resolution.map(CaseText.resolution) ?? "", row.note ?? "",
            "\(day) \(time)", CaseText.author(row.updatedBy), Self.yesNo(row.isUnrouted),
        ]
    }

    private static func yesNo(_ flag: Bool) -> String { flag ? "oui" : "non" }
}
