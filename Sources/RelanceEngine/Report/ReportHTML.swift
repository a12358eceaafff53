/// The pieces of the HTML report that do not depend on its content: the style sheet (screen
/// and A4 print) and the rendering of a ``ReportTable``.
enum ReportHTML {
    /// The whole style sheet, inline: the page needs no other file.
    static let style = """
        :root { color-scheme: light; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2933;
          max-width: 960px; margin: 24px auto; padding: 0 16px; }
        h1 { font-size: 22px; margin: 0 0 4px; }
        h2 { font-size: 16px; border-bottom: 2px solid #2f6fde; padding-bottom: 2px; margin: 28px 0 8px; }
        h3 { font-size: 13px; margin: 12px 0 4px; color: #3e4c59; }
        .meta, .note, footer { color: #52606d; }
        .meta { margin: 0; }
        .note { font-size: 12px; margin: 4px 0; }
        .tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(128px, 1fr)); gap: 8px; margin: 8px 0; }
        .tile { border: 1px solid #d9dee3; border-radius: 6px; padding: 6px 10px; }
        .tile b { display: block; font-size: 20px; font-variant-numeric: tabular-nums; }
        .tile span { color: #52606d; font-size: 12px; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0; font-variant-numeric: tabular-nums; }
        th, td { padding: 3px 8px; border-bottom: 1px solid #e4e7eb; text-align: left; }
        th { font-weight: 600; background: #f5f7fa; }
        .n { text-align: right; }
        tfoot td { font-weight: 600; border-top: 1px solid #9aa5b1; }
        svg { display: block; width: 100%; height: auto; margin: 6px 0; }
        .none { color: #52606d; font-style: italic; }
        footer { margin-top: 32px; font-size: 12px; border-top: 1px solid #d9dee3; padding-top: 6px; }
        @page { size: A4; margin: 14mm 12mm; }
        @media print {
          body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
          section { break-inside: avoid; }
          h2 { break-after: avoid; }
          details { display: none; }
          tr { break-inside: avoid; }
          .tile { border-color: #9aa5b1; }
        }
        """

    /// The start of a French page up to `<body>`: its title (escaped here) and the style sheet
    /// followed by `extraStyle`.
    static func head(title: String, extraStyle: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(ReportFormat.escape(title))</title>
        <style>
        \(style)
        \(extraStyle)
        </style>
        </head>
        <body>

        """
    }

    /// A `<table>` of a report table: numbers right-aligned, a missing label as `—`, and with
    /// `totals` a footer row of sums. A paragraph saying `empty` when it has no row.
    static func table(_ table: ReportTable, totals: Bool = false, empty: String = "Rien à afficher.") -> String {
        guard !table.rows.isEmpty else { return "<p class=\"none\">\(ReportFormat.escape(empty))</p>\n" }
        func cells(_ labels: [String?], _ counts: [Int], tag: String = "td") -> String {
            labels.map { "<\(tag)>\(ReportFormat.escape($0.map(ReportFormat.label) ?? "—"))</\(tag)>" }.joined()
                + counts.map { "<\(tag) class=\"n\">\(ReportFormat.number($0))</\(tag)>" }.joined()
        }
        var out = "<table><thead><tr>"
        out += table.labelColumns.map { "<th>\(ReportFormat.heading($0))</th>" }.joined()
        out +=
            table.countColumns.map { "<th class=\"n\">\(ReportFormat.heading($0))</th>" }.joined()
            + "</tr></thead>\n<tbody>"
        out += table.rows.map { "<tr>\(cells($0.labels, $0.counts))</tr>" }.joined(separator: "\n") + "</tbody>"
        if totals {
            let labels = ["total"] + Array(repeating: "", count: table.labelColumns.count - 1)
            out += "<tfoot><tr>\(cells(labels, table.totals))</tr></tfoot>"
        }
        return out + "</table>\n"
    }
}
