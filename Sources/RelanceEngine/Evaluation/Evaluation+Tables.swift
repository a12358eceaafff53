import RelanceCore

/// A table of the evaluation as people read it: text cells, the first column a label.
struct EvaluationTable {
    var header: [String]
    var rows: [[String]]
}

extension Evaluation {
    /// The pooled figures: one row per count and rate, the two groups, their difference and the
    /// difference-in-differences.
    var summaryTable: EvaluationTable {
        let difference = summary.difference
        let inDifferences = differenceInDifferences
        var rows: [[String]] = EvaluationCount.allCases.map { count in
            [
                count.label, Self.text(summary.experiment, count),
                summary.comparison.map { Self.text($0, count) } ?? "–", "", "",
            ]
        }
        rows.append([
            "Délai médian de déclaration (jours)", Self.days(summary.experiment),
            summary.comparison.map(Self.days) ?? "–", "", "",
        ])
        rows += EvaluationRate.allCases.map { rate in
            [
                "Taux : " + rate.label, rate.text(summary.experiment.rate(rate)),
                rate.text(summary.comparison?.rate(rate)), rate.estimateText(difference?[rate]),
                rate.estimateText(inDifferences?[rate]),
            ]
        }
        return EvaluationTable(
            header: [
                "Mesure", "Groupe expérimental", "Groupe de comparaison", "Écart [IC 95 %]",
                "Différence de différences [IC 95 %]",
            ], rows: rows)
    }

    /// One block of ``periodRows`` rows per period: each group, the difference, its 95 % interval.
    var periodTable: EvaluationTable {
        var rows: [[String]] = []
        for (period, figures) in periods {
            let name = ReportFormat.periodName(period)
            rows.append([name, "expérimental"] + Self.cells(figures.experiment))
            rows.append(["", "comparaison"] + (figures.comparison.map(Self.cells) ?? Self.missingCells))
            let difference = figures.difference
            rows.append(
                ["", "écart"] + ["", ""]
                    + EvaluationRate.allCases.map { rate in
                        difference?[rate].map { rate.differenceText($0.value) } ?? "–"
                    })
            rows.append(["", "IC 95 %", "", ""] + EvaluationRate.allCases.map { $0.intervalText(difference?[$0]) })
        }
        return EvaluationTable(
            header: [
                "Période", "Groupe", "Suivis", "Délai médian (j)", "À temps", "En retard", "Non actualisés",
                "Journal complet", "Relances délivrées", "Suivis ouverts ‰", "Résolus dans le délai",
            ], rows: rows)
    }

    /// The rows of a period in ``periodTable``.
    static let periodRows = 4

    private static var missingCells: [String] { Array(repeating: "–", count: 2 + EvaluationRate.allCases.count) }

    private static func cells(_ figures: EvaluationFigures) -> [String] {
        [text(figures, .members), days(figures)] + EvaluationRate.allCases.map { $0.text(figures.rate($0)) }
    }

    /// A count, or `< 11` when suppressed.
    static func text(_ figures: EvaluationFigures, _ count: EvaluationCount) -> String {
        figures.count(count).map(ReportFormat.number) ?? "< \(figures.minCell)"
    }

    private static func days(_ figures: EvaluationFigures) -> String {
        figures.medianDaysToDeclare.map(String.init) ?? "–"
    }

    /// The department lists in French, for the heading of every format.
    var groupsText: [String] {
        [
            "Groupe expérimental : \(experimentDepartments.count) départements couverts par l'obligation "
                + "\(obligation.id) (\(experimentDepartments.joined(separator: ", ")))",
            comparisonDepartments.isEmpty
                ? "Groupe de comparaison : aucun département n'échappe à l'obligation, pas de comparaison possible"
                : "Groupe de comparaison : \(comparisonDepartments.count) départements qu'aucune obligation ne couvre "
                    + "sur les périodes évaluées et de référence",
            baseline.map {
                "Référence : \($0.periods.count) période(s) avant l'obligation, "
                    + "de \(ReportFormat.periodName($0.periods.first!)) à \(ReportFormat.periodName($0.periods.last!))"
            } ?? "Référence : aucune période avant l'obligation dans la base, pas de différence de différences",
        ]
    }
}
