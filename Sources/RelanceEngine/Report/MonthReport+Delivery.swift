import RelanceCore
import RelanceStore

/// The delivery of tracked messages (SPEC 13), in its own block of the report.
extension MonthReport {
    /// The block's heading.
    static let deliveryTitle = "Remise des messages (accusés de réception)"

    /// Tracked messages by channel: delivered, undelivered, unconfirmed (no final receipt yet).
    public var deliveryTable: ReportTable {
        let channels = Set(delivery.map(\.channel)).sorted()
        return ReportTable(
            labelColumns: ["channel"], countColumns: ["delivered", "undelivered", "unconfirmed"],
            rows: channels.map { channel in
                let count = { (verdict: String) in
                    delivery.first { $0.channel == channel && $0.verdict == verdict }?.count ?? 0
                }
                return .init(
                    labels: [channel], counts: [count("delivered"), count("undelivered"), count("unconfirmed")])
            })
    }

    /// The block in text: the table, and the channels degraded now.
    var deliveryText: String {
        "\n\(Self.deliveryTitle.uppercased())\n" + deliveryTable.text() + degradedNote + "\n"
    }

    /// The block in HTML.
    var deliveryHTML: String {
        "<section id=\"delivery\">\n<h2>\(Self.deliveryTitle)</h2>\n" + ReportHTML.table(deliveryTable, totals: true)
            + (degraded.isEmpty ? "" : "<p class=\"note\">\(ReportFormat.escape(degradedNote))</p>\n") + "</section>\n"
    }

    /// The block in JSON: one object per channel, and the channels degraded now.
    var deliveryJSON: [(String, JSON)] {
        [
            (
                "delivery_by_channel",
                .array(
                    deliveryTable.rows.map { row in
                        .object([
                            ("channel", .optional(row.labels[0])), ("delivered", .int(row.counts[0])),
                            ("undelivered", .int(row.counts[1])), ("unconfirmed", .int(row.counts[2])),
                        ])
                    })
            ),
            ("channels_degraded", .array(degraded.map(JSON.string))),
        ]
    }

    private var degradedNote: String {
        degraded.map {
            "\nCanal \($0) dégradé : ses messages sont acceptés mais n'arrivent pas ; il est essayé en dernier."
        }.joined()
    }
}
