import GRDB
public import RelanceCore

/// What one department's members did in one closed period: the cells of the evaluation
/// (SPEC section 16), before they are added into groups.
public struct EvaluationCell: Sendable, Equatable {
    public var members = 0
    public var declaredOnTime = 0
    public var late = 0
    public var missed = 0
    /// Declared members whose journal was required (the denominator of `journal_complete`).
    public var journalRequired = 0
    public var journalComplete = 0
    /// Reminders sent on a channel with receipts (SPEC 13): `delivery` unconfirmed, delivered
    /// or undelivered; `not_tracked` sends (spool mode, webhooks) are left out of delivery rates.
    public var remindersSent = 0
    /// Of those, the reminders whose latest channel confirmed delivery.
    public var delivered = 0
    /// Cases whose first reason is in this period.
    public var casesOpened = 0
    /// Of those, the ones resolved on or before their due date (the local date of their
    /// resolution, not of their last change).
    public var resolvedWithinSLA = 0
    /// Declarations by whole days from the opening to `declared_at`.
    public var daysToDeclare: [Int: Int] = [:]

    public init() {}

    /// The cell of two groups of members together.
    public static func + (left: EvaluationCell, right: EvaluationCell) -> EvaluationCell {
        var sum = left
        sum.members += right.members
        sum.declaredOnTime += right.declaredOnTime
        sum.late += right.late
        sum.missed += right.missed
        sum.journalRequired += right.journalRequired
        sum.journalComplete += right.journalComplete
        sum.remindersSent += right.remindersSent
        sum.delivered += right.delivered
        sum.casesOpened += right.casesOpened
        sum.resolvedWithinSLA += right.resolvedWithinSLA
        sum.daysToDeclare.merge(right.daysToDeclare, uniquingKeysWith: +)
        return sum
    }
}

/// The instant a period's window opened in a territory, for the days to declare.
public struct PeriodOpening: Sendable {
    public var period: Period
    public var territory: Territory
    public var opening: Instant

    public init(period: Period, territory: Territory, opening: Instant) {
        self.period = period
        self.territory = territory
        self.opening = opening
    }
}

extension StoreSession {
    /// The evaluation's cells of every closed period of the database, by period and by the
    /// department recorded for each member in that period (the jobseeker's current one for
    /// periods closed before members recorded it). Aggregates only: no jobseeker leaves the query.
    public func evaluationCells(openings: [PeriodOpening]) throws -> [Period: [String: EvaluationCell]] {
        var cells: [Period: [String: EvaluationCell]] = [:]
        func update(_ row: Row, _ change: (inout EvaluationCell) -> Void) {
            guard let period = Period(row[0] as String) else { return }
            change(&cells[period, default: [:]][row[1] as String, default: EvaluationCell()])
        }
        let member = """
            FROM members m JOIN jobseekers j ON j.id = m.jobseeker_id
            """
        let department = "COALESCE(m.department, j.department)"
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT m.period, \(department), COUNT(*), COUNT(*) FILTER (WHERE m.outcome = 'declared'),
                    COUNT(*) FILTER (WHERE m.outcome = 'late'), COUNT(*) FILTER (WHERE m.outcome = 'missed'),
                    COUNT(*) FILTER (WHERE m.journal IN ('complete', 'missing')), COUNT(*) FILTER (WHERE m.journal = 'complete')
                \(member) WHERE m.outcome IS NOT NULL GROUP BY 1, 2
                """)
        {
            update(row) {
                ($0.members, $0.declaredOnTime, $0.late) = (row[2], row[3], row[4])
                ($0.missed, $0.journalRequired, $0.journalComplete) = (row[5], row[6], row[7])
            }
        }
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT m.period, \(department), COUNT(*) FILTER (WHERE r.delivery IN ('unconfirmed', 'delivered', 'undelivered')),
                    COUNT(*) FILTER (WHERE r.delivery = 'delivered')
                FROM reminders r JOIN members m ON m.period = r.period AND m.jobseeker_id = r.jobseeker_id
                JOIN jobseekers j ON j.id = m.jobseeker_id
                WHERE m.outcome IS NOT NULL GROUP BY 1, 2
                """)
        {
            update(row) { ($0.remindersSent, $0.delivered) = (row[2], row[3]) }
        }
        try evaluationCases { row, resolvedWithinSLA in
            update(row) {
                $0.casesOpened += 1
                if resolvedWithinSLA { $0.resolvedWithinSLA += 1 }
            }
        }
        try daysToDeclare(openings: openings) { row in
            update(row) { $0.daysToDeclare[row[2] as Int, default: 0] += row[3] as Int }
        }
        return cells
    }

    /// Each case by the period of its first reason and the department of its member then, and
    /// whether it was resolved within its SLA: it is resolved, and the local date, in the
    /// member's zone, of its last change into `resolved` (its history, `case_events`; its
    /// `updated_at` for a case resolved before histories were kept) is on or before its due
    /// date. A note or a reassignment after the resolution does not move it.
    private func evaluationCases(_ each: (Row, Bool) -> Void) throws {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                WITH first_reason AS (SELECT case_id, MIN(period) AS period FROM case_reasons GROUP BY case_id),
                resolution AS (
                    SELECT case_id, MAX(at) AS at FROM case_events
                    WHERE to_state = 'resolved' AND from_state != 'resolved' GROUP BY case_id)
                SELECT m.period, COALESCE(m.department, j.department), m.territory, c.due_on,
                    CASE WHEN c.state = 'resolved' THEN COALESCE(r.at, c.updated_at) END
                FROM cases c JOIN first_reason f ON f.case_id = c.id
                JOIN members m ON m.period = f.period AND m.jobseeker_id = c.jobseeker_id
                JOIN jobseekers j ON j.id = m.jobseeker_id
                LEFT JOIN resolution r ON r.case_id = c.id
                WHERE m.outcome IS NOT NULL
                """)
        while let row = try rows.next() {
            let zone = Territory(key: row[2] as String)?.zone ?? .paris
            let resolvedAt = (row[4] as Int64?).map { zone.date(of: Instant(seconds: $0)) }
            let due = LocalDate(iso: row[3] as String)
            each(row, resolvedAt.map { resolved in due.map { resolved <= $0 } ?? false } ?? false)
        }
    }

    /// Declarations by period, department and whole days from the window's opening in the
    /// member's territory, `openings` given as a table of bound values.
    private func daysToDeclare(openings: [PeriodOpening], _ each: (Row) -> Void) throws {
        guard !openings.isEmpty else { return }
        let values = Array(repeating: "(?, ?, ?)", count: openings.count).joined(separator: ", ")
        var arguments = StatementArguments()
        for opening in openings {
            _ = arguments.append(contentsOf: [
                opening.period.description, opening.territory.key, opening.opening.seconds,
            ])
        }
        for row in try Row.fetchAll(
            db,
            sql: """
                WITH o(period, territory, opening_at) AS (VALUES \(values))
                SELECT m.period, COALESCE(m.department, j.department),
                    MAX(0, (d.declared_at - o.opening_at) / 86400), COUNT(*)
                FROM members m JOIN jobseekers j ON j.id = m.jobseeker_id
                JOIN declarations d ON d.jobseeker_id = m.jobseeker_id AND d.period = m.period
                JOIN o ON o.period = m.period AND o.territory = m.territory
                WHERE m.outcome IN ('declared', 'late') GROUP BY 1, 2, 3
                """, arguments: arguments)
        {
            each(row)
        }
    }

    /// The closed periods of the database, oldest first.
    public func closedPeriods() throws -> [Period] {
        try String.fetchAll(db, sql: "SELECT period FROM periods WHERE state IN ('closed', 'finished') ORDER BY period")
            .compactMap { Period($0) }
    }
}
