import Testing

@testable import RelanceCore

@Suite("CSV reader (SPEC section 7)")
struct CSVReaderTests {
    @Test func commaSeparated() throws {
        let parsed = try parseCSV("id,department,email\n1234567A,75,a@b.fr\n7654321B,971,\n")
        #expect(
            parsed
                == ParsedCSV(
                    separator: ",", lines: [1, 2, 3],
                    rows: [["id", "department", "email"], ["1234567A", "75", "a@b.fr"], ["7654321B", "971", ""]]))
    }

    @Test func semicolonSeparated() throws {
        let parsed = try parseCSV("id;department;label\n1;75;a,b\n")
        #expect(parsed.separator == ";")
        #expect(parsed.rows == [["id", "department", "label"], ["1", "75", "a,b"]])
    }

    @Test(
        "Separator detection from the header line",
        arguments: [
            ("a;b;c,d\n", ";"), ("a,b,c;d\n", ","), ("a;b\n1,2,3,4,5\n", ";"), ("a\n", ","), ("a,b;c\n", ","),
            ("\"x,y,z\";b;c\n", ";"), ("\"x;y;z\",b,c\n", ","), ("a;b", ";"), ("\"multi\nline,,,\";b\n", ";"),
        ])
    func separatorDetection(text: String, separator: String) throws {
        #expect(try parseCSV(text).separator == separator)
    }

    @Test func leadingBlankLinesBeforeTheHeader() throws {
        // Blank lines are skipped, so the header is the first non-blank line: its separator counts.
        let parsed = try parseCSV("\n\r\nid;department\n1;75\n")
        #expect(parsed.separator == ";")
        #expect(parsed.rows == [["id", "department"], ["1", "75"]])
        #expect(parsed.lines == [3, 4])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        for text in ["id;department\n1;75\n", "id,department\n1,75\n"] {
            let parsed = try parseCSV(bom + Array(text.utf8))
            #expect(parsed.rows == [["id", "department"], ["1", "75"]])
            #expect(parsed.rows.first?.first?.unicodeScalars.first == "i")
        }
        #expect(try parseCSV(bom).rows.isEmpty)
        #expect(try parseCSV([UInt8]()).rows.isEmpty)
    }

    @Test func quotedFields() throws {
        let text = "id,label\n1,\"a, b\"\n2,\"line1\nline2\"\n3,\"say \"\"hi\"\"\"\n4,\"\"\n5,\"\"\"\"\n6,\"é;€\"\n"
        let parsed = try parseCSV(text)
        #expect(parsed.rows.dropFirst().map { $0[1] } == ["a, b", "line1\nline2", "say \"hi\"", "", "\"", "é;€"])
        #expect(parsed.lines == [1, 2, 3, 5, 6, 7, 8])
    }

    @Test func crlfLineEndings() throws {
        let parsed = try parseCSV("a,b\r\n1,2\r\n3,\"x\r\ny\"\r\n4,5\r\n")
        #expect(parsed.rows == [["a", "b"], ["1", "2"], ["3", "x\r\ny"], ["4", "5"]])
        #expect(parsed.lines == [1, 2, 3, 5])
    }

    @Test func bareCarriageReturnsEndLines() throws {
        let parsed = try parseCSV("a,b\r1,2\r3,4")
        #expect(parsed.rows == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(parsed.lines == [1, 2, 3])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let parsed = try parseCSV("a,b\n\n1,2\n\r\n\n3,4\n\n")
        #expect(parsed.rows == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(parsed.lines == [1, 3, 6])
    }

    @Test func emptyAndTrailingFields() throws {
        let parsed = try parseCSV("a,b,c\n,,\n1,2,\n,,3\n1,2,3")
        #expect(
            parsed.rows.dropFirst().map { $0 } == [["", "", ""], ["1", "2", ""], ["", "", "3"], ["1", "2", "3"]])
        #expect(parsed.lines == [1, 2, 3, 4, 5])
    }

    @Test func fieldsAreNotTrimmed() throws {
        #expect(try parseCSV("a,b\n 1 , 2 \n").rows.last == [" 1 ", " 2 "])
    }

    @Test(
        "Syntax errors name the line",
        arguments: [
            ("a,b\n1,2\n3,\"open\nmore\nstill", 3),  // never closed: the line where it opens
            ("a,b\n1,\"open\n", 2),
            ("a,b\n1,x\"y\n", 2),  // quote inside an unquoted field
            ("a,b\n1,2\n\n3,\"x\"\"\n", 4),
            ("a,b\n\"x\"y,1\n", 2),  // text after a closing quote
            ("a,b\n1,\"x\" \n", 2),
        ])
    func syntaxErrors(text: String, line: Int) {
        let error = #expect(throws: CSVReader.SyntaxError.self) { try parseCSV(text) }
        #expect(error?.line == line)
        #expect(error?.message.isEmpty == false)
    }

    @Test func unterminatedQuoteMessage() {
        let error = #expect(throws: CSVReader.SyntaxError.self) { try parseCSV("a\n\"never") }
        #expect(error == CSVReader.SyntaxError(line: 2, message: "a quoted field is never closed"))
    }

    @Test(
        "Invalid UTF-8 is an error on its line",
        arguments: [
            [0xC3, 0x28], [0xFF], [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80],
        ] as [[UInt8]])
    func invalidUTF8(bad: [UInt8]) {
        let bytes = Array("a,b\n1,2\n3,".utf8) + bad + Array("\n4,5\n".utf8)
        let error = #expect(throws: CSVReader.SyntaxError.self) { try parseCSV(bytes) }
        #expect(error?.line == 3)
    }

    @Test func invalidUTF8InAQuotedField() {
        let bytes = Array("a,b\n1,\"x".utf8) + [0xFF] + Array("\"\n".utf8)
        let error = #expect(throws: CSVReader.SyntaxError.self) { try parseCSV(bytes) }
        #expect(error?.line == 2)
    }

    struct SourceFailure: Error {}

    @Test func sourceErrorsPropagate() {
        var reader = CSVReader { throw SourceFailure() }
        #expect(throws: SourceFailure.self) { try reader.readHeader() }
    }

    @Test func readRecordAfterTheEndKeepsReturningNil() throws {
        var reader = CSVReader(chunks: chunks(of: Array("a\n1\n".utf8), size: 3))
        #expect(try reader.readHeader()?.fields == ["a"])
        #expect(try reader.readRecord()?.fields == ["1"])
        #expect(try reader.readRecord() == nil)
        #expect(try reader.readRecord() == nil)
    }
}
