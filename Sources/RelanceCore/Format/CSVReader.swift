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

    /// The message of the syntax error for bytes that are not UTF-8.
    public static let notUTF8 = "is not valid UTF-8"

    private static let quote = UInt8(ascii: "\"")

    private let nextChunk: () throws -> [UInt8]?
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var line = 1
    /// The bytes of a field that is quoted or straddles two chunks.
    private var pending: [UInt8] = []
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
        var fields: [String] = []
        guard let line = try readRecord(into: &fields) else { return nil }
        return Record(line: line, fields: fields)
    }

    /// Reads the next record into `fields` (replacing its content, keeping its capacity) and
    /// returns the line on which it starts, or nil at end of input. Blank lines are skipped.
    public mutating func readRecord(into fields: inout [String]) throws -> Int? {
        while true {
            guard try peek() != nil else { return nil }
            let start = line
            fields.removeAll(keepingCapacity: true)
            try readFields(into: &fields)
            if fields.count == 1 && fields[0].isEmpty { continue }
            return start
        }
    }

    private mutating func readFields(into fields: inout [String]) throws {
        let startLine = line
        while true {
            guard let first = try peek() else {
                fields.append("")
                return
            }
            if first == Self.quote {
                position += 1
                pending.removeAll(keepingCapacity: true)
                try readQuoted(startLine: startLine)
                fields.append(try decodePending())
            } else {
                fields.append(try readUnquoted())
            }
            switch try peek() {
            case nil:
                return
            case separator:
                position += 1
            case 0x0D:
                position += 1
                if try peek() == 0x0A { position += 1 }
                line += 1
                return
            case 0x0A:
                position += 1
                line += 1
                return
            default:
                throw SyntaxError(line: line, message: "unexpected character after a closing quote")
            }
        }
    }

    /// The index of the first byte from `position` that is a separator, a line break or a quote,
    /// or the end of the buffer.
    private func endOfUnquoted() -> Int {
        let separator = separator
        return buffer.withUnsafeBufferPointer { bytes in
            var index = position
            while index < bytes.count {
                let byte = bytes[index]
                if byte == separator || byte == 0x0A || byte == 0x0D || byte == Self.quote { return index }
                index += 1
            }
            return index
        }
    }

    /// Reads an unquoted field, up to (not including) its separator or line break.
    private mutating func readUnquoted() throws -> String {
        var end = endOfUnquoted()
        if end < buffer.count {
            // The common case: the whole field is in the buffer.
            try rejectQuote(at: end)
            let field = try decode(position..<end)
            position = end
            return field
        }
        pending.removeAll(keepingCapacity: true)
        while true {
            pending.append(contentsOf: buffer[position..<end])
            position = end
            try fill(1)
            if position >= buffer.count { break }
            end = endOfUnquoted()
            if end < buffer.count {
                pending.append(contentsOf: buffer[position..<end])
                position = end
                try rejectQuote(at: end)
                break
            }
        }
        return try decodePending()
    }

    private func rejectQuote(at index: Int) throws {
        if buffer[index] == Self.quote {
            throw SyntaxError(line: line, message: "a quote inside an unquoted field (RFC 4180 needs the field quoted)")
        }
    }

    /// Reads a quoted field into `pending`, after its opening quote and up to its closing quote.
    private mutating func readQuoted(startLine: Int) throws {
        while true {
            if position >= buffer.count {
                try fill(1)
                if position >= buffer.count {
                    throw SyntaxError(line: startLine, message: "a quoted field is never closed")
                }
            }
            let (end, breaks) = buffer.withUnsafeBufferPointer { bytes in
                var index = position
                var breaks = 0
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == Self.quote { break }
                    if byte == 0x0A { breaks += 1 }
                    index += 1
                }
                return (index, breaks)
            }
            pending.append(contentsOf: buffer[position..<end])
            line += breaks
            position = end
            guard position < buffer.count else { continue }
            position += 1
            if try peek() == Self.quote {
                pending.append(Self.quote)
                position += 1
            } else {
                return
            }
        }
    }

    private func decode(_ range: Range<Int>) throws -> String {
        let text = buffer.withUnsafeBufferPointer { bytes in
            UTF8Check.string(UnsafeBufferPointer(rebasing: bytes[range]))
        }
        guard let text else { throw SyntaxError(line: line, message: Self.notUTF8) }
        return text
    }

    private func decodePending() throws -> String {
        guard let text = pending.withUnsafeBufferPointer(UTF8Check.string) else {
            throw SyntaxError(line: line, message: Self.notUTF8)
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
            if byte == Self.quote { quoted.toggle() }
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
