import GRDB
public import RelanceCore

/// The states of a case.
public enum CaseState: String, Sendable, CaseIterable {
    case open, contacted, resolved
    case closedNoContact = "closed_no_contact"

    /// Whether the case is still being followed up (at most one such case per jobseeker).
    public var isActive: Bool { self == .open || self == .contacted }
}

/// One case as advisors see it in lists and digests.
public struct CaseRow: Sendable {
    public var id: Int64
    public var jobseekerID: String
    public var lastName: String?
    public var firstName: String?
    public var phone: String?
    public var email: String?
    public var department: String
    public var agency: String?
    public var advisor: String?
    public var route: Route
    /// `(reason, period)` pairs, oldest first.
    public var reasons: [(reason: String, period: Period)]
    public var openedOn: LocalDate
    public var dueOn: LocalDate
    public var state: CaseState
    /// Why a case ended: `advisor` or `declared_late`; nil while it is active.
    public var resolution: String?
    /// The latest note, if any.
    public var note: String?
    /// When the case last changed, and who changed it (`relance`, `cli:USER`).
    public var updatedAt: Instant
    public var updatedBy: String
    /// An active case that reaches no one: no advisor, and an agency that is not imported (or none).
    public var isUnrouted: Bool

    /// An open case past its due date.
    public func isOverdue(today: LocalDate) -> Bool { state == .open && dueOn < today }
}

/// Filters of `cases list`.
public struct CaseFilter: Sendable, Hashable {
    /// Only this case.
    public var id: Int64?
    public var advisor: String?
    public var agency: String?
    public var state: CaseState?
    /// Only cases with no advisor (the agency queue).
    public var unassignedOnly = false
    /// Only active cases that reach no one (see ``CaseRow/isUnrouted``).
    public var unroutedOnly = false

    public init(
        id: Int64? = nil, advisor: String? = nil, agency: String? = nil, state: CaseState? = nil,
        unassignedOnly: Bool = false, unroutedOnly: Bool = false
    ) {
        self.id = id
        self.advisor = advisor
        self.agency = agency
        self.state = state
        self.unassignedOnly = unassignedOnly
        self.unroutedOnly = unroutedOnly
    }
}

/// What ``StoreSession/updateCase(id:state:note:by:now:)`` did.
public enum CaseChange: Sendable, Equatable {
    /// The state or the note changed; the case's history has the change.
    case changed
    /// The case already had that state and note: nothing was written.
    case unchanged
    /// There is no such case.
    case missing
    /// Making it active again would give its jobseeker a second active case, this one.
    case conflict(activeCase: Int64)
}

/// Where a page of cases, oldest first, resumes: after this case.
public struct CaseCursor: Sendable, Equatable {
    public var openedOn: LocalDate
    public var id: Int64

    public init(openedOn: LocalDate, id: Int64) {
        self.openedOn = openedOn
        self.id = id
    }
}

extension StoreSession {
    /// Changes a case's state (advisor follow-up), and its note when one is given, recording who
    /// did it and when; the case's history gets the change (see `Schema.caseHistory`). A case
    /// made active again loses its resolution. The same state and note again write nothing.
    public func updateCase(id: Int64, state: CaseState, note: String?, by author: String, now: Instant) throws
        -> CaseChange
    {
        guard
            let current = try Row.fetchOne(db, sql: "SELECT state, note FROM cases WHERE id = ?", arguments: [id])
        else { return .missing }
        if current["state"] == state.rawValue && (note == nil || current["note"] == note) { return .unchanged }
        if state.isActive,
            let other = try Int64.fetchOne(
                db,
                sql: """
                    SELECT o.id FROM cases c JOIN cases o ON o.jobseeker_id = c.jobseeker_id AND o.id != c.id
                    WHERE c.id = ? AND o.state IN ('open', 'contacted')
                    """, arguments: [id])
        {
            return .conflict(activeCase: other)
        }
        try db.execute(
            sql: """
                UPDATE cases SET state = ?1, note = COALESCE(?2, note), updated_at = ?3, updated_by = ?4,
                    resolution = CASE WHEN ?1 IN ('resolved', 'closed_no_contact') THEN COALESCE(resolution, 'advisor')
                        END
                WHERE id = ?5
                """, arguments: [state.rawValue, note, now.seconds, author, id])
        return .changed
    }

    /// The state of a case, or nil when it does not exist.
    public func caseState(id: Int64) throws -> CaseState? {
        try String.fetchOne(db, sql: "SELECT state FROM cases WHERE id = ?", arguments: [id])
            .flatMap(CaseState.init(rawValue:))
    }

    /// Cases matching a filter, newest first.
    public func cases(_ filter: CaseFilter) throws -> [CaseRow] {
        let (conditions, arguments) = Self.conditions(filter)
        return try caseRows(conditions, arguments, order: "c.opened_on DESC, c.id DESC")
    }

    /// At most `limit` cases matching a filter, oldest first, after `cursor` (keyset pagination:
    /// a page does not move when cases are opened meanwhile).
    public func cases(_ filter: CaseFilter, after cursor: CaseCursor?, limit: Int) throws -> [CaseRow] {
        var (conditions, arguments) = Self.conditions(filter)
        if let cursor {
            conditions.append("(c.opened_on, c.id) > (?, ?)")
            _ = arguments.append(contentsOf: [cursor.openedOn.description, cursor.id])
        }
        _ = arguments.append(contentsOf: [limit])
        return try caseRows(conditions, arguments, order: "c.opened_on, c.id LIMIT ?")
    }

    /// One case, nil when there is no such case.
    public func caseRow(id: Int64) throws -> CaseRow? {
        try caseRows(["c.id = ?"], [id], order: "c.id").first
    }

    private static func conditions(_ filter: CaseFilter) -> ([String], StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let id = filter.id {
            conditions.append("c.id = ?")
            _ = arguments.append(contentsOf: [id])
        }
        if let advisor = filter.advisor {
            conditions.append("c.advisor = ?")
            _ = arguments.append(contentsOf: [advisor])
        }
        if let agency = filter.agency {
            conditions.append("c.agency = ?")
            _ = arguments.append(contentsOf: [agency])
        }
        if let state = filter.state {
            conditions.append("c.state = ?")
            _ = arguments.append(contentsOf: [state.rawValue])
        }
        if filter.unassignedOnly { conditions.append("c.advisor IS NULL") }
        if filter.unroutedOnly { conditions.append("c.state IN ('open', 'contacted') AND \(Self.unrouted("c"))") }
        return (conditions, arguments)
    }

    private func caseRows(_ conditions: [String], _ arguments: StatementArguments, order: String) throws -> [CaseRow] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT c.*, j.last_name, j.first_name, j.phone, j.email, j.department,
                    c.state IN ('open', 'contacted') AND \(Self.unrouted("c")) AS unrouted,
                    (SELECT group_concat(r.reason || ' ' || r.period, ',') FROM
                        (SELECT reason, period FROM case_reasons WHERE case_id = c.id ORDER BY period, reason) r) AS reasons
                FROM cases c JOIN jobseekers j ON j.id = c.jobseeker_id
                \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                ORDER BY \(order)
                """, arguments: arguments)
        return rows.map { row in
            let reasons = ((row["reasons"] as String?) ?? "").split(separator: ",").compactMap { pair in
                let parts = pair.split(separator: " ")
                return parts.count == 2 ? (String(parts[0]), Period(parts[1])!) : nil
            }
            return CaseRow(
                id: row["id"], jobseekerID: row["jobseeker_id"], lastName: row["last_name"],
                firstName: row["first_name"], phone: row["phone"], email: row["email"], department: row["department"],
                agency: row["agency"], advisor: row["advisor"], route: Route(rawValue: row["route"]) ?? .phone,
                reasons: reasons, openedOn: LocalDate(iso: row["opened_on"] as String)!,
                dueOn: LocalDate(iso: row["due_on"] as String)!,
                state: CaseState(rawValue: row["state"]) ?? .open, resolution: row["resolution"], note: row["note"],
                updatedAt: Instant(seconds: row["updated_at"]), updatedBy: row["updated_by"],
                isUnrouted: row["unrouted"])
        }
    }
}
