import Foundation
import RelanceTestSupport
import Testing

/// Closing reads only the member rows: the jobseeker's status, department and journal flag and
/// the declaration are copied on them and kept up to date by every writer while the period is
/// open. These tests change each of those facts between the opening and the closing of 2026-11
/// (window 28 November – 15 December 2026) and check the outcomes SPEC section 4 gives.
@Suite("closing facts, end to end")
struct ClosingFactsTests {
    static let before = "2026-11-20T09:00:00+01:00"
    static let opening = "2026-11-28T12:00:00+01:00"
    /// After the closing of every territory (Saint-Pierre-et-Miquelon closes at 04:00 in Paris).
    static let closing = "2026-12-16T12:00:00+01:00"

    /// The rows of members whose copies differ from their sources, in the periods still open.
    static let staleCopies = """
        SELECT m.jobseeker_id FROM members m
        JOIN periods p ON p.period = m.period AND p.state = 'open'
        JOIN jobseekers j ON j.id = m.jobseeker_id
        LEFT JOIN declarations d ON d.jobseeker_id = m.jobseeker_id AND d.period = m.period
        WHERE m.active IS NOT (j.status = 'active') OR m.department IS NOT j.department
            OR m.journal_required IS NOT j.journal_required OR m.declared_at IS NOT d.declared_at
            OR m.acts_count IS NOT d.acts_count
        """

    static func jobseeker(
        _ id: String, _ department: String, journalRequired: Bool? = nil, status: String = "active"
    ) -> JobseekerFixture {
        JobseekerFixture(
            id: id, department: department, email: "\(id.lowercased())@example.fr", journalRequired: journalRequired,
            status: status, registeredOn: "2026-01-05")
    }

    /// The outcome and journal of every member of 2026-11, as `ID|OUTCOME|JOURNAL` lines.
    static func outcomes(_ sandbox: Sandbox) throws -> [String] {
        try sandbox.sql("SELECT jobseeker_id, outcome, journal FROM members WHERE period = '2026-11' ORDER BY 1")
            .split(separator: "\n").map(String.init)
    }

    /// The counts of a closing tick: declared, missed, journal_missing, cases_opened.
    static func closingCounts(_ counts: [String: Int]) -> [Int?] {
        ["declared", "missed", "journal_missing", "cases_opened"].map { counts[$0] }
    }

    /// Checks that no copy is stale, after each step of a test.
    static func expectFreshCopies(_ sandbox: Sandbox, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try sandbox.sql(staleCopies) == "", "stale copies on members", sourceLocation: sourceLocation)
    }

    @Test("declarations, acts, re-imports and jobseeker changes between opening and closing all count")
    func changesBetweenOpeningAndClosing() throws {
        let sandbox = try Sandbox()
        try sandbox.importSampleAdvisors(at: Self.before)
        let cohort = [
            Self.jobseeker("7000001A", "75"),
            Self.jobseeker("7000002B", "18"),
            Self.jobseeker("7000003C", "75"),
            Self.jobseeker("7000004D", "18", journalRequired: true),
            Self.jobseeker("7000005E", "75"),
            Self.jobseeker("7000006F", "75", status: "suspended"),
            Self.jobseeker("7000007G", "75"),
            Self.jobseeker("7000008H", "75"),
            Self.jobseeker("7000009J", "75"),
            Self.jobseeker("7000010K", "974"),
            Self.jobseeker("7000011L", "971"),
        ]
        try sandbox.importJobseekers(cohort, at: Self.before)
        _ = try sandbox.tick(at: Self.opening)
        try Self.expectFreshCopies(sandbox)

        // Declarations after the opening; 7000006F declares while suspended (not yet a member).
        try sandbox.importDeclarations(
            [
                "7000001A,2026-11,2026-11-29T10:00:00+01:00,,,",
                "7000002B,2026-11,2026-11-29T10:00:00+01:00,,,",
                "7000003C,2026-11,2026-11-29T10:00:00+01:00,,,",
                "7000004D,2026-11,2026-11-29T10:00:00+01:00,,,",
                "7000005E,2026-11,2026-11-29T10:00:00+01:00,,,",
                "7000006F,2026-11,2026-11-29T10:00:00+01:00,,,",
            ], at: "2026-11-30T09:00:00+01:00")
        try Self.expectFreshCopies(sandbox)
        // An act added to 7000002B's declaration by a later file: its journal is complete.
        try sandbox.importDeclarations(
            ["7000002B,2026-11,2026-11-29T10:00:00+01:00,2026-11-20,entretien,Entretien d'embauche"],
            at: "2026-12-01T09:00:00+01:00")
        // 7000003C moves to a department that requires the journal, 7000004D is exempted,
        // 7000005E is suspended and 7000006F active again.
        var moved = cohort
        moved[2].department = "18"
        moved[3].journalRequired = false
        moved[4].status = "suspended"
        moved[5].status = "active"
        try sandbox.importJobseekers(moved, at: "2026-12-02T09:00:00+01:00")
        try Self.expectFreshCopies(sandbox)
        _ = try sandbox.tick(at: "2026-12-02T12:00:00+01:00")
        try Self.expectFreshCopies(sandbox)

        // After the closing in Paris, before the closing tick: 7000008H's first file says
        // 00:10 (late), a second one the evening before (in time: the earliest counts).
        try sandbox.importDeclarations(
            ["7000008H,2026-11,2026-12-16T00:10:00+01:00,,,"], at: "2026-12-16T00:20:00+01:00")
        try sandbox.importDeclarations(
            ["7000008H,2026-11,2026-12-15T23:00:00+01:00,,,"], at: "2026-12-16T00:30:00+01:00")
        // 22:30 in Paris is after the closing in La Réunion (21:00 in Paris) and 03:00 in Paris
        // before the one in Guadeloupe (05:00 in Paris).
        try sandbox.importDeclarations(
            [
                "7000010K,2026-11,2026-12-15T22:30:00+01:00,,,",
                "7000011L,2026-11,2026-12-16T03:00:00+01:00,,,",
            ], at: "2026-12-16T03:30:00+01:00")
        try Self.expectFreshCopies(sandbox)

        let counts = try sandbox.tick(at: Self.closing)
        #expect(counts["declared"] == 7)
        #expect(counts["missed"] == 3)
        #expect(counts["journal_missing"] == 1)
        #expect(counts["cases_opened"] == 3)
        #expect(
            try Self.outcomes(sandbox) == [
                "7000001A|declared|not_required",
                "7000002B|declared|complete",
                "7000003C|declared|missing",
                "7000004D|declared|not_required",
                "7000005E||",
                "7000006F|declared|not_required",
                "7000007G|missed|",
                "7000008H|declared|not_required",
                "7000009J|missed|",
                "7000010K|missed|",
                "7000011L|declared|not_required",
            ])

        // A declaration recorded after the closing turns missed into late and resolves the case;
        // so does the one 7000010K made after the closing in La Réunion, settled by the same import.
        try sandbox.importDeclarations(
            ["7000009J,2026-11,2026-12-17T09:00:00+01:00,,,"], at: "2026-12-17T10:00:00+01:00")
        let settled = try Self.outcomes(sandbox)
        #expect(settled.contains("7000009J|late|not_required"), "\(settled)")
        #expect(settled.contains("7000010K|late|not_required"), "\(settled)")
        let status = try sandbox.succeed(
            ["status", "--period", "2026-11", "--format", "json"], now: "2026-12-17T10:00:00+01:00")
        #expect(status.stdout.contains("\"late\": 2"), "\(status.stdout)")
        #expect(status.stdout.contains("\"missed\": 1"), "\(status.stdout)")
        let cases = try sandbox.cases(at: "2026-12-17T10:00:00+01:00")
        #expect(cases.first { $0.jobseekerID == "7000009J" }?.state == "resolved")
        #expect(cases.filter { $0.state == "open" }.map(\.jobseekerID) == ["7000007G"])
    }

    @Test("territories closing in separate ticks count and escalate only their own members")
    func territoriesClosingInSeparateTicks() throws {
        // No department requires the journal: only a jobseeker's own flag does.
        let sandbox = try Sandbox(
            edit: Sandbox.replacingBlocks(["journal": "journal:\n  min_acts: 1\n  required_departments: []"]))
        try sandbox.importSampleAdvisors(at: Self.before)
        let cohort = [
            Self.jobseeker("7000031A", "974"), Self.jobseeker("7000032B", "974"),
            Self.jobseeker("7000033C", "75"), Self.jobseeker("7000034D", "18"),
            Self.jobseeker("7000035E", "75", journalRequired: true), Self.jobseeker("7000036F", "75"),
            Self.jobseeker("7000037G", "75"), Self.jobseeker("7000038H", "976"),
            Self.jobseeker("7000039J", "971"), Self.jobseeker("7000040K", "971"),
        ]
        try sandbox.importJobseekers(cohort, at: Self.before)
        _ = try sandbox.tick(at: Self.opening)
        var suspended = cohort
        suspended[5].status = "suspended"
        try sandbox.importJobseekers(suspended, at: "2026-12-02T09:00:00+01:00")
        try sandbox.importDeclarations(
            [
                "7000031A,2026-11,2026-12-15T20:30:00+01:00,,,",
                "7000034D,2026-11,2026-12-01T10:00:00+01:00,,,",
                "7000035E,2026-11,2026-12-01T10:00:00+01:00,,,",
            ], at: "2026-12-15T20:40:00+01:00")

        // 21:30 in Paris: only La Réunion has closed (21:00), one instant for the whole tick.
        let reunion = try sandbox.tick(at: "2026-12-15T21:30:00+01:00")
        #expect(Self.closingCounts(reunion) == [1, 1, 0, 1])

        // 22:30 in Paris is after the closing in Mayotte (22:00) and before the one in
        // metropolitan France (midnight), which close in the same tick, the territory decides.
        try sandbox.importDeclarations(
            ["7000033C,2026-11,2026-12-15T22:30:00+01:00,,,", "7000038H,2026-11,2026-12-15T22:30:00+01:00,,,"],
            at: "2026-12-15T23:00:00+01:00")
        let metropole = try sandbox.tick(at: "2026-12-16T00:30:00+01:00")
        #expect(Self.closingCounts(metropole) == [3, 2, 1, 2])

        try sandbox.importDeclarations(
            ["7000039J,2026-11,2026-12-16T03:00:00+01:00,,,"], at: "2026-12-16T03:30:00+01:00")
        let antilles = try sandbox.tick(at: "2026-12-16T06:00:00+01:00")
        #expect(Self.closingCounts(antilles) == [1, 1, 0, 1])
        #expect(antilles["closed"] == 1)

        let outcomes = try Self.outcomes(sandbox)
        #expect(
            outcomes == [
                "7000031A|declared|not_required", "7000032B|missed|", "7000033C|declared|not_required",
                "7000034D|declared|not_required", "7000035E|declared|missing", "7000036F||",
                "7000037G|missed|", "7000038H|late|not_required", "7000039J|declared|not_required", "7000040K|missed|",
            ], "\(outcomes)")
        // Mayotte's late declaration was settled after its closing, and its case resolved.
        let cases = try sandbox.cases(at: "2026-12-16T06:00:00+01:00")
        #expect(cases.map(\.jobseekerID).sorted() == ["7000032B", "7000037G", "7000038H", "7000040K"])
        #expect(cases.filter { $0.state == "resolved" }.map(\.jobseekerID) == ["7000038H"])
        #expect(try sandbox.sql("SELECT COUNT(*) FROM case_reasons") == "4")
    }

    @Test("the migration copies the facts of the members of an open period")
    func migrationBackfillsOpenPeriod() throws {
        let sandbox = try Sandbox()
        try sandbox.importSampleAdvisors(at: Self.before)
        let cohort = [
            Self.jobseeker("7000021A", "18"), Self.jobseeker("7000022B", "18"), Self.jobseeker("7000023C", "75"),
            Self.jobseeker("7000024D", "75"), Self.jobseeker("7000025E", "75"),
        ]
        try sandbox.importJobseekers(cohort, at: Self.before)
        _ = try sandbox.tick(at: Self.opening)
        // Back to the schema before the migration, then changes its triggers would have copied:
        // two declarations (one with an act) and a jobseeker who left.
        _ = try sandbox.sql(
            """
            DROP TRIGGER members_follow_jobseeker; DROP TRIGGER members_follow_new_declaration;
            DROP TRIGGER members_follow_declaration; DROP TRIGGER members_follow_deleted_declaration;
            ALTER TABLE members DROP COLUMN active; ALTER TABLE members DROP COLUMN department;
            ALTER TABLE members DROP COLUMN journal_required; ALTER TABLE members DROP COLUMN declared_at;
            ALTER TABLE members DROP COLUMN acts_count;
            DELETE FROM grdb_migrations WHERE identifier = 'v7 members carry their closing facts';
            INSERT INTO declarations (jobseeker_id, period, declared_at, recorded_at, acts_count) VALUES
                ('7000021A', '2026-11', unixepoch('2026-11-29 09:00:00'), unixepoch('2026-11-30 08:00:00'), 0),
                ('7000022B', '2026-11', unixepoch('2026-11-29 09:00:00'), unixepoch('2026-11-30 08:00:00'), 1),
                ('7000024D', '2026-11', unixepoch('2026-11-29 09:00:00'), unixepoch('2026-11-30 08:00:00'), 1);
            UPDATE jobseekers SET status = 'left' WHERE id = '7000023C';
            """)
        try sandbox.succeed(["status"], now: "2026-12-02T09:00:00+01:00")
        try Self.expectFreshCopies(sandbox)
        #expect(try sandbox.sql("SELECT COUNT(*) FROM members WHERE active IS NULL") == "0")

        let counts = try sandbox.tick(at: Self.closing)
        #expect(counts["declared"] == 3)
        #expect(counts["missed"] == 1)
        #expect(counts["journal_missing"] == 1)
        #expect(
            try Self.outcomes(sandbox) == [
                "7000021A|declared|missing", "7000022B|declared|complete", "7000023C||",
                "7000024D|declared|not_required", "7000025E|missed|",
            ])
    }
}
