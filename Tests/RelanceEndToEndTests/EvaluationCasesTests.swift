import Foundation
import RelanceTestSupport
import Testing

/// `relance report --evaluation` on a few cases made by hand (SPEC section 16): when a case
/// counts as resolved within its SLA, and which ranges may be evaluated.
@Suite("report --evaluation: cases and range")
struct EvaluationCasesTests {
    static let obligation = "{ id: experimentation, from: 2026-10, until: 2027-01, departments: [\"21\"] }"
    static let now = "2026-12-20T12:00:00+01:00"

    /// Two jobseekers in department 21 (experiment), two in 75 (comparison), none of whom
    /// declares 2026-10: four cases open at its closing, due the same day. Every count is shown
    /// (`report.min_cell: 1`).
    static func fourCases() throws -> (sandbox: Sandbox, cases: [String: CaseListing]) {
        let sandbox = try Sandbox(edit: { Sandbox.withObligations([obligation])($0) + "\nreport:\n  min_cell: 1\n" })
        let jobseekers = [("1000001A", "21"), ("1000002B", "21"), ("1000003C", "75"), ("1000004D", "75")].map {
            JobseekerFixture(id: $0.0, department: $0.1, email: "\($0.0.lowercased())@example.fr")
        }
        try sandbox.importJobseekers(jobseekers, at: "2026-10-20T09:00:00+02:00")
        _ = try sandbox.tick(at: "2026-10-28T10:00:00+01:00")
        _ = try sandbox.tick(at: "2026-11-16T10:00:00+01:00")
        let cases = Dictionary(uniqueKeysWithValues: try sandbox.cases(at: now).map { ($0.jobseekerID, $0) })
        #expect(cases.count == 4)
        #expect(Set(cases.values.map(\.dueOn)).count == 1)
        return (sandbox, cases)
    }

    /// The ISO date `days` after an ISO date.
    static func day(_ date: String, plus days: Int) throws -> String {
        let format = Date.ISO8601FormatStyle().year().month().day()
        let start = try format.parse(date)
        return start.addingTimeInterval(Double(days) * 86_400).formatted(format)
    }

    @Test("within the SLA: the local date of the resolution, not of a later note nor a UTC date")
    func resolvedWithinSLA() throws {
        let (sandbox, cases) = try Self.fourCases()
        let due = try #require(cases["1000001A"]?.dueOn)
        func update(_ jobseeker: String, _ arguments: [String], at now: String) throws {
            let id = try #require(cases[jobseeker]?.caseID)
            try sandbox.succeed(["cases", "update", "\(id)"] + arguments, now: now)
        }
        // 75: resolved two days early, within; resolved at 00:30 in Paris the day after the due
        // date, 23:30 UTC on it, late.
        try update("1000004D", ["--state", "resolved"], at: try Self.day(due, plus: -2) + "T15:00:00+01:00")
        // 21: resolved the day before and on the due date, both within; the second gets a note
        // three days later, which moves its last change past the due date, not its resolution.
        try update("1000002B", ["--state", "resolved"], at: try Self.day(due, plus: -1) + "T15:00:00+01:00")
        try update("1000001A", ["--state", "resolved"], at: due + "T10:00:00+01:00")
        try update("1000003C", ["--state", "resolved"], at: due + "T23:30:00+00:00")
        try update(
            "1000001A", ["--state", "resolved", "--note", "rappelé, dossier à jour"],
            at: try Self.day(due, plus: 3) + "T09:00:00+01:00")

        let result = try sandbox.succeed(["report", "--evaluation", "--format", "json"], now: Self.now)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let summary = try #require(json["summary"] as? [String: Any])
        let experiment = try #require(summary["experiment"] as? [String: Any])
        let comparison = try #require(summary["comparison"] as? [String: Any])
        #expect(experiment["cases_opened"] as? Int == 2)
        #expect(experiment["resolved_within_sla"] as? Int == 2)
        #expect(comparison["cases_opened"] as? Int == 2)
        #expect(comparison["resolved_within_sla"] as? Int == 1)
    }

    @Test("--from before the obligation's start and --to from its end are usage errors naming the option")
    func rangeWithinTheObligation() throws {
        let (sandbox, _) = try Self.fourCases()
        let early = try sandbox.run(["report", "--evaluation", "--from", "2026-09"], now: Self.now)
        #expect(early.status == 64)
        #expect(early.stderr.contains("--from 2026-09 is before the start of obligation 'experimentation' (2026-10)"))
        #expect(early.stdout.isEmpty)
        let late = try sandbox.run(["report", "--evaluation", "--to", "2027-01"], now: Self.now)
        #expect(late.status == 64)
        #expect(late.stderr.contains("--to 2027-01"))
        let within = try sandbox.succeed(
            ["report", "--evaluation", "--from", "2026-10", "--to", "2026-12", "--format", "json"], now: Self.now)
        #expect(within.stdout.contains("\"from\":\"2026-10\"") || within.stdout.contains("\"from\": \"2026-10\""))
    }
}
