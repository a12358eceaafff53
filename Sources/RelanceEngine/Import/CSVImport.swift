import Foundation
import RelanceCore
import RelanceStore

/// What an import did, or would do with `--dry-run`.
public struct ImportReport: Sendable {
    /// Rows read (not counting the header).
    public var rows = 0
    /// Rows that added or changed something.
    public var written = 0
    /// Valid rows equal to what was stored.
    public var unchanged = 0
    /// Invalid rows.
    public var invalid = 0
    /// The first errors, as `FILE:LINE: COLUMN: message`.
    public var errors: [String] = []
    /// Valid rows worth a look (a jobseeker whose cases would reach no one).
    public var warnings = ImportWarnings()
    /// Whether anything was committed.
    public var committed = false
    /// The line of each of `errors`.
    private var errorLines: [Int] = []

    /// How many errors are printed; the rest are counted.
    public static let errorLimit = 100

    /// Counts an invalid row, keeping its error if it is among the first `errorLimit` by line.
    mutating func addError(line: Int, _ message: String) {
        invalid += 1
        // Errors mostly arrive in line order; a row decided after the others is put in its place.
        let index = (errorLines.lastIndex { $0 <= line } ?? -1) + 1
        guard index < Self.errorLimit else { return }
        errors.insert(message, at: index)
        errorLines.insert(line, at: index)
        if errors.count > Self.errorLimit {
            errors.removeLast()
            errorLines.removeLast()
        }
    }

    /// Counts the outcome of a row.
    mutating func count(_ outcome: RowOutcome) {
        switch outcome {
        case .written: written += 1
        case .unchanged: unchanged += 1
        case .deferred: break
        }
    }
}

/// What became of a valid row.
enum RowOutcome {
    /// It added or changed something.
    case written
    /// It equals what was stored.
    case unchanged
    /// It is set aside or batched: its outcome is counted later.
    case deferred
}

/// One field error of a row.
struct FieldError: Error {
    let column: String
    let message: String
}

/// The kinds of file `relance import` reads (SPEC section 7).
public enum ImportKind: String, Sendable, CaseIterable {
    case jobseekers, advisors, agencies, declarations
}

/// Reads a CSV file row by row, checks its header against the columns of its kind, and hands
/// every row to `handle`; collects errors as `FILE:LINE: COLUMN: message`.
struct CSVImport {
    let path: String
    let columns: [String]
    let requiredColumns: [String]

    /// Streams the file through `handle`. Returns the report; row errors are collected in it.
    func run(_ handle: (CSVRow) throws -> RowOutcome) throws -> ImportReport {
        var report = ImportReport()
        try read(&report) { row, report in
            report.rows += 1
            try record(row, into: &report, handle)
            return true
        }
        return report
    }

    /// Hands the rows that have as many fields as the header to `body`, in order, until it returns
    /// false; rows with another number of fields and syntax errors go to `report`.
    func read(_ report: inout ImportReport, _ body: (CSVRow, inout ImportReport) throws -> Bool) throws {
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw RelanceError(.invalidInput, "\(path): cannot open the file")
        }
        defer { try? file.close() }
        var reader = CSVReader { try file.read(upToCount: 1 << 16).map { Array($0) } }
        do {
            guard let header = try reader.readHeader() else {
                throw RelanceError(.invalidInput, "\(path):1: the file is empty (a header row is required)")
            }
            let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            try checkHeader(names)
            let columns = CSVColumns(names)
            var fields: [String] = []
            while let line = try reader.readRecord(into: &fields) {
                guard fields.count == names.count else {
                    report.rows += 1
                    report.addError(
                        line: line,
                        "\(path):\(line): row has \(fields.count) fields, the header has \(names.count)"
                            + Self.separatorHint(fields, separator: reader.separator))
                    continue
                }
                guard try body(CSVRow(line: line, columns: columns, fields: fields), &report) else { return }
            }
        } catch let error as CSVReader.SyntaxError {
            let hint = error.message == CSVReader.notUTF8 ? Self.encodingHint(path: path) : ""
            report.addError(line: error.line, "\(path):\(error.line): \(error.message)\(hint)")
        }
    }

    /// When a row holds the other separator than the header's, says so: a row of another file
    /// pasted in, or a program that quoted differently.
    static func separatorHint(_ fields: [String], separator: UInt8) -> String {
        let other: Character = separator == UInt8(ascii: ";") ? "," : ";"
        guard fields.contains(where: { $0.contains(other) }) else { return "" }
        return " (the separator detected from the header is '\(Character(Unicode.Scalar(separator)))', "
            + "this row uses '\(other)')"
    }

    /// What a file that is not UTF-8 most likely is: Excel's "CSV" on Windows writes Windows-1252,
    /// where every byte is a character (but five unused ones).
    static func encodingHint(path: String) -> String {
        let sample = FileHandle(forReadingAtPath: path).flatMap { try? $0.read(upToCount: 1 << 20) } ?? Data()
        let unused: Set<UInt8> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]
        guard !sample.contains(where: unused.contains) else { return "" }
        return ": it looks like Windows-1252 (Latin-1), as Excel saves CSV; convert it with "
            + "iconv -f WINDOWS-1252 -t UTF-8 '\(path)' > converted.csv"
    }

    /// Hands one row to `handle`, counting its outcome or its field error.
    func record(_ row: CSVRow, into report: inout ImportReport, _ handle: (CSVRow) throws -> RowOutcome) throws {
        do {
            report.count(try handle(row))
        } catch let error as FieldError {
            self.report(error, line: row.line, into: &report)
        }
    }

    /// Counts the row at `line` invalid, with its error as `FILE:LINE: COLUMN: message`.
    func report(_ error: FieldError, line: Int, into report: inout ImportReport) {
        report.addError(line: line, "\(path):\(line): \(error.column): \(error.message)")
    }

    private func checkHeader(_ names: [String]) throws {
        var problems: [String] = []
        var seen = Set<String>()
        for name in names {
            if !columns.contains(name) {
                problems.append(
                    "\(path):1: \(CSVRow.shown(name)): unknown column (expected: \(columns.joined(separator: ", ")))")
            } else if !seen.insert(name).inserted {
                problems.append("\(path):1: \(name): column appears twice")
            }
        }
        for column in requiredColumns where !names.contains(column) {
            problems.append("\(path):1: \(column): required column is missing")
        }
        if !problems.isEmpty { throw RelanceError(.invalidInput, problems.joined(separator: "\n")) }
    }
}
