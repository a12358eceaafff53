import Foundation
import RelanceTestSupport
import Testing

/// The evaluation's groups are the same departments in every period (SPEC section 16): a
/// fixed gap between them cancels out of the difference-in-differences, whatever its size.
@Suite("report --evaluation: fixed groups")
struct EvaluationGroupsTests {
    /// Six periods before the experiment (2021-05 to 2021-10), four during it.
    static func arguments(_ history: EvaluationTests.History) -> [String] {
        [
            "--seed", "\(history.seed)", "--jobseekers", "\(history.jobseekers)", "--first", "2021-05", "--last",
            "2022-02", "--effect-missed", "\(history.effectMissed)", "--effect-late", "\(history.effectLate)",
            "--gap-missed", "\(history.gapMissed)",
        ]
    }

    /// Large fixed gaps between the groups, with no effect and with known ones.
    static let histories = [
        EvaluationTests.History(seed: 101, jobseekers: 2_000, effectMissed: 0, effectLate: 0, gapMissed: 0.10),
        EvaluationTests.History(seed: 102, jobseekers: 3_000, effectMissed: 0, effectLate: 0, gapMissed: 0.15),
        EvaluationTests.History(seed: 104, jobseekers: 2_000, effectMissed: -0.04, effectLate: 0.02, gapMissed: 0.10),
        EvaluationTests.History(seed: 106, jobseekers: 2_500, effectMissed: -0.03, effectLate: -0.01, gapMissed: 0.12),
    ]

    /// The difference-in-differences of each outcome and the effect put in: on time loses what
    /// late and missed gain. (Cases and their resolution also follow the journal's own
    /// reminders and escalation, which the obligation brings: no truth is known for them.)
    static func checks(_ history: EvaluationTests.History) -> [(rate: String, truth: Double)] {
        [
            ("missed", history.effectMissed), ("late", history.effectLate),
            ("declared_on_time", -history.effectMissed - history.effectLate),
        ]
    }

    @Test("the effect put in is inside the printed 95 % interval, the group gap notwithstanding")
    func fixedGroupsRemoveTheGap() async throws {
        let results = try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
            for (index, history) in Self.histories.enumerated() {
                group.addTask { (index, try Self.misses(history)) }
            }
            return try await group.reduce(into: [Int: [String]]()) { $0[$1.0] = $1.1 }
        }
        // A 95 % interval misses its truth one time in twenty. The three outcomes of a history are
        // tied (they add up to the members), so a history has some interval missing about one
        // time in nine (~0.11) with an unbiased estimator. Allowing one history of four to miss
        // leaves a false failure (two or more) at ~6 %; with six it was ~2 %, but each history is
        // a replay of ten months and the suite must stay short. The groups' old definition (the
        // experiment's own departments counted in the comparison group before `from`) shifts
        // the estimate of missed and on time by 30 % of the gap, 3 to 4.5 points against a
        // standard error near one: a history misses then ~85 % of the time, two of four or more
        // with near certainty. The generator is seeded, so these four are the same on every run
        // (all twelve intervals contain their truth).
        let missed = results.sorted { $0.key < $1.key }.filter { !$0.value.isEmpty }
        #expect(missed.count <= 1, "\(missed.map { "\(Self.histories[$0.key].testDescription): \($0.value)" })")
    }

    /// Replays a history and returns the checks whose interval misses the truth, as messages.
    static func misses(_ history: EvaluationTests.History) throws -> [String] {
        let sandbox = try Sandbox(edit: Sandbox.withObligations([EvaluationTests.experiment]))
        let folder = try sandbox.generateHistory(arguments(history))
        try sandbox.replayHistory(folder)
        let result = try sandbox.succeed(
            ["report", "--evaluation", "--format", "json"], now: "2022-04-01T12:00:00+02:00")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["to"] as? String == "2022-02")
        let groups = try #require(json["groups"] as? [String: Any])
        let experiment = try #require((groups["experiment"] as? [String: Any])?["departments"] as? [String])
        let comparison = try #require((groups["comparison"] as? [String: Any])?["departments"] as? [String])
        #expect(Set(experiment).isDisjoint(with: comparison))
        var out: [String] = []
        for check in checks(history) {
            let (value, low, high) = try EvaluationTests.estimate(json, "difference_in_differences", check.rate)
            let line = "\(check.rate) \(value) [\(low), \(high)] truth \(check.truth)"
            if !(low <= check.truth && check.truth <= high) { out.append(line) }
        }
        return out
    }
}
