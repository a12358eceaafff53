public import RelanceCore
import RelanceStore

/// The journal's experiment against its comparison group, period by period (`relance report
/// --evaluation`, SPEC section 16). Aggregates only: no name, id or contact.
public struct Evaluation: Sendable {
    /// One group against the other, for a period or a pool of periods.
    public struct Comparison: Sendable {
        public var experiment: EvaluationFigures
        /// Nil when no department is left uncovered (an obligation for `all`).
        public var comparison: EvaluationFigures?

        /// The difference of each rate, experiment less comparison; nil without a comparison.
        public var difference: [EvaluationRate: EvaluationEstimate]? {
            guard let comparison else { return nil }
            var out: [EvaluationRate: EvaluationEstimate] = [:]
            for rate in EvaluationRate.allCases {
                out[rate] = EvaluationEstimate.difference(rate, experiment, comparison)
            }
            return out
        }
    }

    public var obligation: JournalObligation
    public var from: Period
    public var to: Period
    public var minCell: Int
    /// The departments the obligation covers: the experiment group.
    public var experimentDepartments: [String]
    /// The departments outside the experiment that no obligation covers in any period of the
    /// range or of the baseline: the comparison group, the same in every period.
    public var comparisonDepartments: [String]
    /// The closed periods from `from` to `to`.
    public var periods: [(period: Period, figures: Comparison)]
    /// The periods pooled.
    public var summary: Comparison
    /// The closed periods before the obligation's `from`, one by one (for the charts).
    public var baselinePeriods: [(period: Period, figures: Comparison)]
    /// The closed periods before the obligation's `from`, pooled; nil when there are none.
    public var baseline: (periods: [Period], figures: Comparison)?

    /// The pooled difference less the baseline's, for each rate; nil without a baseline or a
    /// comparison group.
    public var differenceInDifferences: [EvaluationRate: EvaluationEstimate]? {
        guard let now = summary.difference, let before = baseline?.figures.difference else { return nil }
        var out: [EvaluationRate: EvaluationEstimate] = [:]
        for rate in EvaluationRate.allCases {
            if let now = now[rate], let before = before[rate] { out[rate] = now.minus(before) }
        }
        return out
    }
}

extension Evaluation {
    /// Reads the evaluation of an obligation (the first configured when `id` is nil) from the
    /// store, in one transaction.
    ///
    /// - Throws: ``RelanceError`` `usage` for an unknown obligation, a reversed range, or a range
    ///   reaching out of the obligation's own.
    public static func build(_ relance: Relance, obligation id: String?, from: Period?, to: Period?) throws
        -> Evaluation
    {
        let configured = relance.configuration.journal.obligations
        guard let obligation = id.map({ configured.obligation(id: $0) }) ?? configured.obligations.first else {
            let known = configured.obligations.map(\.id).joined(separator: ", ")
            throw RelanceError(
                .usage,
                id.map { "--obligation: no journal obligation '\($0)' (configured: \(known.isEmpty ? "none" : known))" }
                    ?? "no journal obligation is configured (journal.obligations)")
        }
        let calendar = relance.configuration.cycle
        let (closed, cells) = try relance.store.read { session -> ([Period], [Period: [String: EvaluationCell]]) in
            let closed = try session.closedPeriods()
            let openings = closed.flatMap { period in
                Territory.all.map {
                    PeriodOpening(period: period, territory: $0, opening: calendar.opening(of: period, in: $0))
                }
            }
            return (closed, try session.evaluationCells(openings: openings))
        }
        let first =
            from ?? obligation.from ?? closed.first ?? Period(containing: Zone.paris.date(of: relance.clock.now))
        let lastClosed = closed.last ?? first
        let last = to ?? min(obligation.until?.previous ?? lastClosed, lastClosed)
        guard first <= last else { throw RelanceError(.usage, "--from \(first) is after --to \(last)") }
        try obligation.checkEvaluated(from: from, to: to)
        let before = closed.filter { period in
            obligation.from.map { period < $0 } ?? false
                && obligation.departments.allSatisfy { configured.obligation(covering: $0, in: period) == nil }
        }
        let grouping = Grouping(
            obligation: obligation,
            comparison: Grouping.comparison(
                excluding: obligation.departments, obligations: configured,
                over: Array(sequence(first: first) { $0 < last ? $0.next : nil }) + before),
            minCell: relance.configuration.report.minCell)
        let inRange = closed.filter { first <= $0 && $0 <= last }
        var periods = inRange.map { (period: $0, figures: grouping.figures(cells[$0] ?? [:])) }
        let summary = grouping.pooled(inRange, cells)
        Grouping.suppressComplements(&periods, against: summary)
        let baseline = grouping.pooled(before, cells)
        var baselinePeriods = before.map { (period: $0, figures: grouping.figures(cells[$0] ?? [:])) }
        Grouping.suppressComplements(&baselinePeriods, against: baseline)
        return Evaluation(
            obligation: obligation, from: first, to: last, minCell: grouping.minCell,
            experimentDepartments: grouping.experiment, comparisonDepartments: grouping.comparison,
            periods: periods, summary: summary, baselinePeriods: baselinePeriods,
            baseline: before.isEmpty ? nil : (before, baseline))
    }

    /// Which departments make each group, and the figures they add up to. Both groups are fixed
    /// sets of departments for the whole evaluation, the periods before the obligation as the
    /// evaluated ones: a member counts in the group of the department recorded for them in each
    /// period (intention to treat).
    struct Grouping {
        let obligation: JournalObligation
        /// The comparison departments: those no obligation covers in any period considered.
        let comparison: [String]
        let minCell: Int
        var experiment: [String] { obligation.departments }

        /// The departments outside `experiment` that no obligation covers in any of `periods`.
        static func comparison(excluding experiment: [String], obligations: JournalObligations, over periods: [Period])
            -> [String]
        {
            let excluded = Set(experiment)
            return Region.allDepartments.filter { department in
                !excluded.contains(department)
                    && periods.allSatisfy { obligations.obligation(covering: department, in: $0) == nil }
            }
        }

        func cells(_ cells: [String: EvaluationCell]) -> (EvaluationCell, EvaluationCell?) {
            let experiment = self.experiment.reduce(EvaluationCell()) { $0 + (cells[$1] ?? EvaluationCell()) }
            guard !comparison.isEmpty else { return (experiment, nil) }
            return (experiment, comparison.reduce(EvaluationCell()) { $0 + (cells[$1] ?? EvaluationCell()) })
        }

        func figures(_ cells: [String: EvaluationCell]) -> Comparison {
            let (experiment, comparison) = self.cells(cells)
            return Comparison(
                experiment: EvaluationFigures(experiment, minCell: minCell),
                comparison: comparison.map { EvaluationFigures($0, minCell: minCell) })
        }

        /// The periods' cells added up; the comparison is nil when every period lacks one.
        func pooled(_ periods: [Period], _ cells: [Period: [String: EvaluationCell]]) -> Comparison {
            var experiment = EvaluationCell()
            var comparison: EvaluationCell?
            for period in periods {
                let (a, b) = self.cells(cells[period] ?? [:])
                experiment = experiment + a
                if let b { comparison = (comparison ?? EvaluationCell()) + b }
            }
            return Comparison(
                experiment: EvaluationFigures(experiment, minCell: minCell),
                comparison: comparison.map { EvaluationFigures($0, minCell: minCell) })
        }

        /// The summary adds the periods up: when a single period's count is suppressed and the
        /// summary's is shown, the count of another period is suppressed too, else the hidden
        /// one would be the summary less the others. A complement can hide another count of its
        /// period (on time + late + missed = members), which may then be the only one hidden of
        /// its own kind: the pass is repeated until it suppresses nothing more.
        static func suppressComplements(
            _ periods: inout [(period: Period, figures: Comparison)], against summary: Comparison
        ) {
            var changed = true
            while changed {
                changed = false
                for count in EvaluationCount.allCases {
                    for side in Comparison.Side.allCases where summary[side]?.count(count) != nil {
                        let hidden = periods.indices.filter {
                            periods[$0].figures[side]?.suppressed.contains(count) == true
                        }
                        guard hidden.count == 1 else { continue }
                        let shown = periods.indices.compactMap { index in
                            periods[index].figures[side]?.count(count).map { (index: index, value: $0) }
                        }
                        guard let smallest = shown.min(by: { $0.value < $1.value }) else { continue }
                        periods[smallest.index].figures[side]?.suppress(count)
                        changed = true
                    }
                }
            }
        }
    }
}

extension Evaluation.Comparison {
    /// The two groups.
    public enum Side: String, CaseIterable, Sendable {
        case experiment, comparison
    }

    /// One group's figures.
    public subscript(side: Side) -> EvaluationFigures? {
        get { side == .experiment ? experiment : comparison }
        set {
            switch side {
            case .experiment: if let newValue { experiment = newValue }
            case .comparison: comparison = newValue
            }
        }
    }
}

extension JournalObligation {
    /// The evaluated periods lie within the obligation's range: those before its `from` are the
    /// reference of the difference-in-differences, and from its `until` on its departments
    /// are no longer treated, so neither may be pooled with the evaluated ones.
    func checkEvaluated(from: Period?, to: Period?) throws {
        if let from, let start = self.from, from < start {
            throw RelanceError(
                .usage,
                "--from \(from) is before the start of obligation '\(id)' (\(start)): the periods before it are "
                    + "the reference of the difference-in-differences")
        }
        if let to, let end = until, end <= to {
            throw RelanceError(
                .usage, "--to \(to) is not before the end of obligation '\(id)' (until \(end), exclusive)")
        }
    }
}
