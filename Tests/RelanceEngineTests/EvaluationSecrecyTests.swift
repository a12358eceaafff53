import RelanceCore
import RelanceStore
import Testing

@testable import RelanceEngine

/// The statistical secrecy of the evaluation (SPEC 16) on cells built by hand: no suppressed
/// count can be worked out from what is shown, by subtraction from the summary or within its
/// period (on time + late + missed = members), nor from a rate.
@Suite("evaluation secrecy")
struct EvaluationSecrecyTests {
    typealias Periods = [(period: Period, figures: Evaluation.Comparison)]

    static func cell(members: Int, onTime: Int, late: Int, cases: Int = 40, resolved: Int = 20) -> EvaluationCell {
        var cell = EvaluationCell()
        (cell.members, cell.declaredOnTime, cell.late, cell.missed) = (members, onTime, late, members - onTime - late)
        (cell.casesOpened, cell.resolvedWithinSLA) = (cases, resolved)
        return cell
    }

    /// The experiment side of each period, the comparison left out, then the summary of them
    /// all and the complements suppressed against it.
    static func suppress(_ cells: [EvaluationCell], minCell: Int = 11) -> (Periods, Evaluation.Comparison) {
        var periods: Periods = cells.enumerated().map { index, cell in
            let figures = Evaluation.Comparison(experiment: EvaluationFigures(cell, minCell: minCell), comparison: nil)
            return (Period(year: 2022, month: 1)!.adding(months: index), figures)
        }
        let pooled = cells.reduce(EvaluationCell(), +)
        let summary = Evaluation.Comparison(experiment: EvaluationFigures(pooled, minCell: minCell), comparison: nil)
        Evaluation.Grouping.suppressComplements(&periods, against: summary)
        return (periods, summary)
    }

    /// What could be worked out from the figures shown, as messages (none when secrecy holds).
    static func leaks(_ periods: Periods, _ summary: Evaluation.Comparison) -> [String] {
        var out: [String] = []
        let all = periods.map { ($0.period.description, $0.figures.experiment) } + [("summary", summary.experiment)]
        for (name, figures) in all {
            for count in EvaluationCount.allCases {
                if let value = figures.count(count), value < figures.minCell {
                    out.append("\(name) shows \(count) \(value)")
                }
            }
            let sum: [EvaluationCount] = [.members, .declaredOnTime, .late, .missed]
            if sum.filter(figures.suppressed.contains).count == 1 { out.append("\(name): one of the sum hidden alone") }
            for rate in EvaluationRate.allCases where figures.rate(rate) != nil {
                if figures.count(rate.numerator) == nil || rate.denominator.map({ figures.count($0) == nil }) == true {
                    out.append("\(name): \(rate) shown with a count of it hidden")
                }
            }
        }
        for count in EvaluationCount.allCases where summary.experiment.count(count) != nil {
            let hidden = periods.filter { $0.figures.experiment.count(count) == nil }
            if hidden.count == 1 { out.append("\(hidden[0].period) \(count) = summary less the other periods") }
        }
        return out
    }

    @Test("a complement hidden late in the pass is protected too: the pass repeats until nothing changes")
    func iteratesToAFixedPoint() {
        // 2022-01 hides late (5) and, as its complement within the period, missed (12). Against the
        // summary, late and then missed are each hidden in one period only, so 2022-02 loses its
        // late (20), and with it its smallest outcome, on time (15): on time is then hidden in
        // 2022-02 alone, 115 - 100 in the summary, once the pass has gone past on time. A single
        // pass left it so; the second hides 2022-01's on time.
        let (periods, summary) = Self.suppress([
            Self.cell(members: 117, onTime: 100, late: 5), Self.cell(members: 335, onTime: 15, late: 20),
        ])
        #expect(Self.leaks(periods, summary) == [])
        for (period, figures) in periods {
            #expect(figures.experiment.count(.declaredOnTime) == nil, "\(period)")
            #expect(figures.experiment.count(.members) != nil, "\(period)")
        }
        #expect(summary.experiment.count(.declaredOnTime) == 115)
    }

    @Test("members hidden as a complement take an outcome and the rates over them along")
    func membersAsComplement() {
        // 2022-01's members (9) are under the threshold; 2022-02's (40) are the smallest shown,
        // hidden so that the summary's does not give 2022-01's away. 2022-02's outcomes (13, 13,
        // 14) would then add up to them, and its rates divide by them.
        let (periods, summary) = Self.suppress([
            Self.cell(members: 9, onTime: 8, late: 0), Self.cell(members: 40, onTime: 13, late: 13),
            Self.cell(members: 70, onTime: 35, late: 20),
        ])
        #expect(Self.leaks(periods, summary) == [])
        #expect(periods[1].figures.experiment.count(.members) == nil)
        #expect(periods[1].figures.experiment.rate(.casesPer1000) == nil)
    }

    @Test("no count can be worked out, on many cells drawn at random, for several thresholds", arguments: [5, 11, 30])
    func randomCells(_ minCell: Int) {
        var generator = SplitMix(seed: UInt64(minCell))
        var checked = 0
        for _ in 0..<400 {
            let cells = (0..<Int.random(in: 2...6, using: &generator)).map { _ in
                let members = Int.random(in: 0...(4 * minCell), using: &generator)
                let onTime = Int.random(in: 0...members, using: &generator)
                let late = Int.random(in: 0...(members - onTime), using: &generator)
                let cases = Int.random(in: 0...(2 * minCell), using: &generator)
                return Self.cell(
                    members: members, onTime: onTime, late: late, cases: cases,
                    resolved: Int.random(in: 0...cases, using: &generator))
            }
            let (periods, summary) = Self.suppress(cells, minCell: minCell)
            let leaks = Self.leaks(periods, summary)
            #expect(leaks == [], "\(cells.map { [$0.members, $0.declaredOnTime, $0.late, $0.casesOpened] })")
            checked += periods.filter { !$0.figures.experiment.suppressed.isEmpty }.count
        }
        #expect(checked > 100, "cells this small are often suppressed")
    }
}

/// A deterministic generator (SplitMix64), so that a failing draw is the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
