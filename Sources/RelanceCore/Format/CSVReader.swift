/// A streaming RFC 4180 reader: UTF-8 with or without BOM, `,` or `;` separator
/// detected from the header line, quoted fields spanning lines (SPEC section 7).
///
/// It pulls bytes in chunks from a source closure, so a file of any size is read in
/// constant memory. Records are returned with the line on which they start.
public struct CSVReader {
    /// One record and the (1-based) line on which it starts.
    public struct Record: Sendable {
        public let line: Int
        public let fields: [String]
    }

    /// A syntax error at a line of the file.
    public struct SyntaxError: Error, Sendable, Equatable {
        public let line: Int
        public let message: String
    }

    private let nextChunk: () throws -> [UInt8]?
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var line = 1
    /// The field separator, known once the header was read.
    public private(set) var separator: UInt8 = UInt8(ascii: ",")

    /// Creates a reader over a source of byte chunks (nil or empty at end of input).
    public init(chunks: @escaping () throws -> [UInt8]?) {
        nextChunk = chunks
    }

    /// Reads the header line, detecting the separator and skipping a BOM.
    public mutating func readHeader() throws -> Record? {
        try fill(3)
        if buffer.count - position >= 3, buffer[position] == 0xEF, buffer[position + 1] == 0xBB,
            buffer[position + 2] == 0xBF
        {
            position += 3
        }
        try skipBlankLines()
        separator = try detectSeparator()
        return try readRecord()
    }

    /// Reads the next record, or nil at end of input. Blank lines are skipped.
    public mutating func readRecord() throws -> Record? {
        while true {
            guard try peek() != nil else { return nil }
            let start = line
            let fields = try readFields()
            if fields.count == 1 && fields[0].isEmpty { continue }
            return Record(line: start, fields: fields)
        }
    }

    private mutating func readFields() throws -> [String] {
        var fields: [String] = []
        var field: [UInt8] = []
        let startLine = line
        while true {
            field.removeAll(keepingCapacity: true)
            guard let first = try peek() else {
                fields.append("")
                return fields
            }
            if first == UInt8(ascii: "\"") {
                position += 1
                try readQuoted(into: &field, startLine: startLine)
            } else {
                while let byte = try peek(), byte != separator, byte != 0x0A, byte != 0x0D {
                    if byte == UInt8(ascii: "\"") {
                        throw SyntaxError(
                            line: line, message: "a quote inside an unquoted field (RFC 4180 needs the field quoted)")
                    }
                    field.append(byte)
                    position += 1
                }
            }
            fields.append(try decode(field))
            switch try peek() {
            case nil:
                return fields
            case separator:
                position += 1
            case 0x0D:
                position += 1
                if try peek() == 0x0A { position += 1 }
                line += 1
                return fields
            case 0x0A:
                position += 1
                line += 1
                return fields
            default:
                throw SyntaxError(line: line, message: "unexpected character after a closing quote")
            }
        }
    }

    private mutating func readQuoted(into field: inout [UInt8], startLine: Int) throws {
        while true {
            guard let byte = try peek() else {
                throw SyntaxError(line: startLine, message: "a quoted field is never closed")
            }
            position += 1
            if byte == UInt8(ascii: "\"") {
                if try peek() == UInt8(ascii: "\"") {
                    field.append(byte)
                    position += 1
                } else {
                    return
                }
            } else {
                if byte == 0x0A { line += 1 }
                field.append(byte)
            }
        }
    }

    private func decode(_ bytes: [UInt8]) throws -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw SyntaxError(line: line, message: "is not valid UTF-8")
        }
        return text
    }

    private mutating func detectSeparator() throws -> UInt8 {
        var offset = 0
        var commas = 0
        var semicolons = 0
        var quoted = false
        while true {
            if position + offset >= buffer.count {
                try fill(offset + 4096)
                if position + offset >= buffer.count { break }
            }
            let byte = buffer[position + offset]
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if !quoted {
                if byte == 0x0A || byte == 0x0D { break }
                if byte == UInt8(ascii: ",") { commas += 1 }
                if byte == UInt8(ascii: ";") { semicolons += 1 }
            }
            offset += 1
        }
        return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    /// Skips blank lines before the header, counting them.
    private mutating func skipBlankLines() throws {
        while let byte = try peek(), byte == 0x0A || byte == 0x0D {
            position += 1
            let next = try peek()
            if byte == 0x0A || next != 0x0A { line += 1 }
        }
    }

    private mutating func peek() throws -> UInt8? {
        if position >= buffer.count {
            try fill(1)
            if position >= buffer.count { return nil }
        }
        return buffer[position]
    }

    /// Makes at least `count` unread bytes available, unless the input ends first.
    private mutating func fill(_ count: Int) throws {
        while buffer.count - position < count && !atEnd {
            if position > 0 {
                buffer.removeFirst(position)
                position = 0
            }
            if let chunk = try nextChunk(), !chunk.isEmpty {
                buffer.append(contentsOf: chunk)
            } else {
                atEnd = true
            }
        }
    }
}
