import RelanceConfig
import RelanceCore
import RelanceStore

/// The import of a jobseekers file (SPEC section 7): rows are checked as they are read and the
/// valid ones staged in the store, which writes them all at once in key order; an id that
/// appeared on an earlier line (a row whose id is valid) is an error.
///
/// Memory does not grow with the file: the ids seen so far are kept in a ``KeyFilter``, which
/// can only say that an id may have been seen. The first row with an id is always "new" to the
/// filter, so a row it may have seen is set aside, and settled once the file is read: a
/// duplicate when a staged row or an earlier set-aside row has its id, a row to import
/// otherwise. A set-aside row is a duplicate or, rarely, a key the filter mistook.
struct JobseekerImport {
    let file: CSVImport
    let fileBytes: Int
    let pattern: IdentifierPattern
    let stage: JobseekerStaging
    /// Warns about rows whose cases would not reach the advisor or agency they name.
    let routing: RoutingCheck

    /// Reads and stages the file; the report counts the rows, the errors and the warnings, and
    /// leaves `written` and `unchanged` to the write.
    func run() throws -> (report: ImportReport, valid: Int) {
        var filter = KeyFilter(fileBytes: fileBytes)
        var setAside: [(row: CSVRow, id: String)] = []
        var valid = 0
        var warnings = ImportWarnings()
        // Checks the other fields of a row whose id is valid and first seen, and stages it.
        let stageRow = { (row: CSVRow, id: String) throws -> RowOutcome in
            let record: JobseekerRecord
            do {
                record = try Rows.jobseeker(row, id: id)
            } catch {
                try stage.addInvalid(id: id, line: row.line)
                throw error
            }
            if let (column, message) = Rows.unreachableWarning(record) {
                warnings.add("\(file.path):\(row.line): \(column): \(message)")
            }
            routing.check(record, line: row.line, into: &warnings)
            try stage.add(record, line: row.line)
            valid += 1
            return .deferred
        }
        var report = try file.run { row in
            let id = try Rows.jobseekerID(row, pattern: pattern)
            guard filter.insert(id) else {
                setAside.append((row, id))
                return .deferred
            }
            return try stageRow(row, id)
        }
        var seen = try stage.staged(among: Set(setAside.map(\.id)))
        for (row, id) in setAside {
            try file.record(row, into: &report) { row in
                guard seen.insert(id).inserted else { throw Rows.duplicate(id, column: "id") }
                return try stageRow(row, id)
            }
        }
        report.warnings = warnings
        return (report, valid)
    }
}
