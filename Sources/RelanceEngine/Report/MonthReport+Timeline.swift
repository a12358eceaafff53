import RelanceCore
import RelanceStore

extension MonthReport {
    /// The declarations section of the HTML page: the cumulative curve with the reminder send
    /// times and the closing marked, the sends, and the figures per day (folded).
    var declarationsHTML: String {
        let first = days.first?.day ?? window.openingDay
        let axisDays = first.days(until: max(window.closingDay, days.last?.day ?? first)) + 1
        let closing = SVGChart.Marker(
            day: Double(first.days(until: window.closingDay)), label: "clôture", color: SVGChart.ink, dashed: true)
        let chart = SVGChart.cumulative(
            days.map(\.cumulative), axisDays: axisDays, dayLabel: { ReportFormat.day(first.adding(days: $0)) },
            markers: sendMarkers(from: first) + [closing],
            ceiling: (status.jobseekers, "demandeurs : \(ReportFormat.number(status.jobseekers))"),
            title: "Actualisations cumulées par jour, heures d'envoi des relances marquées")
        return chart + """

            <p class="note">Actualisations (à temps et en retard) cumulées à la fin de chaque jour. Traits \
            verticaux : relances envoyées, avec l'étape et le nombre envoyé à l'heure la plus chargée ; \
            pointillés : clôture (heure de Paris).</p>
            <h3>Relances envoyées, par heure</h3>
            \(ReportHTML.table(sendTable, totals: true, empty: "Aucune relance envoyée."))\
            <details><summary>Actualisations par jour</summary>
            \(ReportHTML.table(dayTable, empty: "Aucune actualisation."))</details>

            """
    }

    /// One line per step and hour of sending, in one colour per step; the busiest hour of each
    /// step carries its label.
    func sendMarkers(from first: LocalDate) -> [SVGChart.Marker] {
        let palette = ["#d97706", "#7c3aed", "#059669", "#db2777", "#0891b2", "#65a30d"]
        var steps: [String] = []
        for send in sends.sorted(by: { $0.hour < $1.hour }) where !steps.contains(send.key) { steps.append(send.key) }
        return steps.enumerated().flatMap { index, step in
            let waves = sends.filter { $0.key == step }.sorted { $0.hour < $1.hour }
            let busiest = waves.max { $0.count < $1.count }!
            let label = "\(ReportFormat.label(step)) (\(ReportFormat.number(busiest.count)))"
            return waves.map { wave in
                SVGChart.Marker(
                    day: dayOffset(wave.hour, from: first), label: wave.hour == busiest.hour ? label : nil,
                    color: palette[index % palette.count])
            }
        }
    }

    /// Days (fractional, Paris time) from the start of `first` to an instant.
    func dayOffset(_ instant: Instant, from first: LocalDate) -> Double {
        let local = Zone.paris.local(instant)
        return Double(first.days(until: local.date)) + Double(local.time.minutes) / 1440
    }
}
