import RelanceCore

/// The columns of a file, from its header: where each column is in a row, found once.
struct CSVColumns {
    let names: [String]
    private let positions: [String: Int]

    init(_ names: [String]) {
        self.names = names
        positions = Dictionary(names.enumerated().map { ($1, $0) }) { first, _ in first }
    }

    /// The position of a column in a row, nil when the file has no such column. Looked up in
    /// the names for a handful of columns: comparing a few short names costs less than hashing
    /// one, and each row looks up each of its columns.
    func position(of column: String) -> Int? {
        names.count <= 16 ? names.firstIndex(of: column) : positions[column]
    }
}

/// A row of a CSV file: its fields, found by column name.
struct CSVRow {
    let line: Int
    let columns: CSVColumns
    let fields: [String]

    init(line: Int, columns: CSVColumns, fields: [String]) {
        self.line = line
        self.columns = columns
        self.fields = fields
    }

    /// A row made of named values (`relance declare`).
    init(line: Int, values: [String: String]) {
        self.init(line: line, columns: CSVColumns(Array(values.keys)), fields: Array(values.values))
    }

    /// The trimmed value of a column, nil when absent or empty.
    subscript(_ column: String) -> String? {
        guard let position = columns.position(of: column) else { return nil }
        return FieldText.trimmed(fields[position])
    }

    /// A required column, or a field error.
    func required(_ column: String) throws -> String {
        guard let value = self[column] else { throw Self.missing(column) }
        return value
    }

    /// The error of a required column without a value.
    static func missing(_ column: String) -> FieldError { FieldError(column: column, message: "is required") }

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
        // Every accepted character is one ASCII byte.
        guard value.utf8.count <= 64, value.utf8.allSatisfy(Self.isCodeByte) else {
            throw FieldError(column: column, message: "'\(Self.shown(value))' must be letters, digits, - or _")
        }
        return value
    }

    private static func isCodeByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default: false
        }
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
