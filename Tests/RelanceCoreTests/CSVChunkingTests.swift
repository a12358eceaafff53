import Testing

@testable import RelanceCore

/// The reader pulls bytes in chunks: the result must not depend on where chunks end.
@Suite("CSV reader with tiny chunks")
struct CSVChunkingTests {
    static let body =
        "id;department;label\r\n1;75;\"a;b\"\r\n2;971;\"line1\r\nline2\"\r\n\r\n3;2A;\"say \"\"hi\"\"\"\r\n4;974;Zoé €\r\n"

    static let expected = ParsedCSV(
        separator: ";", lines: [1, 2, 3, 6, 7],
        rows: [
            ["id", "department", "label"], ["1", "75", "a;b"], ["2", "971", "line1\r\nline2"],
            ["3", "2A", "say \"hi\""], ["4", "974", "Zoé €"],
        ])

    static let sizes = [1, 2, 3, 4, 5, 7, 16, 64, 65_536]

    @Test("Without BOM", arguments: sizes)
    func withoutBOM(chunkSize: Int) throws {
        #expect(try parseCSV(Array(Self.body.utf8), chunkSize: chunkSize) == Self.expected)
    }

    @Test("With BOM", arguments: sizes)
    func withBOM(chunkSize: Int) throws {
        #expect(try parseCSV(bom + Array(Self.body.utf8), chunkSize: chunkSize) == Self.expected)
    }

    @Test(
        "A semicolon header behind a BOM, one byte at a time",
        arguments: [
            "id;department\n1;75\n", "a;b;c,d\n1;2;3,4\n", "\"x,y\";z\n1;2\n",
        ])
    func semicolonHeaderBehindBOM(text: String) throws {
        let whole = try parseCSV(bom + Array(text.utf8))
        #expect(whole.separator == ";")
        #expect(try parseCSV(bom + Array(text.utf8), chunkSize: 1) == whole)
        #expect(try parseCSV(bom + Array(text.utf8), chunkSize: 4) == whole)
    }

    @Test("Errors keep their line whatever the chunk size", arguments: sizes)
    func errorsAcrossChunks(chunkSize: Int) {
        let unterminated = #expect(throws: CSVReader.SyntaxError.self) {
            try parseCSV("a,b\n1,2\n3,\"open\nmore\n", chunkSize: chunkSize)
        }
        #expect(unterminated?.line == 3)
        let strayQuote = #expect(throws: CSVReader.SyntaxError.self) {
            try parseCSV("a,b\n\n1,x\"y\n", chunkSize: chunkSize)
        }
        #expect(strayQuote?.line == 3)
    }

    @Test("A long header line", arguments: [1, 100, 4095, 4096, 4097])
    func longHeader(chunkSize: Int) throws {
        let names = (1...1000).map { "column\($0)" }
        let text = names.joined(separator: ";") + "\n" + (1...1000).map(String.init).joined(separator: ";") + "\n"
        let parsed = try parseCSV(bom + Array(text.utf8), chunkSize: chunkSize)
        #expect(parsed.separator == ";")
        #expect(parsed.rows.first == names)
        #expect(parsed.rows.last?.count == 1000)
    }
}
