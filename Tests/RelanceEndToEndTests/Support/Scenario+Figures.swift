import Foundation
import RelanceTestSupport
import Testing

extension Scenario {
    /// The reminder states the model decides exactly (a reminder it does not plan may be absent
    /// or skipped, so `skipped` is left out).
    static let modelledStates = ["sent", "failed", "expired", "pending"]

    /// Checks the figures of `report --period PERIOD --format json` and of the metrics file of one
    /// more tick at the end against the models, not against `status`, which reads the same tables:
    /// members, declared, missed, journal missing, reminders by state, open cases, accepted sends.
    func verifyFigures(
        in sandbox: Sandbox, expectations: [ReminderModel.Expectation],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let closings = predictedClosings(expectations)
        let openCases = predictedCases(closings).count
        var states: [String: Int] = [:]
        for expectation in expectations {
            if let state = expectation.outcome.state, Self.modelledStates.contains(state) {
                states[state, default: 0] += 1
            }
        }
        let predicted: [String: Int] = [
            "jobseekers": jobseekers.filter(model.isMember).count,
            "declared": closings.values.filter { $0.outcome == "declared" }.count,
            "missed": closings.values.filter { $0.outcome == "missed" }.count,
            "journal_missing": closings.values.filter { $0.journal == "missing" }.count,
            "cases_open": openCases,
        ]

        let output = try sandbox.succeed(["report", "--period", period, "--format", "json"], now: end).stdout
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], sourceLocation: sourceLocation)
        for (field, value) in predicted {
            #expect(
                report[field] as? Int == value, "report \(field): \(report[field] ?? "none"), model \(value)",
                sourceLocation: sourceLocation)
        }
        let reminders = report["reminders"] as? [String: Int] ?? [:]
        for state in Self.modelledStates {
            #expect(
                reminders[state, default: 0] == states[state, default: 0],
                "report reminders \(state): \(reminders[state] ?? 0), model \(states[state, default: 0])",
                sourceLocation: sourceLocation)
        }

        let file = sandbox.root + "/figures.prom"
        try sandbox.succeed(["tick", "--metrics-file", file], now: end)
        let samples = try Python.parsePrometheus(try String(contentsOfFile: file, encoding: .utf8))
        for state in Self.modelledStates {
            let metric = samples.sum("relance_reminders", where: ["period": period, "state": state])
            #expect(
                metric == states[state, default: 0],
                "relance_reminders \(state): \(metric), model \(states[state, default: 0])",
                sourceLocation: sourceLocation)
        }
        let accepted = samples.sum("relance_attempts_total", where: ["outcome": "accepted"])
        #expect(
            accepted == states["sent", default: 0],
            "accepted attempts \(accepted), model \(states["sent", default: 0]) sent",
            sourceLocation: sourceLocation)
        let cases = samples.sum("relance_cases")
        #expect(cases == openCases, "relance_cases \(cases), model \(openCases)", sourceLocation: sourceLocation)
    }
}

extension [Python.Sample] {
    /// The sum of the samples named `name` whose labels include `match`.
    func sum(_ name: String, where match: [String: String] = [:]) -> Int {
        let matching = self.filter { sample in
            sample.name == name && match.allSatisfy { sample.labels[$0.key] == $0.value }
        }
        return Int(matching.reduce(0) { $0 + $1.value })
    }
}
