@testable import RelanceCore

/// What a CSV document parses to: the separator, and each record with its first line.
struct ParsedCSV: Equatable, CustomStringConvertible {
    var separator: String
    var lines: [Int]
    var rows: [[String]]

    var description: String { "sep \(separator) lines \(lines) rows \(rows)" }
}

/// A chunk source that hands out `bytes` in pieces of `size` bytes.
func chunks(of bytes: [UInt8], size: Int) -> () throws -> [UInt8]? {
    var offset = 0
    return {
        guard offset < bytes.count else { return nil }
        let end = min(offset + size, bytes.count)
        defer { offset = end }
        return Array(bytes[offset..<end])
    }
}

/// Reads a whole document, header included, with the given chunk size.
func parseCSV(_ bytes: [UInt8], chunkSize: Int = 65_536) throws -> ParsedCSV {
    var reader = CSVReader(chunks: chunks(of: bytes, size: chunkSize))
    var result = ParsedCSV(separator: "", lines: [], rows: [])
    if let header = try reader.readHeader() {
        result.lines.append(header.line)
        result.rows.append(header.fields)
    }
    while let record = try reader.readRecord() {
        result.lines.append(record.line)
        result.rows.append(record.fields)
    }
    result.separator = String(UnicodeScalar(reader.separator))
    return result
}

func parseCSV(_ text: String, chunkSize: Int = 65_536) throws -> ParsedCSV {
    try parseCSV(Array(text.utf8), chunkSize: chunkSize)
}

/// The byte order mark.
let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
