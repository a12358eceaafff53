import Foundation
import RelanceTestSupport
import Testing

/// The journal's obligations in time (SPEC section 16): each period follows the rule in force
/// for it, in the closing, the `journal_missing` reminders, the escalation and `status`.
@Suite("journal obligations in time")
struct ObligationTimeTests {
    /// An experiment in department 21 for 2026-10 and 2026-11 only, then every department from
    /// 2027-01: 2026-12 requires no journal anywhere.
    static let obligations = [
        "{ id: experimentation, from: 2026-10, until: 2026-12, departments: [\"21\"] }",
        "{ id: generalisation, from: 2027-01, regions: all }",
    ]
    static let periods = ["2026-10", "2026-11", "2026-12", "2027-01"]

    @Test("a period after the end, a jobseeker who moves, an obligation for all starting later")
    func rulesFollowThePeriod() throws {
        let sandbox = try Sandbox(edit: Sandbox.withObligations(Self.obligations))
        // stays in 21; moves from 75 to 21 between 2026-10 and 2026-11; stays in 75; moves from
        // 21 to 75 between 2026-10 and 2026-11.
        let stays = JobseekerFixture(id: "1000001A", department: "21", email: "a@example.fr")
        var mover = JobseekerFixture(id: "1000002B", department: "75", email: "b@example.fr")
        let outside = JobseekerFixture(id: "1000003C", department: "75", email: "c@example.fr")
        var leaver = JobseekerFixture(id: "1000004D", department: "21", email: "d@example.fr")
        let everyone = [stays, mover, outside, leaver]
        try sandbox.importJobseekers(everyone, at: "2026-10-20T09:00:00+02:00")
        for (index, period) in Self.periods.enumerated() {
            let month = 10 + index
            let (year, next) = month > 12 ? (2027, month - 12) : (2026, month)
            let (nextYear, nextMonth) = next == 12 ? (year + 1, 1) : (year, next + 1)
            func at(_ day: Int, _ time: String, year: Int = nextYear, month: Int = nextMonth) -> String {
                String(format: "%04d-%02d-%02dT%@:00+01:00", year, month, day, time)
            }
            _ = try sandbox.tick(at: at(28, "10:00", year: year, month: next))
            try sandbox.importDeclarations(
                everyone.map { "\($0.id),\(period),\(at(2, "09:00")),,," }, at: at(2, "10:00"))
            _ = try sandbox.tick(at: at(12, "10:00"))
            _ = try sandbox.tick(at: at(16, "10:00"))
            if period == "2026-10" {
                mover.department = "21"
                leaver.department = "75"
                try sandbox.importJobseekers([mover, leaver], at: at(20, "09:00"))
            }
        }
        let now = "2027-02-20T12:00:00+01:00"
        let missing = try sandbox.periods(at: now).reduce(into: [String: Int]()) { $0[$1.period] = $1.journalMissing }
        #expect(missing == ["2026-10": 2, "2026-11": 2, "2026-12": 0, "2027-01": 4])

        let journalReminders = try sandbox.reminders(at: now).filter { $0.step == "journal" && $0.state == "sent" }
        let reminded = Dictionary(grouping: journalReminders, by: \.period).mapValues { Set($0.map(\.jobseekerID)) }
        #expect(reminded["2026-10"] == [stays.id, leaver.id])
        #expect(reminded["2026-11"] == [stays.id, mover.id])
        #expect(reminded["2026-12"] == nil)
        #expect(reminded["2027-01"] == [stays.id, mover.id, outside.id, leaver.id])

        // journal-2 (two missing journals in a row) holds only for the one who stayed in 21: the
        // leaver's streak ends with the move, the mover's starts with it, and the period without
        // obligation breaks every streak, so 2027-01 alone escalates no one.
        let cases = try sandbox.cases(at: now)
        #expect(cases.map(\.jobseekerID) == [stays.id])
        #expect(cases.first?.reasonSet == ["journal_missing 2026-11"])
    }

    @Test("config check refuses reversed and overlapping ranges, unknown regions and both keys")
    func invalidObligations() throws {
        let sandbox = try Sandbox(
            edit: Sandbox.withObligations([
                "{ id: reversed, from: 2023-01, until: 2022-06, departments: [\"21\"] }",
                "{ id: first, from: 2021-11, until: 2023-01, regions: [bourgogne-franche-comte] }",
                "{ id: second, from: 2022-06, regions: [bretagne] }",
                "{ id: typo, from: 2030-01, regions: [centre-val-de-lore] }",
                "{ id: nowhere, from: 2031-01, departments: [\"20\"] }",
            ]))
        let result = try sandbox.run(["config", "check"])
        #expect(result.status == 78)
        let lines = ConfigCheckTests.lines(result.stderr)
        let file = sandbox.configPath
        #expect(
            lines.contains("\(file):13: journal.obligations[0].until: 2022-06 is not after from (2023-01)"), "\(lines)")
        #expect(
            lines.contains(
                "\(file):15: journal.obligations[2]: the periods of 'second' overlap those of 'first': one rule per period"
            ),
            "\(lines)")
        #expect(
            lines.contains {
                $0.hasPrefix(
                    "\(file):16: journal.obligations[3].regions[0]: 'centre-val-de-lore' is not a region (did you mean 'centre-val-de-loire'?)"
                )
            },
            "\(lines)")
        #expect(
            lines.contains("\(file):17: journal.obligations[4].departments[0]: '20' is not a department code"),
            "\(lines)")

        let both = try Sandbox {
            $0.replacingOccurrences(
                of: "  min_acts: 1\n", with: "  min_acts: 1\n  obligations:\n    - { id: all, regions: all }\n")
        }
        let bothResult = try both.run(["config", "check"])
        #expect(bothResult.status == 78)
        #expect(
            ConfigCheckTests.lines(bothResult.stderr).contains {
                $0.hasSuffix(
                    "journal.required_departments: set either 'required_departments' or 'obligations', not both")
            }, "\(bothResult.stderr)")
    }
}
