/// One SMTP reply (RFC 5321 section 4.2): its three-digit code and its text, every line of a
/// multiline reply joined.
struct SMTPReply: Equatable {
    var code: Int
    var text: String

    /// How an attempt records the reply: `SMTP 450: 4.2.0 Mailbox busy`.
    var description: String { text.isEmpty ? "SMTP \(code)" : "SMTP \(code): \(text)" }

    /// 2xx: the command was done.
    var isCompletion: Bool { (200..<300).contains(code) }
}

/// A line from the server that is not an SMTP reply.
struct SMTPMalformedReply: Error {
    /// The line, printable and cut short.
    var line: String
}

/// Cuts what a server sends into replies. Bytes go in as they arrive; a reply comes out once
/// its last line is complete.
struct SMTPReplyReader {
    /// The longest line accepted; RFC 5321 allows 512 bytes, servers sometimes say more.
    static let maximumLineLength = 4096

    private var pending: [UInt8] = []
    /// Where the bytes not read yet begin in `pending`.
    private var start = 0
    private var lines: [String] = []

    /// Adds bytes received from the server.
    mutating func append(_ bytes: [UInt8]) {
        if start == pending.count {
            pending.removeAll(keepingCapacity: true)
            start = 0
        }
        pending.append(contentsOf: bytes)
    }

    /// The next complete reply, or nil until more bytes arrive.
    mutating func next() throws(SMTPMalformedReply) -> SMTPReply? {
        while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
            var line = pending[start..<newline]
            // As long a line is refused whole as it would be in pieces (below), CR included.
            let tooLong = line.count > Self.maximumLineLength
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            start = newline + 1
            guard !tooLong else {
                lines = []
                throw SMTPMalformedReply(line: ReplyText.printable(line.prefix(100)))
            }
            guard let code = Self.code(of: line) else {
                lines = []
                throw SMTPMalformedReply(line: ReplyText.printable(line.prefix(100)))
            }
            let text = ReplyText.printable(line.dropFirst(4))
            if !text.isEmpty { lines.append(text) }
            if line.count == 3 || line[line.startIndex + 3] == UInt8(ascii: " ") {
                defer { lines = [] }
                return SMTPReply(code: code, text: lines.joined(separator: " "))
            }
        }
        guard pending.count - start <= Self.maximumLineLength else {
            defer { start = pending.count }
            throw SMTPMalformedReply(line: ReplyText.printable(pending[start...].prefix(100)))
        }
        return nil
    }

    /// The code of a reply line: three digits, the first 2 to 5, then nothing, a space or a dash.
    private static func code(of line: ArraySlice<UInt8>) -> Int? {
        let digits = line.prefix(3)
        guard digits.count == 3, digits.allSatisfy({ (0x30...0x39).contains($0) }),
            (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(digits.first!)
        else { return nil }
        if line.count > 3, ![UInt8(ascii: " "), UInt8(ascii: "-")].contains(line[line.startIndex + 3]) { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }
}

/// The bytes that follow `DATA`: the message with every line that begins with `.` given one more
/// (RFC 5321 section 4.5.2), ended by CRLF and the line with a single `.`.
enum SMTPData {
    static func encoded(_ message: [UInt8]) -> [UInt8] {
        let dot = UInt8(ascii: ".")
        let newline = UInt8(ascii: "\n")
        var data: [UInt8] = []
        data.reserveCapacity(message.count + 16)
        var lineStart = message.startIndex
        while lineStart < message.endIndex {
            let lineEnd = message[lineStart...].firstIndex(of: newline).map { $0 + 1 } ?? message.endIndex
            if message[lineStart] == dot { data.append(dot) }
            data.append(contentsOf: message[lineStart..<lineEnd])
            lineStart = lineEnd
        }
        let endsWithCRLF = data.count >= 2 && data[data.count - 2] == 0x0D && data[data.count - 1] == 0x0A
        if !data.isEmpty && !endsWithCRLF { data += [0x0D, 0x0A] }
        data += [dot, 0x0D, 0x0A]
        return data
    }
}

/// Text a server sent, fit for an attempt's record and a log line.
enum ReplyText {
    /// The bytes as UTF-8 without control characters, without spaces at either end.
    static func printable(_ bytes: some Collection<UInt8>) -> String {
        let kept = bytes.filter { $0 >= 0x20 && $0 != 0x7F }
        let space = UInt8(ascii: " ")
        guard let first = kept.firstIndex(where: { $0 != space }), let last = kept.lastIndex(where: { $0 != space })
        else { return "" }
        return String(decoding: kept[first...last], as: UTF8.self)
    }
}
