import Testing

@testable import RelanceDelivery

/// The SMTP bytes relance reads and writes itself: replies (RFC 5321 section 4.2) and message
/// data (section 4.5.2).
@Suite("SMTP wire format")
struct SMTPWireTests {
    private func replies(_ chunks: [String]) throws -> [SMTPReply] {
        var reader = SMTPReplyReader()
        var replies: [SMTPReply] = []
        for chunk in chunks {
            reader.append(Array(chunk.utf8))
            while let reply = try reader.next() { replies.append(reply) }
        }
        return replies
    }

    @Test("pipelined replies come out one by one, whatever the chunks they arrive in")
    func pipelinedReplies() throws {
        let wire = "250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 End data with <CR><LF>.<CR><LF>\r\n"
        let expected = [
            SMTPReply(code: 250, text: "2.1.0 Ok"), SMTPReply(code: 250, text: "2.1.5 Ok"),
            SMTPReply(code: 354, text: "End data with <CR><LF>.<CR><LF>"),
        ]
        #expect(try replies([wire]) == expected)
        let bytes = Array(wire)
        for cut in 1..<bytes.count {
            #expect(try replies([String(bytes[..<cut]), String(bytes[cut...])]) == expected, "cut at \(cut)")
        }
    }

    @Test("a multiline reply is one reply; a bare code and LF-only lines are accepted")
    func multiline() throws {
        let wire = "250-mx.example.fr\r\n250-PIPELINING\r\n250 SMTPUTF8\r\n221\n"
        #expect(
            try replies([wire]) == [
                SMTPReply(code: 250, text: "mx.example.fr PIPELINING SMTPUTF8"), SMTPReply(code: 221, text: ""),
            ])
        #expect(try replies(["250-first\r\n"]).isEmpty, "an unfinished multiline reply is not a reply yet")
    }

    @Test(
        "lines that are not replies are refused, with the line made printable",
        arguments: ["%%% garbage %%%\r\n", "25 short\r\n", "650 bad class\r\n", "250x\r\n", "2a0 Ok\r\n"])
    func malformed(line: String) {
        #expect(throws: SMTPMalformedReply.self) { try replies([line]) }
    }

    @Test("a line longer than any server sends, with no end, is refused instead of buffered forever")
    func endlessLine() {
        let endless = "250 " + String(repeating: "x", count: SMTPReplyReader.maximumLineLength)
        #expect(throws: SMTPMalformedReply.self) { try replies([endless]) }
        #expect(throws: Never.self) { try replies([String(endless.dropLast(8))]) }
    }

    @Test("a line too long is refused whether it arrives whole or in pieces")
    func longLineWholeOrInPieces() {
        let long = "250 " + String(repeating: "x", count: SMTPReplyReader.maximumLineLength) + "\r\n"
        #expect(throws: SMTPMalformedReply.self) { try replies([long]) }
        #expect(throws: SMTPMalformedReply.self) { try replies(long.map { String($0) }) }
        let longest = "250 " + String(repeating: "x", count: SMTPReplyReader.maximumLineLength - 5) + "\r\n"
        #expect(throws: Never.self) { try replies([longest]) }
        #expect(throws: Never.self) { try replies(longest.map { String($0) }) }
    }

    @Test("reply text keeps no control characters")
    func printableText() throws {
        #expect(try replies(["550 5.1.1 \u{7}unknown\tuser\r\n"]) == [SMTPReply(code: 550, text: "5.1.1 unknownuser")])
        #expect(SMTPReply(code: 550, text: "").description == "SMTP 550")
    }

    @Test(
        "message data: lines that begin with a dot get one more, and the data ends with CRLF . CRLF",
        arguments: [
            ("Subject: a\r\n\r\nbody\r\n", "Subject: a\r\n\r\nbody\r\n.\r\n"),
            (".first\r\n..second\r\nmid.dle\r\n.\r\n", "..first\r\n...second\r\nmid.dle\r\n..\r\n.\r\n"),
            ("no final newline", "no final newline\r\n.\r\n"),
            ("", ".\r\n"),
        ])
    func data(message: String, expected: String) {
        #expect(String(decoding: SMTPData.encoded(Array(message.utf8)), as: UTF8.self) == expected)
    }
}
