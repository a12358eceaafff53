import RelanceCore

extension Evaluation {
    /// `--format html`: one self-contained French page (inline CSS and SVG, no script, no
    /// external resource) that prints on A4.
    public var html: String {
        let title = "Évaluation du journal : \(obligation.id)"
        var out =
            ReportHTML.head(title: title, extraStyle: Self.style) + """
                <header>
                <h1>\(ReportFormat.escape(title))</h1>
                <p class="meta">Périodes \(ReportFormat.escape(rangeText)) ; obligation en vigueur \
                \(ReportFormat.escape(Self.rangeOf(obligation))).</p>
                </header>
                <section id="groupes">
                <h2>Groupes comparés</h2>
                \(groupsText.map { "<p>\(ReportFormat.escape($0))</p>" }.joined(separator: "\n"))
                </section>
                <section id="methode">
                <h2>Méthode statistique</h2>
                <p>\(ReportFormat.escape(Self.method))</p>
                <p class="note">\(ReportFormat.escape(secrecy))</p>
                </section>
                <section id="synthese">
                <h2>Synthèse des périodes évaluées</h2>
                \(Self.html(summaryTable, className: nil))</section>

                """
        out += "<section id=\"graphiques\">\n<h2>Évolution par période</h2>\n" + charts + "</section>\n"
        out += "<section id=\"periodes\">\n<h2>Détail par période</h2>\n"
        out += periods.isEmpty ? "<p class=\"none\">Aucune période close dans la base.</p>\n" : periodHTML
        return out + """
            </section>
            <footer>Agrégats uniquement : aucun nom, identifiant ni coordonnée. Produit par relance.</footer>
            </body>
            </html>

            """
    }

    /// The period table is wide: smaller type, and a period's rows kept on one page.
    private static let style = """
        .wide { font-size: 12px; }
        .wide td, .wide th { padding: 2px 5px; }
        tbody.period { break-inside: avoid; }
        tbody.period tr:first-child td { border-top: 1px solid #9aa5b1; }
        figure { margin: 0 0 12px; }
        @media print {
          .wide { font-size: 7.5pt; }
          .wide td, .wide th { padding: 1px 3px; }
          figure { break-inside: avoid; }
        }
        """

    /// `de novembre 2021 à décembre 2022`, or the open end of the obligation.
    private static func rangeOf(_ obligation: JournalObligation) -> String {
        switch (obligation.from, obligation.until) {
        case (nil, nil): "pour toutes les périodes"
        case (let from?, nil): "à partir de \(ReportFormat.periodName(from))"
        case (nil, let until?): "jusqu'à \(ReportFormat.periodName(until.previous))"
        case (let from?, let until?):
            "de \(ReportFormat.periodName(from)) à \(ReportFormat.periodName(until.previous))"
        }
    }

    /// The rates charted, one figure each with its heading.
    private static let chartedRates: [EvaluationRate] = [.declaredOnTime, .missed, .journalComplete, .casesPer1000]

    /// A line chart per rate over the baseline and the evaluated periods, each under its heading;
    /// a sentence instead of a chart whose every point is suppressed.
    private var charts: String {
        let rows = (baselinePeriods + periods).sorted { $0.period < $1.period }
        let labels = rows.map { ReportFormat.shortPeriod($0.period) }
        let start = obligation.from.flatMap { from in rows.firstIndex { $0.period >= from } }
        return Self.chartedRates.map { rate in
            let series = [
                SVGChart.Series(
                    name: "Groupe expérimental", color: "#2f6fde", values: rows.map { $0.figures.experiment.rate(rate) }
                ),
                SVGChart.Series(
                    name: "Groupe de comparaison", color: "#f0a020",
                    values: rows.map { $0.figures.comparison?.rate(rate) }),
            ]
            let chart = SVGChart.lines(
                series, labels: labels, marker: start.map { (index: $0, label: "début de l'obligation") },
                format: { rate == .casesPer1000 ? ReportFormat.decimal($0, digits: 0) : ReportFormat.percent($0) },
                title: rate.label)
            return "<figure>\n<h3>\(ReportFormat.escape(rate.label))</h3>\n"
                + (chart.map { $0 + "\n" }
                    ?? "<p class=\"none\">Aucun point à afficher : toutes les cases sont sous le seuil du secret statistique.</p>\n")
                + "</figure>\n"
        }.joined()
    }

    private var periodHTML: String {
        let table = periodTable
        var out = "<table class=\"wide\"><thead><tr>"
        out += table.header.enumerated().map {
            "<th\($0.offset > 1 ? " class=\"n\"" : "")>\(ReportFormat.escape($0.element))</th>"
        }.joined()
        out += "</tr></thead>\n"
        for start in Swift.stride(from: 0, to: table.rows.count, by: Self.periodRows) {
            out += "<tbody class=\"period\">"
            for row in table.rows[start..<min(start + Self.periodRows, table.rows.count)] {
                out +=
                    "<tr>"
                    + row.enumerated().map {
                        "<td\($0.offset > 1 ? " class=\"n\"" : "")>\(ReportFormat.escape($0.element))</td>"
                    }.joined() + "</tr>"
            }
            out += "</tbody>\n"
        }
        return out + "</table>\n"
    }

    private static func html(_ table: EvaluationTable, className: String?) -> String {
        var out = "<table\(className.map { " class=\"\($0)\"" } ?? "")><thead><tr>"
        out += table.header.enumerated().map {
            "<th\($0.offset > 0 ? " class=\"n\"" : "")>\(ReportFormat.escape($0.element))</th>"
        }.joined()
        out += "</tr></thead>\n<tbody>"
        out += table.rows.map { row in
            "<tr>"
                + row.enumerated().map {
                    "<td\($0.offset > 0 ? " class=\"n\"" : "")>\(ReportFormat.escape($0.element))</td>"
                }.joined() + "</tr>"
        }.joined(separator: "\n")
        return out + "</tbody></table>\n"
    }
}
