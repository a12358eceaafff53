import RelanceConfig
import RelanceCore
import RelanceStore

/// Imports a declarations file (SPEC section 7) with the checks and writes made for all its rows
/// at once: each row is checked on its own as it is read and staged in the store, then the store
/// refuses the rows of unknown jobseekers and of windows not opened yet, and records the rest
/// with one write per declaration. The errors and the counts are those of ``DeclarationRow``
/// applied row after row.
struct DeclarationImport {
    let file: CSVImport
    let session: StoreSession
    let calendar: CycleCalendar
    let now: Instant

    func run() throws -> ImportReport {
        var report = ImportReport()
        let stage = try session.stageDeclarations()
        var periods = Set<Period>()
        var latest: Period?
        try file.read(&report) { row, report in
            report.rows += 1
            do {
                let fields = try DeclarationFields(row, now: now)
                let period = try? fields.period.get()
                // Nearly every row has the period of the row before.
                if let period, period != latest {
                    periods.insert(period)
                    latest = period
                }
                let rest = try? fields.rest.get()
                try stage.add(
                    line: row.line, jobseeker: fields.jobseekerID, period: period, declaredAt: rest?.declaredAt,
                    act: rest?.act, problem: Self.problem(fields))
            } catch let error as FieldError {
                file.report(error, line: row.line, into: &report)
            }
            return true
        }
        // The windows not opened yet, for every territory: a handful of periods, a hundred territories.
        let notOpened = periods.flatMap { period in
            Territory.all.filter { calendar.opening(of: period, in: $0) > now }.map { (period, $0) }
        }
        for (line, refusal) in try stage.reject(notOpened: notOpened) {
            file.report(Self.error(refusal), line: line, into: &report)
        }
        report.written = try stage.record(at: now)
        report.unchanged = report.rows - report.invalid - report.written
        return report
    }

    /// The row's first problem found without the store, if any.
    private static func problem(_ fields: DeclarationFields) -> DeclarationStaging.Problem? {
        if case .failure(let error) = fields.period {
            return .init(isPeriod: true, column: error.column, message: error.message)
        }
        if case .failure(let error) = fields.rest {
            return .init(isPeriod: false, column: error.column, message: error.message)
        }
        return nil
    }

    private static func error(_ refusal: DeclarationStaging.Refusal) -> FieldError {
        switch refusal {
        case .unknownJobseeker(let id): DeclarationFields.unknown(id)
        case .notOpened(let period): DeclarationFields.notOpened(period)
        case .invalid(let problem): FieldError(column: problem.column, message: problem.message)
        }
    }
}
