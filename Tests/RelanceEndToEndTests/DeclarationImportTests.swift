import Foundation
import RelanceTestSupport
import Testing

/// `relance import declarations` checks and writes all its rows at once (issue 16); what it
/// records, counts and reports must be what the same rows recorded one at a time give
/// (`relance declare`, the row-by-row path of the HTTP interface).
@Suite("import declarations, all rows at once")
struct DeclarationImportTests {
    static let header = "jobseeker_id,period,declared_at,act_date,act_type,act_label\n"
    /// Valid rows: a declaration over four rows (a repeated act, an earlier instant on the last
    /// row), one with a single act, and one without act.
    static let valid: [(id: String, at: String, act: (type: String, date: String, label: String)?)] = [
        ("1000001A", "2026-11-01T10:00:00+01:00", ("candidature", "2026-10-05", "Poste A")),
        ("1000001A", "2026-11-01T12:00:00+01:00", ("entretien", "2026-10-06", "")),
        ("1000001A", "2026-11-01T12:00:00+01:00", ("candidature", "2026-10-05", "Poste A")),
        ("1000001A", "2026-11-01T09:00:00+01:00", nil),
        ("1000002B", "2026-11-01T08:00:00+01:00", ("autre", "2026-10-07", "Atelier, CV")),
        ("1000003C", "2026-10-30T18:00:00+01:00", nil),
    ]

    /// The sample directory, with the window of 2026-10 opened by a tick.
    static func opened() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.importSampleDirectory(at: "2026-10-20T09:00:00+02:00")
        _ = try sandbox.tick(at: "2026-10-28T09:00:00+01:00")
        return sandbox
    }

    static func csvLine(_ row: (id: String, at: String, act: (type: String, date: String, label: String)?)) -> String {
        let act = row.act.map { "\($0.date),\($0.type),\"\($0.label)\"" } ?? ",,"
        return "\(row.id),2026-10,\(row.at),\(act)\n"
    }

    /// What the database holds of declarations, acts and the members' copies of them.
    static func recorded(_ sandbox: Sandbox) throws -> String {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        shell.arguments = [
            sandbox.databasePath,
            """
            SELECT 'd', jobseeker_id, period, declared_at, recorded_at, acts_count FROM declarations ORDER BY 2, 3;
            SELECT 'a', * FROM acts ORDER BY 2, 3, 4, 5, 6;
            SELECT 'm', jobseeker_id, declared_at, acts_count FROM members WHERE period = '2026-10' ORDER BY 2;
            """,
        ]
        return try shell.runCollectingOutput().stdout
    }

    @Test("the same declarations, acts and members' copies as the rows declared one by one; counts per row")
    func sameAsOneByOne() throws {
        let now = "2026-11-02T10:00:00+01:00"
        let imported = try Self.opened()
        let file = try imported.write("declarations.csv", Self.header + Self.valid.map(Self.csvLine).joined())
        let result = try imported.run(["import", "declarations", file], now: now)
        #expect(result.status == 0, "\(result.stderr)")
        // Row 4 repeats row 2's act at a later instant: it changes nothing.
        #expect(result.stdout.contains("6 rows, 5 new or changed, 1 unchanged, 0 invalid"), "\(result.stdout)")

        let declared = try Self.opened()
        for row in Self.valid {
            var arguments = ["declare", row.id, "2026-10", "--at", row.at]
            if let act = row.act { arguments += ["--act", "\(act.type):\(act.date):\(act.label)"] }
            let one = try declared.run(arguments, now: now)
            #expect(one.status == 0, "\(one.stderr)")
        }
        let expected = try Self.recorded(declared)
        #expect(expected.contains("d|1000001A|2026-10|"), "the reference recorded nothing: \(expected)")
        #expect(try Self.recorded(imported) == expected)

        let again = try imported.run(["import", "declarations", file], now: "2026-11-03T10:00:00+01:00")
        #expect(again.stdout.contains("6 rows, 0 new or changed, 6 unchanged"), "\(again.stdout)")
        #expect(try Self.recorded(imported) == expected, "a second import changed the records")
    }

    @Test("each invalid row gets its first problem, in the order of the checks, and nothing is written")
    func firstProblemOfEachRow() throws {
        let sandbox = try Self.opened()
        let before = try Self.recorded(sandbox)
        let rows = [
            "9999999Z,2026-10,not-a-date,,,",  // unknown jobseeker, before its instant
            "1000002B,2026-13,not-a-date,,,",  // the period, before the instant
            "1000002B,2026-12,not-a-date,,,",  // a window not opened, before the instant
            "1000002B,2026-10,not-a-date,,,",
            "1000002B,2026-10,2026-11-01T09:00:00+01:00,2026-10-07,sieste,",
            "1000002B,2026-10,2026-11-01T09:00:00+01:00,,,",
        ]
        let file = try sandbox.write("declarations.csv", Self.header + rows.joined(separator: "\n") + "\n")
        let result = try sandbox.run(["import", "declarations", file], now: "2026-11-02T10:00:00+01:00")
        #expect(result.status == 65)
        let errors = result.stderr.split(separator: "\n").compactMap {
            $0.hasPrefix("relance: \(file):") && !$0.hasSuffix("invalid row(s)") ? $0.dropFirst("relance: ".count) : nil
        }
        #expect(
            errors == [
                "\(file):2: jobseeker_id: '9999999Z' is not a known jobseeker",
                "\(file):3: period: '2026-13' is not a period YYYY-MM",
                "\(file):4: period: the window of 2026-12 has not opened yet",
                "\(file):5: declared_at: 'not-a-date' is not ISO 8601 with an offset",
                "\(file):6: act_type: 'sieste' must be one of candidature, entretien, formation, prospection, "
                    + "reseau, creation_entreprise, autre",
            ], "\(result.stderr)")
        #expect(try Self.recorded(sandbox) == before, "an import with invalid rows wrote something")

        let skipped = try sandbox.run(
            ["import", "declarations", file, "--skip-invalid"], now: "2026-11-02T10:00:00+01:00")
        #expect(skipped.stdout.contains("6 rows, 1 new or changed, 0 unchanged, 5 invalid"), "\(skipped.stdout)")
        #expect(try Self.recorded(sandbox).contains("d|1000002B|2026-10|"), "the valid row was not written")
    }

    @Test("the migration to acts keyed by themselves keeps every act, and a second import adds none")
    func actsMigration() throws {
        let now = "2026-11-02T10:00:00+01:00"
        let sandbox = try Self.opened()
        let file = try sandbox.write("declarations.csv", Self.header + Self.valid.map(Self.csvLine).joined())
        try sandbox.succeed(["import", "declarations", file], now: now)
        let expected = try Self.recorded(sandbox)
        // Back to the schema before the migration: a table with a rowid and a unique index.
        _ = try sandbox.sql(
            """
            CREATE TABLE acts_before (
                jobseeker_id TEXT NOT NULL, period TEXT NOT NULL, act_date TEXT NOT NULL,
                act_type TEXT NOT NULL, act_label TEXT NOT NULL,
                UNIQUE (jobseeker_id, period, act_date, act_type, act_label));
            INSERT INTO acts_before SELECT * FROM acts;
            DROP TABLE acts;
            ALTER TABLE acts_before RENAME TO acts;
            DELETE FROM grdb_migrations WHERE identifier = 'v13 acts keyed by themselves';
            """)
        #expect(try sandbox.sql("SELECT sql LIKE '%WITHOUT ROWID%' FROM sqlite_schema WHERE name = 'acts'") == "0")
        try sandbox.succeed(["status"], now: now)
        #expect(try sandbox.sql("SELECT sql LIKE '%WITHOUT ROWID%' FROM sqlite_schema WHERE name = 'acts'") == "1")
        #expect(try Self.recorded(sandbox) == expected)

        let again = try sandbox.run(["import", "declarations", file], now: "2026-11-03T10:00:00+01:00")
        #expect(again.stdout.contains("6 rows, 0 new or changed, 6 unchanged"), "\(again.stdout)")
        #expect(try Self.recorded(sandbox) == expected, "a second import changed the records")
    }
}
