import Foundation
import RelanceTestSupport
import Testing

/// Imports through the executable: atomic, precise errors, idempotent.
@Suite("import, end to end")
struct ImportTests {
    static let header =
        "id,department,first_name,last_name,email,phone,agency,advisor,registered_on,channels,journal_required,status\n"

    @Test(
        "an invalid row names file, line and column, exits 65, and writes nothing",
        arguments: [
            ("2000001A,20,Ana,B,,,,,,,,\n", "department"),
            ("2000001A,75,Ana,B,not-an-address,,,,,,,\n", "email"),
            ("2000001A,75,Ana,B,,01 02,,,,,,\n", "phone"),
            ("20000X1A,75,Ana,B,,,,,,,,\n", "id"),
            ("2000001A,75,Ana\u{7},B,,,,,,,,\n", "first_name"),
            ("2000001A,75,Ana,B,,,,,2026-02-30,,,\n", "registered_on"),
            ("2000001A,75,Ana,B,,,,,,fax,,\n", "channels"),
            ("2000001A,75,Ana,B,,,,,,,peut-être,\n", "journal_required"),
            ("2000001A,75,Ana,B,,,,,,,,retired\n", "status"),
            ("2000002B,75,Ana,B,,,,,,,,\n", "id"),
        ])
    func invalidRow(row: String, column: String) throws {
        let sandbox = try Sandbox()
        try sandbox.importSampleDirectory(at: "2026-10-20T09:00:00+02:00")
        let before = try #require(sandbox.contents(sandbox.databasePath))
        let file = try sandbox.write("bad.csv", Self.header + "2000002B,75,Zoé,Ç,,,,,,,,\n" + row)
        let result = try sandbox.run(["import", "jobseekers", file], now: "2026-10-21T09:00:00+02:00")
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(file):3: \(column):"), "stderr: \(result.stderr)")
        #expect(sandbox.contents(sandbox.databasePath) == before, "the database changed")
    }

    @Test(
        "structural problems are reported with their line",
        arguments: [
            ("id;department;fax\n1;75;x\n", ":1: fax: unknown column"),
            ("id,department\n\"2000001A,75\n", ":2: a quoted field is never closed"),
            ("first_name\nAna\n", ":1: id: required column is missing"),
        ])
    func structuralProblems(text: String, expected: String) throws {
        let sandbox = try Sandbox()
        let file = try sandbox.write("bad.csv", text)
        let result = try sandbox.run(["import", "jobseekers", file], now: "2026-10-21T09:00:00+02:00")
        #expect(result.status == 65)
        #expect(result.stderr.contains(expected), "stderr: \(result.stderr)")
    }

    @Test("re-importing the same file changes nothing; --skip-invalid keeps the valid rows")
    func idempotentAndSkipInvalid() throws {
        let sandbox = try Sandbox()
        try sandbox.importSampleDirectory(at: "2026-10-20T09:00:00+02:00")
        let again = try sandbox.run(
            ["import", "jobseekers", Sandbox.sample("jobseekers.csv")], now: "2026-10-22T09:00:00+02:00")
        #expect(again.status == 0)
        #expect(again.stdout.contains("0 new or changed"), "\(again.stdout)")
        let file = try sandbox.write("mixed.csv", Self.header + "2000002B,75,Zoé,Ç,,,,,,,,\n2000003C,99,X,Y,,,,,,,,\n")
        let skipped = try sandbox.run(
            ["import", "jobseekers", file, "--skip-invalid"], now: "2026-10-22T09:00:00+02:00")
        #expect(skipped.status == 65)
        #expect(skipped.stdout.contains("1 new or changed"))
        #expect(skipped.stderr.contains("\(file):3: department:"))
    }

    @Test("a declaration for a period whose window has not opened is refused")
    func periodNotOpen() throws {
        let sandbox = try Sandbox()
        try sandbox.importSampleDirectory(at: "2026-10-20T09:00:00+02:00")
        let file = try sandbox.write(
            "declarations.csv",
            "jobseeker_id,period,declared_at,act_date,act_type,act_label\n1000001A,2026-11,2026-10-21T09:00:00+02:00,,,\n"
        )
        let result = try sandbox.run(["import", "declarations", file], now: "2026-10-21T10:00:00+02:00")
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(file):2: period: the window of 2026-11 has not opened yet"))
    }
}
