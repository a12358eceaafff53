import Foundation
import RelanceTestSupport
import Testing

/// An independent model of SPEC section 4 escalation for one jobseeker, period after period:
/// streaks of each condition, the first matching rule, one open case whose route is only raised.
struct EscalationModel {
    /// The jobseeker's open case.
    struct Case: Equatable {
        var route: String
        /// `REASON PERIOD` codes.
        var reasons: Set<String>
        /// The period whose closing opened it.
        var openedBy: String
    }

    let rules: [PolicyRule]
    private(set) var streaks: [PolicyRule.Condition: Int] = [:]
    private(set) var openCase: Case?

    init(rules: [PolicyRule]) { self.rules = rules }

    /// A period closed; `conditions` held in it.
    mutating func close(_ period: String, conditions: Set<PolicyRule.Condition>) {
        for condition in [PolicyRule.Condition.missed, .journalMissing, .unreachable] {
            streaks[condition] = conditions.contains(condition) ? streaks[condition, default: 0] + 1 : 0
        }
        guard
            let rule = rules.first(where: { conditions.contains($0.condition) && streaks[$0.condition]! >= $0.streak })
        else { return }
        let reason = "\(rule.condition.rawValue) \(period)"
        if var current = openCase {
            current.reasons.insert(reason)
            if rule.route == "agency" { current.route = "agency" }
            openCase = current
        } else {
            openCase = Case(route: rule.route, reasons: [reason], openedBy: period)
        }
    }

    /// An advisor closed the case (resolved or closed without contact).
    mutating func caseClosed() { openCase = nil }
}

extension Scenario {
    /// The closing of each jobseeker the period tracks, by id, as the model predicts it.
    func predictedClosings(_ expectations: [ReminderModel.Expectation]) -> [String: ReminderModel.Closing] {
        let model = self.model
        return Dictionary(
            uniqueKeysWithValues: jobseekers.compactMap { jobseeker in
                model.closing(of: jobseeker, expectations: expectations).map { (jobseeker.id, $0) }
            })
    }

    /// The case each jobseeker has open once the period closed, by id, as the models predict it.
    func predictedCases(_ closings: [String: ReminderModel.Closing]) -> [String: EscalationModel.Case] {
        var cases: [String: EscalationModel.Case] = [:]
        for jobseeker in jobseekers {
            var escalation = EscalationModel(rules: policy.rules)
            if let closing = closings[jobseeker.id] {
                var conditions: Set<PolicyRule.Condition> = []
                if closing.outcome == "missed" { conditions.insert(.missed) }
                if closing.journal == "missing" { conditions.insert(.journalMissing) }
                if closing.unreachable { conditions.insert(.unreachable) }
                escalation.close(period, conditions: conditions)
            }
            cases[jobseeker.id] = escalation.openCase
        }
        return cases
    }

    /// Checks the outcomes (`status`) and the cases (`cases list`) of the period against the
    /// models, for a scenario whose ticks ran past every closing.
    func verifyClosing(
        in sandbox: Sandbox, expectations: [ReminderModel.Expectation],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let model = self.model
        let closings = predictedClosings(expectations)
        let predicted = predictedCases(closings)
        let now = end
        let status = try #require(
            try sandbox.periods(at: now).first { $0.period == period }, sourceLocation: sourceLocation)
        #expect(status.state == "closed", sourceLocation: sourceLocation)
        #expect(status.jobseekers == jobseekers.filter(model.isMember).count, sourceLocation: sourceLocation)
        #expect(
            status.missed == closings.values.filter { $0.outcome == "missed" }.count, sourceLocation: sourceLocation)
        #expect(
            status.declared == closings.values.filter { $0.outcome == "declared" }.count, sourceLocation: sourceLocation
        )
        #expect(
            status.journalMissing == closings.values.filter { $0.journal == "missing" }.count,
            sourceLocation: sourceLocation)

        let cases = Dictionary(grouping: try sandbox.cases(at: now), by: \.jobseekerID)
        for jobseeker in jobseekers {
            let found = cases[jobseeker.id] ?? []
            guard let expected = predicted[jobseeker.id] else {
                #expect(found.isEmpty, "\(jobseeker.id): unexpected case \(found)", sourceLocation: sourceLocation)
                continue
            }
            let territory = SpecTerritory(department: jobseeker.department)!
            let closingTick = orderedTicks.first { $0 >= window.closing(in: territory) }!
            #expect(found.count == 1, "\(jobseeker.id): \(found.count) cases", sourceLocation: sourceLocation)
            guard let row = found.first else { continue }
            #expect(row.route == expected.route, "\(jobseeker.id): route \(row.route)", sourceLocation: sourceLocation)
            #expect(
                row.reasonSet == expected.reasons, "\(jobseeker.id): reasons \(row.reasons)",
                sourceLocation: sourceLocation)
            #expect(row.state == "open", sourceLocation: sourceLocation)
            #expect(row.openedOn == territory.local(closingTick).day.description, sourceLocation: sourceLocation)
            #expect(
                row.dueOn == territory.adding(businessDays: policy.slaBusinessDays, to: window.closingDay).description,
                "\(jobseeker.id): due on \(row.dueOn)", sourceLocation: sourceLocation)
        }
    }
}
