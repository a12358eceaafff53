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
        let id = try row.required("jobseeker_id")
        if let problem = FileName.problem(id) {
            throw FieldError(column: "jobseeker_id", message: "'\(CSVRow.shown(id))' \(problem): not a jobseeker id")
        }
        guard let territory = try session.jobseekerTerritory(id) else {
            throw FieldError(column: "jobseeker_id", message: "'\(CSVRow.shown(id))' is not a known jobseeker")
        }
        let periodText = try row.required("period")
        guard let period = Period(periodText) else {
            throw FieldError(column: "period", message: "'\(CSVRow.shown(periodText))' is not a period YYYY-MM")
        }
        guard calendar.opening(of: period, in: territory) <= now else {
            throw FieldError(column: "period", message: "the window of \(period) has not opened yet")
        }
        let declaredText = try row.required("declared_at")
        guard let declaredAt = Instant(iso: declaredText) else {
            throw FieldError(
                column: "declared_at", message: "'\(CSVRow.shown(declaredText))' is not ISO 8601 with an offset")
        }
        guard declaredAt <= now.adding(seconds: 300) else {
            throw FieldError(column: "declared_at", message: "is in the future")
        }
        return DeclarationRow(jobseekerID: id, period: period, declaredAt: declaredAt, act: try act(row))
    }

    private static func act(_ row: CSVRow) throws -> Act? {
        let label = try row.text("act_label", maxLength: 500)
        guard row["act_date"] != nil || row["act_type"] != nil else {
            if label != nil { throw FieldError(column: "act_label", message: "is given without act_date and act_type") }
            return nil
        }
        let dateText = try row.required("act_date")
        guard let date = LocalDate(iso: dateText) else {
            throw FieldError(column: "act_date", message: "'\(CSVRow.shown(dateText))' is not a date YYYY-MM-DD")
        }
        let typeText = try row.required("act_type")
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
