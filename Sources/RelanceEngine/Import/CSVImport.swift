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
    /// Whether anything was committed.
    public var committed = false

    /// How many errors are printed; the rest are counted.
    public static let errorLimit = 100
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

/// A row of a CSV file, by column name.
struct CSVRow {
    let line: Int
    let values: [String: String]

    /// The trimmed value of a column, nil when absent or empty.
    subscript(_ column: String) -> String? {
        guard let value = values[column]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// A required column, or a field error.
    func required(_ column: String) throws -> String {
        guard let value = self[column] else { throw FieldError(column: column, message: "is required") }
        return value
    }

    /// An optional free-text column checked for length and control characters.
    func text(_ column: String, maxLength: Int) throws -> String? {
        guard let value = self[column] else { return nil }
        if let problem = TextRules.problem(inText: value, maxLength: maxLength) {
            throw FieldError(column: column, message: problem)
        }
        return value
    }

    /// An optional email address column.
    func email(_ column: String) throws -> String? {
        guard let value = self[column] else { return nil }
        if let problem = TextRules.problem(inEmail: value) {
            throw FieldError(column: column, message: "'\(Self.shown(value))' \(problem)")
        }
        return value
    }

    /// A code used in file names and headers (agency, advisor): letters, digits, `-` and `_`.
    func code(_ column: String) throws -> String? {
        guard let value = self[column] else { return nil }
        guard value.count <= 64,
            value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { throw FieldError(column: column, message: "'\(Self.shown(value))' must be letters, digits, - or _") }
        return value
    }

    /// A department code of SPEC section 2.
    func department(_ column: String) throws -> (code: String, territory: Territory) {
        let code = try required(column)
        guard let territory = Territory(department: code) else {
            throw FieldError(column: column, message: "'\(Self.shown(code))' is not a department code")
        }
        return (code, territory)
    }

    /// A value as it may be shown in an error: no control characters, at most 40 characters.
    static func shown(_ value: String) -> String {
        let printable = String(value.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
        return printable.count > 40 ? String(printable.prefix(40)) + "…" : printable
    }
}

/// Reads a CSV file row by row, checks its header against the columns of its kind, and hands
/// every row to `handle`; collects errors as `FILE:LINE: COLUMN: message`.
struct CSVImport {
    let path: String
    let columns: [String]
    let requiredColumns: [String]

    /// Streams the file through `handle`. Returns the report; row errors are collected in it.
    func run(_ handle: (CSVRow) throws -> Bool) throws -> ImportReport {
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw RelanceError(.invalidInput, "\(path): cannot open the file")
        }
        defer { try? file.close() }
        var reader = CSVReader { try file.read(upToCount: 1 << 16).map { Array($0) } }
        var report = ImportReport()
        do {
            guard let header = try reader.readHeader() else {
                throw RelanceError(.invalidInput, "\(path):1: the file is empty (a header row is required)")
            }
            let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            try checkHeader(names)
            while let record = try reader.readRecord() {
                report.rows += 1
                guard record.fields.count == names.count else {
                    addError(
                        &report,
                        "\(path):\(record.line): row has \(record.fields.count) fields, the header has \(names.count)")
                    continue
                }
                let row = CSVRow(line: record.line, values: Dictionary(zip(names, record.fields)) { first, _ in first })
                do {
                    if try handle(row) { report.written += 1 } else { report.unchanged += 1 }
                } catch let error as FieldError {
                    addError(&report, "\(path):\(record.line): \(error.column): \(error.message)")
                }
            }
        } catch let error as CSVReader.SyntaxError {
            addError(&report, "\(path):\(error.line): \(error.message)")
        }
        return report
    }

    private func addError(_ report: inout ImportReport, _ message: String) {
        report.invalid += 1
        if report.errors.count < ImportReport.errorLimit { report.errors.append(message) }
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
