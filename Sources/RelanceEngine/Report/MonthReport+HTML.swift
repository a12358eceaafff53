import RelanceCore

extension MonthReport {
    /// One self-contained page: inline CSS and inline SVG charts, no script, no external
    /// resource; it reads well in a browser and prints on A4.
    public var html: String {
        let name = ReportFormat.periodName(period)
        var out =
            ReportHTML.head(title: "Rapport relance : \(name) (\(period))") + """
                <header>
                <h1>Rapport du mois : \(name)</h1>
                <p class="meta">Période \(period), \(ReportFormat.escape(ReportFormat.label(status.state))). \
                Fenêtre du \(ReportFormat.longDay(window.openingDay)) au \(ReportFormat.longDay(window.deadlineDay)) \
                (date limite). Produit le \(ReportFormat.moment(generatedAt)).</p>
                </header>

                """
        for section in ReportSection.allCases {
            out +=
                "<section id=\"\(section.rawValue)\">\n<h2>\(section.title)</h2>\n\(htmlBody(of: section))</section>\n"
        }
        return out + deliveryHTML + """
            <footer>Agrégats uniquement : aucun nom, adresse ni numéro de téléphone. Jours et heures à \
            l'heure de Paris. Produit par relance.</footer>
            </body>
            </html>

            """
    }

    private func htmlBody(of section: ReportSection) -> String {
        switch section {
        case .jobseekers:
            return tiles + SVGChart.stacked(outcomeItems, title: "Issue de la période pour les demandeurs") + "\n"
        case .declarations: return declarationsHTML
        case .journal:
            return SVGChart.bars(items(journalTable), title: "Journal des demandeurs actualisés")
                + "\n<p class=\"note\">en attente : évalué à la clôture de la période.</p>\n"
        case .reminders:
            let states = ReminderState.names.map { (state: String) -> SVGChart.Item in
                SVGChart.Item(
                    label: ReportFormat.label(state), value: status.reminders[state] ?? 0,
                    color: Self.stateColors[state] ?? "#7b8794")
            }
            return SVGChart.bars(states, title: "Relances par état") + "\n"
                + ReportHTML.table(reminderTable, totals: true)
        case .failures:
            let causes = failedReminders.map {
                SVGChart.Item(
                    label: ($0.channel.map { "\($0): " } ?? "") + $0.cause, value: $0.count, color: "#c2410c")
            }
            return (causes.isEmpty ? "" : SVGChart.bars(causes, title: "Relances en échec par cause") + "\n")
                + "<h3>Relances en échec</h3>\n"
                + ReportHTML.table(failedReminderTable, totals: true, empty: "Aucune relance en échec.")
                + "\n<h3>Tentatives en échec</h3>\n"
                + ReportHTML.table(failureTable, totals: true, empty: "Aucune tentative d'envoi en échec.")
        case .cases:
            return SVGChart.bars(items(reasonTable), title: "Suivis par motif")
                + "\n" + ReportHTML.table(caseTable, totals: true, empty: "Aucun suivi pour cette période.")
        case .overdue: return ReportHTML.table(overdueTable, totals: true, empty: "Aucun suivi en retard.")
        }
    }

    /// The headline figures, as tiles.
    private var tiles: String {
        let figures =
            outcomes.map { ($0.label, $0.count) } + [
                ("journaux manquants", status.journalMissing), ("suivis ouverts", status.casesOpen),
                ("suivis en retard", casesOverdue), ("suivis sans destinataire", status.casesUnrouted),
            ]
        let share = ReportFormat.percent(status.declared, of: status.jobseekers)
        return "<div class=\"tiles\">"
            + figures.map { "<div class=\"tile\"><b>\(ReportFormat.number($0.1))</b><span>\($0.0)</span></div>" }
            .joined()
            + "</div>\n<p class=\"note\">\(share) des demandeurs se sont actualisés à temps.</p>\n"
    }

    private var outcomeItems: [SVGChart.Item] {
        [
            .init(label: "à temps", value: status.declared, color: "#2f6fde"),
            .init(label: "en retard", value: status.late, color: "#f0a020"),
            .init(label: "non actualisés", value: status.missed, color: "#c2410c"),
            .init(label: "pas encore actualisés", value: notDeclared, color: "#b8c2cc"),
        ]
    }

    /// Bars of a one-label, one-count table, in one colour.
    private func items(_ table: ReportTable) -> [SVGChart.Item] {
        table.rows.map {
            SVGChart.Item(label: ReportFormat.label($0.labels[0] ?? "—"), value: $0.counts[0], color: "#2f6fde")
        }
    }

    static let stateColors = [
        "pending": "#b8c2cc", "sent": "#2f6fde", "skipped": "#7b8794", "expired": "#f0a020", "failed": "#c2410c",
    ]
}
