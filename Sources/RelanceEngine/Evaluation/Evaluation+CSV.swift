import RelanceCore

extension Evaluation {
    /// `--format csv`: one line per figure (`period;group;measure;value;ci95_low;ci95_high`),
    /// `;`-separated with a byte order mark and decimal commas, for French Excel. `period` is a
    /// period, `summary` or `baseline`; a count is a plain integer (no thousands separator, so
    /// that a spreadsheet reads it as a number), a suppressed one `< 11`, a rate left out empty.
    public var csv: String {
        var rows: [[String]] = []
        func add(_ label: String, _ figures: Comparison, inDifferences: [EvaluationRate: EvaluationEstimate]?) {
            for side in Comparison.Side.allCases {
                guard let group = figures[side] else { continue }
                for count in EvaluationCount.allCases {
                    rows.append([
                        label, side.rawValue, count.rawValue,
                        group.count(count).map(String.init) ?? "< \(group.minCell)", "", "",
                    ])
                }
                rows.append([
                    label, side.rawValue, "median_days_to_declare", group.medianDaysToDeclare.map(String.init) ?? "",
                    "", "",
                ])
                for rate in EvaluationRate.allCases {
                    rows.append([label, side.rawValue, "rate_" + rate.rawValue, Self.number(group.rate(rate)), "", ""])
                }
            }
            for (name, estimates) in [("difference", figures.difference), ("difference_in_differences", inDifferences)]
            {
                guard let estimates else { continue }
                for rate in EvaluationRate.allCases {
                    let estimate = estimates[rate]
                    rows.append([
                        label, name, "rate_" + rate.rawValue, Self.number(estimate?.value),
                        Self.number(estimate?.ci95.low), Self.number(estimate?.ci95.high),
                    ])
                }
            }
        }
        for (period, figures) in periods { add(period.description, figures, inDifferences: nil) }
        add("summary", summary, inDifferences: differenceInDifferences)
        if let baseline { add("baseline", baseline.figures, inDifferences: nil) }
        return CSVWriter.document(header: ["period", "group", "measure", "value", "ci95_low", "ci95_high"], rows: rows)
    }

    /// A number with 6 decimals after a comma, empty for nil.
    private static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        let scaled = Int((abs(value) * 1_000_000).rounded())
        let fraction = String(scaled % 1_000_000)
        return (value < 0 && scaled > 0 ? "-" : "") + "\(scaled / 1_000_000),"
            + String(repeating: "0", count: 6 - fraction.count)
            + fraction
    }
}
