import RelanceConfig
import RelanceCore
import RelanceStore

/// One validated declaration row (or `relance declare`): a declaration and at most one act.
struct DeclarationRow {
    static let columns = ["jobseeker_id", "period", "declared_at", "act_date", "act_type", "act_label"]

    var jobseekerID: String
    var period: Period
    var declaredAt: Instant
    var act: Act?

    /// Validates the fields of a row against the store (known jobseeker, opened window).
    static func parse(_ row: CSVRow, session: StoreSession, calendar: CycleCalendar, now: Instant) throws
        -> DeclarationRow
    {
        let fields = try DeclarationFields(row, now: now)
        guard let territory = try session.jobseekerTerritory(fields.jobseekerID) else {
            throw DeclarationFields.unknown(fields.jobseekerID)
        }
        let period = try fields.period.get()
        guard calendar.opening(of: period, in: territory) <= now else { throw DeclarationFields.notOpened(period) }
        let (declaredAt, act) = try fields.rest.get()
        return DeclarationRow(jobseekerID: fields.jobseekerID, period: period, declaredAt: declaredAt, act: act)
    }
}

/// The checks of a declarations row that need no database, kept apart so that an import can
/// make the store's checks (known jobseeker, opened window) for all its rows at once. A row's
/// first problem is reported, in this order: `jobseeker_id` (thrown by `init`), the jobseeker
/// unknown, `period`, the window not opened, then `declared_at` and the act (``rest``).
struct DeclarationFields {
    let jobseekerID: String
    let period: Result<Period, FieldError>
    let rest: Result<(declaredAt: Instant, act: Act?), FieldError>

    init(_ row: CSVRow, now: Instant) throws {
        let id = try row.required("jobseeker_id")
        if let problem = FileName.problem(id) {
            throw FieldError(column: "jobseeker_id", message: "'\(CSVRow.shown(id))' \(problem): not a jobseeker id")
        }
        jobseekerID = id
        period = try Self.checked { try Self.period(row) }
        rest = try Self.checked { (try Self.declaredAt(row, now: now), try Self.act(row)) }
    }

    /// The value of `body`, or its field error.
    private static func checked<T>(_ body: () throws -> T) throws -> Result<T, FieldError> {
        do {
            return .success(try body())
        } catch let error as FieldError {
            return .failure(error)
        }
    }

    static func unknown(_ id: String) -> FieldError {
        FieldError(column: "jobseeker_id", message: "'\(CSVRow.shown(id))' is not a known jobseeker")
    }

    static func notOpened(_ period: some CustomStringConvertible) -> FieldError {
        FieldError(column: "period", message: "the window of \(period) has not opened yet")
    }

    private static func period(_ row: CSVRow) throws -> Period {
        let text = try row.required("period")
        guard let period = Period(text) else {
            throw FieldError(column: "period", message: "'\(CSVRow.shown(text))' is not a period YYYY-MM")
        }
        return period
    }

    private static func declaredAt(_ row: CSVRow, now: Instant) throws -> Instant {
        let text = try row.required("declared_at")
        guard let declaredAt = Instant(iso: text) else {
            throw FieldError(column: "declared_at", message: "'\(CSVRow.shown(text))' is not ISO 8601 with an offset")
        }
        guard declaredAt <= now.adding(seconds: 300) else {
            throw FieldError(column: "declared_at", message: "is in the future")
        }
        return declaredAt
    }

    private static func act(_ row: CSVRow) throws -> Act? {
        let label = try row.text("act_label", maxLength: 500)
        let (dateField, typeField) = (row["act_date"], row["act_type"])
        guard dateField != nil || typeField != nil else {
            if label != nil { throw FieldError(column: "act_label", message: "is given without act_date and act_type") }
            return nil
        }
        guard let dateText = dateField else { throw CSVRow.missing("act_date") }
        guard let date = LocalDate(iso: dateText) else {
            throw FieldError(column: "act_date", message: "'\(CSVRow.shown(dateText))' is not a date YYYY-MM-DD")
        }
        guard let typeText = typeField else { throw CSVRow.missing("act_type") }
        guard let kind = Act.Kind(rawValue: typeText) else {
            throw FieldError(
                column: "act_type",
                message:
                    "'\(CSVRow.shown(typeText))' must be one of \(Act.Kind.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        return Act(date: date, kind: kind, label: label ?? "")
    }
}
