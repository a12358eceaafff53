extension SVGChart {
    /// A vertical line on a time axis, at `day` days (fractional) from its start.
    struct Marker {
        var day: Double
        /// Printed at the top of the line; nil for a secondary line of the same series.
        var label: String?
        var color: String
        var dashed = false
    }

    /// A running total over days, `totals[i]` being the total at the end of day `i`, drawn on an
    /// axis of `axisDays` days labelled by `dayLabel`, with vertical `markers` and a dashed
    /// horizontal `ceiling` (e.g. every member).
    static func cumulative(
        _ totals: [Int], axisDays: Int, dayLabel: (Int) -> String, markers: [Marker],
        ceiling: (value: Int, label: String)?, title: String
    ) -> String {
        let (left, right, top, bottom) = (52.0, width - 16, 52.0, 282.0)
        let days = Double(max(1, axisDays))
        let peak = max(1, ceiling?.value ?? 0, totals.max() ?? 0)
        let step = niceStep(for: peak)
        let ticks = (peak + step - 1) / step
        let yMax = Double(step * ticks)
        func x(_ day: Double) -> Double { left + day / days * (right - left) }
        func y(_ value: Int) -> Double { bottom - Double(value) / yMax * (bottom - top) }
        var body = ""
        for tick in 0...ticks {
            body += line(left, y(tick * step), right, y(tick * step), color: grid)
            body += text(ReportFormat.number(tick * step), x: left - 6, y: y(tick * step) + 4, anchor: "end")
        }
        let stride = max(1, Int((days / 9).rounded(.up)))
        for day in Swift.stride(from: 0, to: axisDays, by: stride) {
            body += line(x(Double(day)), bottom, x(Double(day)), bottom + 4, color: ink)
            body += text(dayLabel(day), x: x(Double(day) + 0.5), y: bottom + 18, anchor: "middle", size: 11)
        }
        body += line(left, bottom, right, bottom, color: ink)
        if let ceiling {
            body += line(left, y(ceiling.value), right, y(ceiling.value), color: "#7b8794", dash: true)
            body += text(
                ceiling.label, x: left + 4, y: y(ceiling.value) - 5, anchor: "start", size: 11, color: "#52606d")
        }
        for (index, marker) in markers.enumerated() {
            body += line(x(marker.day), top - 4, x(marker.day), bottom, color: marker.color, dash: marker.dashed)
            if let label = marker.label {
                let row = Double(markers[..<index].filter { $0.label != nil }.count % 3)
                let nearEnd = x(marker.day) > right - 80
                body += text(
                    label, x: x(marker.day) + (nearEnd ? -3 : 3), y: 14 + row * 13, anchor: nearEnd ? "end" : "start",
                    size: 11, color: marker.color)
            }
        }
        let points = [(x(0), y(0))] + totals.enumerated().map { (x(Double($0.offset + 1)), y($0.element)) }
        let path = points.map { "\(fixed($0.0)),\(fixed($0.1))" }.joined(separator: " ")
        if let last = points.last {
            body +=
                "<polygon points=\"\(path) \(fixed(last.0)),\(fixed(bottom))\" fill=\"#2f6fde\" fill-opacity=\"0.12\"/>"
        }
        body += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"#2f6fde\" stroke-width=\"2.5\"/>"
        return svg(title: title, height: bottom + 28, body: body)
    }

    /// The smallest step of 1, 2 or 5 times a power of ten such that six steps cover `peak`.
    static func niceStep(for peak: Int) -> Int {
        var magnitude = 1
        while true {
            for factor in [1, 2, 5] where factor * magnitude * 6 >= peak { return factor * magnitude }
            magnitude *= 10
        }
    }
}
