import Foundation
import RelanceTestSupport
import Testing

/// `relance report --evaluation` on a history where people move between the groups and the
/// experiment ends before the last period (SPEC section 16).
@Suite("report --evaluation: movers and the end of the experiment")
struct EvaluationHistoryTests {
    /// The experiment of 2021-11 and 2021-12 only: 2022-01 requires no journal anywhere.
    static let experiment =
        "{ id: experimentation, from: 2021-11, until: 2022-01, regions: [bourgogne-franche-comte, centre-val-de-loire] }"
    static let effectMissed = -0.04
    static let effectLate = 0.02
    /// Declarations without any act: the journal is complete for the others (`min_acts: 1`).
    static let noActs = 0.35
    static let arguments = [
        "--seed", "41", "--jobseekers", "2000", "--first", "2021-08", "--last", "2022-01",
        "--experiment-until", "2022-01", "--gap-missed", "0.12", "--effect-missed", "\(effectMissed)",
        "--effect-late", "\(effectLate)", "--no-acts", "\(noActs)", "--movers", "0.3", "--move-at", "2021-11",
    ]
    static let now = "2022-03-01T12:00:00+01:00"

    @Test("movers count in the group of each period's department; nothing is required after the end")
    func moversAndTheEnd() throws {
        let sandbox = try Sandbox(edit: Sandbox.withObligations([Self.experiment]))
        let folder = try sandbox.generateHistory(Self.arguments)
        try sandbox.replayHistory(folder)
        let output = try sandbox.succeed(["report", "--evaluation", "--format", "json"], now: Self.now).stdout
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])

        // The default range ends with the obligation's: 2022-01 is past its `until`.
        #expect(json["to"] as? String == "2021-12")
        let periods = try #require(json["periods"] as? [[String: Any]])
        #expect(periods.compactMap { $0["period"] as? String } == ["2021-11", "2021-12"])

        // Each group's members are those whose department, as it was in that period, is in it:
        // before the move from jobseekers.csv, from 2021-11 on with jobseekers-moved.csv applied.
        let groups = try #require(json["groups"] as? [String: Any])
        let covered = Set(try #require((groups["experiment"] as? [String: Any])?["departments"] as? [String]))
        let before = try Self.departments(folder + "/jobseekers.csv")
        let after = before.merging(try Self.departments(folder + "/jobseekers-moved.csv")) { $1 }
        #expect(before.values.filter(covered.contains).count != after.values.filter(covered.contains).count)
        let baseline = try #require(json["baseline"] as? [String: Any])
        #expect(Self.members(baseline, "experiment") == before.values.filter(covered.contains).count * 3)
        #expect(Self.members(baseline, "comparison") == before.values.filter { !covered.contains($0) }.count * 3)
        for period in periods {
            #expect(Self.members(period, "experiment") == after.values.filter(covered.contains).count)
            #expect(Self.members(period, "comparison") == after.values.filter { !covered.contains($0) }.count)
        }

        // The effects put in, within the interval (held to 99.9 %, as in EvaluationTests).
        for (rate, truth) in [
            ("missed", Self.effectMissed), ("late", Self.effectLate),
            ("declared_on_time", -Self.effectMissed - Self.effectLate),
        ] {
            let (value, low, high) = try EvaluationTests.estimate(json, "difference_in_differences", rate)
            let wide = (high - low) / 2 * 3.290527 / 1.959964
            #expect(abs(value - truth) <= wide, "\(rate): \(value) [\(low), \(high)], truth \(truth)")
        }

        // The journal is complete for the declarations with an act, among the experiment's
        // members who declared (on time or late); the comparison group has no journal to complete.
        let summary = try #require(json["summary"] as? [String: Any])
        let experiment = try #require(summary["experiment"] as? [String: Any])
        let complete = try #require((experiment["rates"] as? [String: Any])?["journal_complete"] as? Double)
        let declared = try #require(experiment["declared_on_time"] as? Int) + (try #require(experiment["late"] as? Int))
        let standardError = (Self.noActs * (1 - Self.noActs) / Double(declared)).squareRoot()
        #expect(abs(complete - (1 - Self.noActs)) <= 3.290527 * standardError, "journal complete: \(complete)")
        let comparison = try #require(summary["comparison"] as? [String: Any])
        #expect((comparison["rates"] as? [String: Any])?["journal_complete"] is NSNull)

        // The CSV's counts are plain integers, thousands included, for spreadsheets.
        let csv = try sandbox.succeed(["report", "--evaluation", "--format", "csv"], now: Self.now).stdout
        let counts = EvaluationMinCellTests.csvCounts(csv)
        #expect(counts.contains { (Int($0) ?? 0) >= 1_000 }, "\(counts)")
        #expect(counts.allSatisfy { Int($0) != nil || $0 == "< 11" }, "\(counts)")

        // The closing and the reminders follow the rule of each period.
        let missing = try sandbox.periods(at: Self.now).reduce(into: [String: Int]()) {
            $0[$1.period] = $1.journalMissing
        }
        #expect(missing["2021-10"] == 0 && missing["2022-01"] == 0, "\(missing)")
        #expect((missing["2021-11"] ?? 0) > 0 && (missing["2021-12"] ?? 0) > 0, "\(missing)")
        let journalReminders = try sandbox.reminders(at: Self.now).filter { $0.step == "journal" && $0.state == "sent" }
        #expect(Set(journalReminders.map(\.period)) == ["2021-11", "2021-12"])
    }

    /// A jobseekers file's department by id.
    static func departments(_ path: String) throws -> [String: String] {
        let rows = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
        return Dictionary(
            rows.map { row in
                let fields = row.split(separator: ",", omittingEmptySubsequences: false)
                return (String(fields[0]), String(fields[1]))
            }, uniquingKeysWith: { $1 })
    }

    /// `object.side.members`, a count (nil when suppressed).
    static func members(_ object: [String: Any], _ side: String) -> Int? {
        (object[side] as? [String: Any])?["members"] as? Int
    }
}
