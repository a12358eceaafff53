import RelanceConfig
import RelanceStore

/// The import of a jobseekers file (SPEC section 7): valid rows are upserted in sorted batches
/// (``JobseekerBatch``), and an id that appeared on an earlier line (a row whose id is valid) is
/// an error.
///
/// Memory does not grow with the file: the ids seen so far are kept in a ``KeyFilter``, which
/// can only say that an id may have been seen. Such an id is settled through the batch and the
/// store when it can be: a row waiting in the batch, or stored with this import's revision, means
/// a duplicate; no row at all, while every valid id so far was written or batched, means a new
/// id. Other rows are set aside; at the end, one more read of the file up to the last of them
/// finds the line where each of their ids first appears, which decides between a duplicate and
/// a row to import.
struct JobseekerImport {
    let file: CSVImport
    let fileBytes: Int
    let pattern: IdentifierPattern
    /// The revision this import stamps on the rows it writes.
    let revision: Int
    /// The revision of a stored jobseeker, nil when there is none.
    let storedRevision: (String) throws -> Int?
    /// Upserts a valid row; returns whether it changed anything.
    let upsert: (JobseekerRecord) throws -> Bool
    /// Warns about rows whose cases would not reach the advisor or agency they name.
    let routing: RoutingCheck

    func run() throws -> ImportReport {
        var filter = KeyFilter(fileBytes: fileBytes)
        var batch = JobseekerBatch()
        var setAside: [(row: CSVRow, id: String)] = []
        // Whether every row with a valid id so far was written or waits in the batch (none had
        // another invalid field).
        var allWritten = true
        var warnings = ImportWarnings()
        let check = { (record: JobseekerRecord, line: Int) in
            if let (column, message) = Rows.unreachableWarning(record) {
                warnings.add("\(file.path):\(line): \(column): \(message)")
            }
            routing.check(record, line: line, into: &warnings)
        }
        var report = try file.run { row in
            let id = try Rows.jobseekerID(row, pattern: pattern)
            if !filter.insert(id) {
                if batch.contains(id) { throw Rows.duplicate(id, column: "id") }
                let stored = try storedRevision(id)
                if stored == revision { throw Rows.duplicate(id, column: "id") }
                if stored != nil || !allWritten {
                    setAside.append((row, id))
                    return .deferred
                }
            }
            let record: JobseekerRecord
            do {
                record = try Rows.jobseeker(row, id: id)
            } catch {
                allWritten = false
                throw error
            }
            check(record, row.line)
            try batch.add(record, upsert)
            return .deferred
        }
        try batch.flush(upsert)
        report.written += batch.written
        report.unchanged += batch.unchanged
        guard let last = setAside.last?.row.line else {
            report.warnings = warnings
            return report
        }
        let firstLines = try firstLines(of: Set(setAside.map(\.id)), through: last)
        for (row, id) in setAside {
            try file.record(row, into: &report) { row in
                guard firstLines[id] == row.line else { throw Rows.duplicate(id, column: "id") }
                let record = try Rows.jobseeker(row, id: id)
                check(record, row.line)
                return try upsert(record) ? .written : .unchanged
            }
        }
        report.warnings = warnings
        return report
    }

    /// The first line on which each of `ids` is the valid id of a row, reading up to `last`.
    private func firstLines(of ids: Set<String>, through last: Int) throws -> [String: Int] {
        var lines: [String: Int] = [:]
        var ignored = ImportReport()
        try file.read(&ignored) { row, _ in
            if let id = row["id"], ids.contains(id), lines[id] == nil, pattern.problem(with: id) == nil {
                lines[id] = row.line
            }
            return row.line < last
        }
        return lines
    }
}
