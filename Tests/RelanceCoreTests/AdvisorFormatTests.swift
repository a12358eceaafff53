import Testing

@testable import RelanceCore

/// How relance writes what advisors read in spreadsheets and digests.
@Suite("CSV cells and French phone display")
struct AdvisorFormatTests {
    @Test(
        "A cell a spreadsheet would run as a formula is quoted behind a single quote",
        arguments: [
            ("=HYPERLINK(\"http://x\";\"y\")", "\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\""),
            ("@SUM(1+1)", "\"'@SUM(1+1)\""), ("+33612345678", "\"'+33612345678\""), ("-2+3", "\"'-2+3\""),
            ("\tcmd", "\"'\tcmd\""), ("\rcmd", "\"'\rcmd\""),
        ])
    func formulaCells(value: String, written: String) {
        #expect(CSVWriter.cell(value) == written)
    }

    @Test(
        "Other cells are written as they are, quoted only for ; \" and line breaks",
        arguments: [
            ("Martin", "Martin"), ("N'Diaye", "N'Diaye"), ("a;b", "\"a;b\""), ("dit \"Jo\"", "\"dit \"\"Jo\"\"\""),
            ("ligne\nsuivante", "\"ligne\nsuivante\""), ("", ""), ("06 12 34 56 78", "06 12 34 56 78"),
            ("a=b", "a=b"),
        ])
    func plainCells(value: String, written: String) {
        #expect(CSVWriter.cell(value) == written)
    }

    @Test("A document has the byte order mark, ; and CRLF")
    func document() {
        #expect(CSVWriter.document(header: ["a", "b"], rows: [["1", "=2"]]) == "\u{FEFF}a;b\r\n1;\"'=2\"\r\n")
    }

    @Test(
        "The space before ; : ! ? becomes non-breaking",
        arguments: [
            ("à compléter !", "à compléter\u{00A0}!"),
            ("Rappel : le 18 ; puis ?", "Rappel\u{00A0}: le 18\u{00A0}; puis\u{00A0}?"),
            ("a  !", "a \u{00A0}!"), ("fin ", "fin "), ("10:30", "10:30"), ("", ""),
        ])
    func spacing(text: String, spaced: String) {
        #expect(FrenchSpacing.apply(text) == spaced)
    }

    @Test(
        "Phones read in French national form, overseas too",
        arguments: [
            ("+33612345678", "06 12 34 56 78"), ("+33145678901", "01 45 67 89 01"),
            ("+590690123456", "06 90 12 34 56"), ("+594694123456", "06 94 12 34 56"),
            ("+596696123456", "06 96 12 34 56"), ("+262692123456", "06 92 12 34 56"),
            ("+262639123456", "06 39 12 34 56"), ("+590590123456", "05 90 12 34 56"),
            ("+508412345678", "+508412345678"),
        ])
    func frenchPhone(e164: String, french: String) {
        #expect(PhoneNumber(e164: e164).french == french)
    }
}
