/// Inline SVG charts for the HTML report: no script, no external resource, sized by their
/// `viewBox` so that they scale to the page and print crisply.
enum SVGChart {
    /// One bar or segment: its label, value and fill colour.
    struct Item {
        var label: String
        var value: Int
        var color: String
    }

    static let width = 720.0
    static let ink = "#1f2933"
    static let grid = "#d9dee3"

    /// Horizontal bars, one per item, each with its value at its end.
    static func bars(_ items: [Item], title: String) -> String {
        let rowHeight = 22.0
        let labelWidth = 190.0
        let barSpace = width - labelWidth - 70
        let peak = Double(max(1, items.map(\.value).max() ?? 0))
        var body = ""
        for (index, item) in items.enumerated() {
            let y = 6 + Double(index) * rowHeight
            let length = max(item.value > 0 ? 1 : 0, Double(item.value) / peak * barSpace)
            body += text(item.label, x: labelWidth - 8, y: y + 15, anchor: "end")
            body +=
                "<rect x=\"\(fixed(labelWidth))\" y=\"\(fixed(y + 3))\" width=\"\(fixed(length))\""
                + " height=\"\(fixed(rowHeight - 6))\" fill=\"\(item.color)\"/>"
            body += text(ReportFormat.number(item.value), x: labelWidth + length + 6, y: y + 15, anchor: "start")
        }
        return svg(title: title, height: 12 + Double(items.count) * rowHeight, body: body)
    }

    /// One bar of 100 % split into the items, with a legend below.
    static func stacked(_ items: [Item], title: String) -> String {
        let total = Double(max(1, items.reduce(0) { $0 + $1.value }))
        var body = ""
        var x = 0.0
        for item in items where item.value > 0 {
            let length = Double(item.value) / total * width
            body += "<rect x=\"\(fixed(x))\" y=\"4\" width=\"\(fixed(length))\" height=\"28\" fill=\"\(item.color)\"/>"
            x += length
        }
        var legendX = 0.0
        for item in items {
            let label = "\(item.label) \(ReportFormat.number(item.value))"
            body += "<rect x=\"\(fixed(legendX))\" y=\"42\" width=\"12\" height=\"12\" fill=\"\(item.color)\"/>"
            body += text(label, x: legendX + 16, y: 53, anchor: "start")
            legendX += 28 + Double(label.count) * 7
        }
        return svg(title: title, height: 62, body: body)
    }

    /// The `<svg>` element around a chart's body.
    static func svg(title: String, height: Double, body: String) -> String {
        let title = ReportFormat.escape(title)
        return """
            <svg viewBox="0 0 \(fixed(width)) \(fixed(height))" \
            role="img" aria-label="\(title)" font-family="system-ui, sans-serif" font-size="12">\
            <title>\(title)</title>\(body)</svg>
            """
    }

    /// A text element, on a white halo so that it stays readable over lines.
    static func text(_ content: String, x: Double, y: Double, anchor: String, size: Int = 12, color: String = ink)
        -> String
    {
        "<text x=\"\(fixed(x))\" y=\"\(fixed(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\" fill=\"\(color)\""
            + " stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">" + ReportFormat.escape(content) + "</text>"
    }

    /// A line from one point to another.
    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, color: String, dash: Bool = false)
        -> String
    {
        "<line x1=\"\(fixed(x1))\" y1=\"\(fixed(y1))\" x2=\"\(fixed(x2))\" y2=\"\(fixed(y2))\" stroke=\"\(color)\""
            + (dash ? " stroke-dasharray=\"4 3\"" : "") + "/>"
    }

    /// A coordinate with one decimal, stable across platforms.
    static func fixed(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return sign + (magnitude % 10 == 0 ? String(magnitude / 10) : "\(magnitude / 10).\(magnitude % 10)")
    }
}
