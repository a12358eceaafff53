public import RelanceCore

extension Evaluation {
    /// `--format json` (SPEC section 16), with `baseline` added: the periods before the
    /// obligation that the difference-in-differences compares with.
    public var json: JSON {
        .object([
            ("obligation", .string(obligation.id)), ("from", .string(from.description)),
            ("to", .string(to.description)),
            ("min_cell", .int(minCell)),
            ("method", .string(Self.methodEnglish)),
            (
                "groups",
                .object([
                    ("experiment", .object([("departments", .array(experimentDepartments.map(JSON.string)))])),
                    ("comparison", .object([("departments", .array(comparisonDepartments.map(JSON.string)))])),
                ])
            ),
            (
                "periods",
                .array(
                    periods.map { row in
                        .object([("period", .string(row.period.description))] + Self.json(row.figures))
                    })
            ),
            (
                "summary",
                .object(Self.json(summary) + [("difference_in_differences", Self.json(differenceInDifferences))])
            ),
            (
                "baseline",
                baseline.map { baseline in
                    .object(
                        [("periods", .array(baseline.periods.map { .string($0.description) }))]
                            + Self.json(baseline.figures))
                } ?? .null
            ),
        ])
    }

    /// How the intervals are computed, for the JSON reader.
    static let methodEnglish =
        "95% confidence intervals by the normal approximation for a difference of proportions; "
        + "difference-in-differences against the pooled periods before the obligation, variances added; "
        + "members are taken as independent, so pooled intervals are too narrow where a jobseeker counts in "
        + "several periods and departments differ (no clustering)"

    private static func json(_ comparison: Comparison) -> [(String, JSON)] {
        [
            ("experiment", json(comparison.experiment)), ("comparison", comparison.comparison.map(json) ?? .null),
            ("difference", json(comparison.difference)),
        ]
    }

    private static func json(_ figures: EvaluationFigures) -> JSON {
        let threshold = "< \(figures.minCell)"
        var members: [(String, JSON)] = EvaluationCount.allCases.map { count in
            (count.rawValue, figures.count(count).map(JSON.int) ?? .string(threshold))
        }
        members.append(("median_days_to_declare", figures.medianDaysToDeclare.map(JSON.int) ?? .null))
        members.append(
            (
                "rates",
                .object(EvaluationRate.allCases.map { ($0.rawValue, figures.rate($0).map(JSON.number) ?? .null) })
            ))
        return .object(members)
    }

    private static func json(_ difference: [EvaluationRate: EvaluationEstimate]?) -> JSON {
        guard let difference else { return .null }
        return .object(
            EvaluationRate.allCases.map { rate in
                guard let estimate = difference[rate] else { return (rate.rawValue, .null) }
                let (low, high) = estimate.ci95
                return (
                    rate.rawValue,
                    .object([("value", .number(estimate.value)), ("ci95", .array([.number(low), .number(high)]))])
                )
            })
    }
}
