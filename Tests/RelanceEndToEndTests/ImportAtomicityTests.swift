import Foundation
import RelanceTestSupport
import Testing

/// Imports are atomic (SPEC section 7): a file with any invalid row exits 65, names
/// `FILE:LINE: COLUMN:` (or `FILE:LINE:` for a broken CSV structure) on stderr, and leaves the
/// database exactly as it was — file bytes and every row. `ImportTests` covers bad fields of
/// jobseekers files on a fresh database; these cover broken files and declarations, on a
/// database with a period open, reminders sent and declarations recorded.
@Suite("imports leave the database untouched on bad input, end to end")
struct ImportAtomicityTests {
    static let now = "2026-11-30T12:00:00+01:00"

    /// The sample directory, period 2026-11 opened with its opening reminders sent, and the sample
    /// declarations made before `now`.
    static func populatedSandbox() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.importSampleDirectory(at: "2026-11-20T09:00:00+01:00")
        _ = try sandbox.tick(at: "2026-11-28T10:30:00+01:00")
        let declared = try SampleData.declarations("declarations-2026-11.csv").filter {
            $0.declaredAt <= Date(iso: now)!
        }
        try sandbox.importDeclarations(declared.map(\.line), at: now)
        return sandbox
    }

    /// A file whose first rows are valid — a new record and a change to a stored one — followed
    /// by something invalid.
    struct HostileFile: Sendable, CustomTestStringConvertible {
        var name: String
        var kind: String
        var header: String
        var hostile: String
        /// What follows `FILE:` on stderr.
        var expected: String

        var testDescription: String { "\(kind): \(name)" }

        static let validRows = [
            "jobseekers": [
                "2000001A,75,Ana,Bernard,ana.bernard@example.fr,,PAR11,,2026-01-05,,,",
                "1000001A,75,Hélène,Martin,helene.martin@example.org,06 12 34 56 78,PAR11,ADV001,2025-03-14,,,",
            ],
            "declarations": [
                "1000003C,2026-11,2026-11-29T10:00:00+01:00,2026-11-10,candidature,Envoi de CV",
                "1000058K,2026-11,2026-11-28T07:45:00+04:00,2026-11-12,entretien,Second entretien",
            ],
        ]

        var text: String { ([header] + Self.validRows[kind]! + [hostile]).joined(separator: "\n") + "\n" }
    }

    static let jobseekersHeader = JobseekerFixture.csvHeader
    static let declarationsHeader = "jobseeker_id,period,declared_at,act_date,act_type,act_label"

    static func jobseekers(_ name: String, header: String = jobseekersHeader, _ hostile: String, _ expected: String)
        -> HostileFile
    {
        HostileFile(name: name, kind: "jobseekers", header: header, hostile: hostile, expected: expected)
    }

    static func declarations(_ name: String, header: String = declarationsHeader, _ hostile: String, _ expected: String)
        -> HostileFile
    {
        HostileFile(name: name, kind: "declarations", header: header, hostile: hostile, expected: expected)
    }

    static let onTime = "2026-11-29T10:00:00+01:00"

    static let hostileFiles = [
        jobseekers("a row separated by ';' in a ',' file", "2000002B;75;Zoé;Roy;;;;;;;;", "4: row has 1 fields"),
        jobseekers(
            "a tab-separated file", header: jobseekersHeader.replacingOccurrences(of: ",", with: "\t"),
            "2000002B\t75\tZoé\tRoy\t\t\t\t\t\t\t\t", "1: id: required column is missing"),
        jobseekers(
            "an unknown column", header: jobseekersHeader + ",fax", "2000002B,75,Zoé,Roy,,,,,,,,,",
            "1: fax: unknown column"),
        jobseekers(
            "a quoted field never closed", "2000002B,75,\"Zoé,Roy,,,,,,,,,", "4: a quoted field is never closed"),
        declarations("an unknown jobseeker", "9999999Z,2026-11,\(onTime),,,", "4: jobseeker_id: "),
        declarations("a period not open yet", "1000002B,2026-12,\(onTime),,,", "4: period: "),
        declarations("a period that is not YYYY-MM", "1000002B,2026-13,\(onTime),,,", "4: period: "),
        declarations("declared_at without an offset", "1000002B,2026-11,2026-11-29T10:00:00,,,", "4: declared_at: "),
        declarations("declared_at in the future", "1000002B,2026-11,2026-12-05T10:00:00+01:00,,,", "4: declared_at: "),
        declarations("an impossible act_date", "1000002B,2026-11,\(onTime),2026-11-31,candidature,CV", "4: act_date: "),
        declarations("an unknown act_type", "1000002B,2026-11,\(onTime),2026-11-10,sieste,Repos", "4: act_type: "),
        declarations("an act_type without act_date", "1000002B,2026-11,\(onTime),,candidature,CV", "4: act_date: "),
        declarations("an act_label without an act", "1000002B,2026-11,\(onTime),,,Libellé seul", "4: act_label: "),
        declarations(
            "a control character in act_label", "1000002B,2026-11,\(onTime),2026-11-10,autre,Bip\u{7}", "4: act_label: "
        ),
        declarations(
            "an act_label over 500 characters",
            "1000002B,2026-11,\(onTime),2026-11-10,autre,\(String(repeating: "é", count: 501))", "4: act_label: "),
        declarations(
            "a quoted label never closed", "1000002B,2026-11,\(onTime),2026-11-10,autre,\"Sans fin",
            "4: a quoted field is never closed"),
        declarations(
            "an unknown column", header: declarationsHeader + ",commentaire", "1000002B,2026-11,\(onTime),,,,",
            "1: commentaire: unknown column"),
        declarations(
            "no declared_at column", header: "jobseeker_id,period,act_date,act_type,act_label", "1000002B,2026-11,,,",
            "1: declared_at: required column is missing"),
    ]

    @Test(
        "a hostile file exits 65, names file and line, and leaves the database byte for byte", arguments: hostileFiles)
    func hostileFileChangesNothing(_ file: HostileFile) throws {
        let sandbox = try Self.populatedSandbox()
        let before = try sandbox.databaseSnapshot()
        let path = try sandbox.write("hostile.csv", file.text)
        let result = try sandbox.run(["import", file.kind, path], now: Self.now)
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(path):\(file.expected)"), "stderr: \(result.stderr)")
        let after = try sandbox.databaseSnapshot()
        #expect(after.files == before.files, "the database file changed")
        #expect(after.dump == before.dump, "rows changed: \(Self.difference(before.dump, after.dump))")
    }

    /// The valid rows of the hostile files do change the database on their own, so the
    /// comparisons above would see a partial import.
    @Test("the valid rows of those files alone change the database", arguments: ["jobseekers", "declarations"])
    func validRowsAloneChangeTheDatabase(kind: String) throws {
        let sandbox = try Self.populatedSandbox()
        let before = try sandbox.databaseSnapshot()
        let header = kind == "jobseekers" ? Self.jobseekersHeader : Self.declarationsHeader
        let path = try sandbox.write(
            "valid.csv", ([header] + HostileFile.validRows[kind]!).joined(separator: "\n") + "\n")
        let result = try sandbox.run(["import", kind, path], now: Self.now)
        #expect(result.status == 0, "\(result.stderr)")
        let after = try sandbox.databaseSnapshot()
        #expect(after.dump != before.dump)
        #expect(Self.difference(before.dump, after.dump).count >= HostileFile.validRows[kind]!.count)
    }

    @Test("declarations --skip-invalid records the valid rows and still reports the others")
    func skipInvalidDeclarations() throws {
        let sandbox = try Self.populatedSandbox()
        let before = try #require(try sandbox.periods(at: Self.now).first { $0.period == "2026-11" })
        let path = try sandbox.write(
            "mixed.csv",
            Self.declarations("unknown jobseeker", "9999999Z,2026-11,\(Self.onTime),,,", "").text)
        let result = try sandbox.run(["import", "declarations", path, "--skip-invalid"], now: Self.now)
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(path):4: jobseeker_id: "), "\(result.stderr)")
        let after = try #require(try sandbox.periods(at: Self.now).first { $0.period == "2026-11" })
        // 1000003C had not declared yet; 1000058K had (the row only adds an act).
        #expect(after.declared == before.declared + 1)
    }

    /// The lines of `after` not in `before`, and the lines of `before` gone from `after`.
    static func difference(_ before: String, _ after: String) -> [String] {
        let old = before.split(separator: "\n")
        let new = after.split(separator: "\n")
        return new.filter { !old.contains($0) }.map { "+ \($0)" } + old.filter { !new.contains($0) }.map { "- \($0)" }
    }
}
