/// The one place relance writes CSV cells and lines (`cases list --format csv` and every other
/// CSV it writes), for `;`-separated files that open directly in French Excel.
///
/// A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be read by a
/// spreadsheet as a formula (OWASP "CSV injection"): such a cell is written with a single quote
/// before it, and quoted, so that Excel and LibreOffice show the text as it came. Cells holding
/// `;`, `"` or a line break are quoted as RFC 4180 says.
public enum CSVWriter {
    /// The separator of relance's CSV files.
    public static let separator: Character = ";"
    /// The UTF-8 byte order mark that makes French Excel read the file as UTF-8.
    public static let byteOrderMark = "\u{FEFF}"

    /// One cell, neutralised and quoted as needed.
    public static func cell(_ value: String) -> String {
        let formula = (value.first.map(isFormulaStart) ?? false) && !isNumber(value)
        let text = formula ? "'" + value : value
        guard formula || text.contains(where: needsQuotes) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One line of cells, ended by CRLF.
    public static func line(_ values: [String]) -> String {
        values.map(cell).joined(separator: String(separator)) + "\r\n"
    }

    /// A whole file: the byte order mark, the header line and one line per row.
    public static func document(header: [String], rows: [[String]]) -> String {
        byteOrderMark + line(header) + rows.map(line).joined()
    }

    /// `-0,012` or `12.5`: a negative number is no formula, and stays a number for the spreadsheet.
    /// A leading `+` is always neutralised: `+33612345678` is a phone number to show as text.
    private static func isNumber(_ value: String) -> Bool {
        let digits = value.drop { $0 == "-" }
        let parts = digits.split(separator: ",", omittingEmptySubsequences: false).flatMap {
            $0.split(separator: ".", omittingEmptySubsequences: false)
        }
        return value.count - digits.count <= 1 && (1...2).contains(parts.count)
            && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    private static func isFormulaStart(_ character: Character) -> Bool {
        ["=", "+", "-", "@", "\t", "\r"].contains(character)
    }

    private static func needsQuotes(_ character: Character) -> Bool {
        character == separator || character == "\"" || character == "\n" || character == "\r"
    }
}
