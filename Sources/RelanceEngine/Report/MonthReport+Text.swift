import RelanceCore

extension MonthReport {
    /// Readable tables for a terminal, one block per ``ReportSection``.
    public var text: String {
        var out =
            "Rapport relance : \(ReportFormat.periodName(period)) (\(period)), \(ReportFormat.label(status.state))\n"
        out += "fenêtre du \(ReportFormat.longDay(window.openingDay)) au \(ReportFormat.longDay(window.deadlineDay))"
        out += " (date limite) ; produit le \(ReportFormat.moment(generatedAt)) ; jours à l'heure de Paris\n"
        for section in ReportSection.allCases {
            out += "\n\(section.title.uppercased())\n" + body(of: section) + "\n"
        }
        return out + deliveryText
    }

    private func body(of section: ReportSection) -> String {
        switch section {
        case .jobseekers:
            let rows = outcomes.map {
                [$0.label, ReportFormat.number($0.count), ReportFormat.percent($0.count, of: status.jobseekers)]
            }
            return ReportTable.align(rows, rightAligned: [false, true, true])
        case .declarations:
            let peak = max(1, days.last?.cumulative ?? 0)
            return dayTable.text { row in " " + String(repeating: "#", count: (row.counts[2] * 40 + peak - 1) / peak) }
                + "\n\nrelances envoyées (heure de Paris)\n" + sendTable.text()
        case .journal: return journalTable.text()
        case .reminders: return reminderTable.text()
        case .failures:
            return "relances en échec\n" + failedReminderTable.text() + "\n\ntentatives en échec\n"
                + failureTable.text()
        case .cases:
            return caseTable.text() + "\n\npar motif\n" + reasonTable.text()
                + "\n\nsans destinataire (ni conseiller ni agence connue) : \(ReportFormat.number(status.casesUnrouted))"
        case .overdue: return overdueTable.text()
        }
    }
}

extension ReportTable {
    /// Aligned columns with a heading line: labels left, counts right, a missing label as `—`;
    /// `suffix` adds free text after a row. `(none)` when there is no row.
    func text(suffix: (Row) -> String = { _ in "" }) -> String {
        guard !rows.isEmpty else { return "(aucun)" }
        let lines =
            [columns.map(ReportFormat.heading)]
            + rows.map { row in
                row.labels.map { $0.map(ReportFormat.label) ?? "—" } + row.counts.map(ReportFormat.number)
            }
        let right = labelColumns.map { _ in false } + countColumns.map { _ in true }
        let aligned = Self.align(lines, rightAligned: right).split(separator: "\n", omittingEmptySubsequences: false)
        return zip(aligned, [nil] + rows).map { line, row in line + (row.map(suffix) ?? "") }.joined(separator: "\n")
    }

    /// Pads cells to their column's width, two spaces apart.
    static func align(_ lines: [[String]], rightAligned: [Bool]) -> String {
        let widths = rightAligned.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        return lines.map { cells in
            cells.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - cells[column].count)
                return rightAligned[column] ? padding + cells[column] : cells[column] + padding
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
