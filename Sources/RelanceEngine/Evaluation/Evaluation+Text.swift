import RelanceCore

extension Evaluation {
    /// `--format text`: the summary, then the periods, aligned for a terminal.
    public var text: String {
        var out = "Évaluation du journal : obligation \(obligation.id), \(rangeText)\n"
        out += groupsText.joined(separator: "\n") + "\n"
        out += "Méthode : \(Self.method)\n\(secrecy)\n"
        out += "\nSYNTHÈSE (PÉRIODES GROUPÉES)\n" + Self.text(summaryTable) + "\n"
        out += "\nPAR PÉRIODE\n" + (periods.isEmpty ? "(aucune période close)" : Self.text(periodTable)) + "\n"
        return out
    }

    private static func text(_ table: EvaluationTable) -> String {
        let right = table.header.indices.map { $0 > 0 && !($0 == 1 && table.header[1] == "Groupe") }
        return ReportTable.align([table.header] + table.rows, rightAligned: right)
    }
}
