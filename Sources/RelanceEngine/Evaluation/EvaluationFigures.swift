import RelanceStore

/// The counts of the evaluation (SPEC section 16), in the order of its JSON and tables.
public enum EvaluationCount: String, CaseIterable, Sendable {
    case members
    case declaredOnTime = "declared_on_time"
    case late, missed
    case journalComplete = "journal_complete"
    case delivered
    case casesOpened = "cases_opened"
    case resolvedWithinSLA = "resolved_within_sla"

    /// The value of the count in a cell.
    func value(in cell: EvaluationCell) -> Int {
        switch self {
        case .members: cell.members
        case .declaredOnTime: cell.declaredOnTime
        case .late: cell.late
        case .missed: cell.missed
        case .journalComplete: cell.journalComplete
        case .delivered: cell.delivered
        case .casesOpened: cell.casesOpened
        case .resolvedWithinSLA: cell.resolvedWithinSLA
        }
    }
}

/// The rates of the evaluation: fractions, except `cases_per_1000`.
public enum EvaluationRate: String, CaseIterable, Sendable {
    case declaredOnTime = "declared_on_time"
    case late, missed
    case journalComplete = "journal_complete"
    case delivered
    case casesPer1000 = "cases_per_1000"
    case resolvedWithinSLA = "resolved_within_sla"

    /// The count the rate is a share of: shown only when that count is.
    var numerator: EvaluationCount {
        switch self {
        case .declaredOnTime: .declaredOnTime
        case .late: .late
        case .missed: .missed
        case .journalComplete: .journalComplete
        case .delivered: .delivered
        case .casesPer1000: .casesOpened
        case .resolvedWithinSLA: .resolvedWithinSLA
        }
    }

    /// The count the rate divides by, when it is one the figures show.
    var denominator: EvaluationCount? {
        switch self {
        case .declaredOnTime, .late, .missed, .casesPer1000: .members
        case .resolvedWithinSLA: .casesOpened
        case .journalComplete, .delivered: nil
        }
    }

    /// What the rate multiplies the proportion by.
    var scale: Double { self == .casesPer1000 ? 1000 : 1 }

    /// The proportion `part / whole` in a cell.
    func proportion(in cell: EvaluationCell) -> (part: Int, whole: Int) {
        switch self {
        case .declaredOnTime: (cell.declaredOnTime, cell.members)
        case .late: (cell.late, cell.members)
        case .missed: (cell.missed, cell.members)
        case .journalComplete: (cell.journalComplete, cell.journalRequired)
        case .delivered: (cell.delivered, cell.remindersSent)
        case .casesPer1000: (cell.casesOpened, cell.members)
        case .resolvedWithinSLA: (cell.resolvedWithinSLA, cell.casesOpened)
        }
    }
}

/// One group's figures for one period or a pool of periods, with statistical secrecy applied:
/// a count under `min_cell` is suppressed, and so is any cell or rate from which it could be
/// worked out.
public struct EvaluationFigures: Sendable {
    /// The true counts, never shown as such: read them through ``count(_:)`` and ``rate(_:)``.
    let cell: EvaluationCell
    let minCell: Int
    /// The counts suppressed, primary and complementary.
    var suppressed: Set<EvaluationCount>

    init(_ cell: EvaluationCell, minCell: Int) {
        self.cell = cell
        self.minCell = minCell
        suppressed = Set(EvaluationCount.allCases.filter { $0.value(in: cell) < minCell })
        if suppressed.contains(.members) { suppressed.formUnion([.declaredOnTime, .late, .missed]) }
        protectOutcomes()
    }

    /// Suppresses a count, and what it could be worked out from.
    mutating func suppress(_ count: EvaluationCount) {
        suppressed.insert(count)
        protectOutcomes()
    }

    /// On time, late and missed add up to the members: one of the four hidden alone could be
    /// worked out from the others, so a second one, an outcome, is hidden with it.
    private mutating func protectOutcomes() {
        let outcomes: [EvaluationCount] = [.declaredOnTime, .late, .missed]
        if ([.members] + outcomes).filter(suppressed.contains).count == 1, let next = smallest(among: outcomes) {
            suppressed.insert(next)
        }
    }

    /// The smallest count among `counts` still shown, to suppress as a complement.
    func smallest(among counts: [EvaluationCount]) -> EvaluationCount? {
        counts.filter { !suppressed.contains($0) }.min { $0.value(in: cell) < $1.value(in: cell) }
    }

    /// A count, nil when suppressed.
    public func count(_ count: EvaluationCount) -> Int? {
        suppressed.contains(count) ? nil : count.value(in: cell)
    }

    /// A rate, nil when its numerator or its denominator is suppressed (the other would be worked
    /// out from the rate), or when its complement (the whole less the part)
    /// is under `min_cell`, or when there is nothing to divide.
    public func rate(_ rate: EvaluationRate) -> Double? {
        let (part, whole) = rate.proportion(in: cell)
        guard !suppressed.contains(rate.numerator), rate.denominator.map(suppressed.contains) != true,
            whole >= minCell, whole - part >= minCell, whole > 0
        else {
            return nil
        }
        return Double(part) / Double(whole) * rate.scale
    }

    /// The variance of a rate as the normal approximation of a proportion gives it.
    func variance(_ rate: EvaluationRate) -> Double? {
        guard let value = self.rate(rate) else { return nil }
        let p = value / rate.scale
        let whole = Double(rate.proportion(in: cell).whole)
        return p * (1 - p) / whole * rate.scale * rate.scale
    }

    /// The median of the whole days from the opening to the declaration, nil under `min_cell`
    /// declarations.
    public var medianDaysToDeclare: Int? {
        let total = cell.daysToDeclare.values.reduce(0, +)
        guard total >= minCell else { return nil }
        var seen = 0
        for day in cell.daysToDeclare.keys.sorted() {
            seen += cell.daysToDeclare[day]!
            if 2 * seen >= total { return day }
        }
        return nil
    }
}

/// A difference with its 95 % confidence interval (normal approximation).
public struct EvaluationEstimate: Sendable {
    public var value: Double
    public var variance: Double

    /// `value ± 1.96 σ`.
    public var ci95: (low: Double, high: Double) {
        let half = 1.959964 * variance.squareRoot()
        return (value - half, value + half)
    }

    /// The difference of two groups' rate: values subtract, variances add.
    static func difference(_ rate: EvaluationRate, _ experiment: EvaluationFigures, _ comparison: EvaluationFigures)
        -> EvaluationEstimate?
    {
        guard let a = experiment.rate(rate), let b = comparison.rate(rate), let va = experiment.variance(rate),
            let vb = comparison.variance(rate)
        else { return nil }
        return EvaluationEstimate(value: a - b, variance: va + vb)
    }

    /// This estimate less an earlier one, independent of it: values subtract, variances add.
    func minus(_ other: EvaluationEstimate) -> EvaluationEstimate {
        EvaluationEstimate(value: value - other.value, variance: variance + other.variance)
    }
}
