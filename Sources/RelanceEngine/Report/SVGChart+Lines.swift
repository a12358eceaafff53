extension SVGChart {
    /// One line of a line chart: its name for the legend, colour and a value per point of the
    /// axis (nil for a point not shown, which breaks the line).
    struct Series {
        var name: String
        var color: String
        var values: [Double?]
    }

    /// Lines over an axis of `labels` (periods), the y axis from 0 to the data's peak, labelled by
    /// `format`, with a vertical dashed marker before point `marker` labelled `markerLabel`.
    /// Nil when no series has a point: an empty chart says nothing.
    static func lines(
        _ series: [Series], labels: [String], marker: (index: Int, label: String)?, format: (Double) -> String,
        title: String
    ) -> String? {
        let points = series.flatMap { $0.values.compactMap { $0 } }
        guard let peakValue = points.max(), !labels.isEmpty else { return nil }
        let (left, right, top, bottom) = (64.0, width - 24, 40.0, 230.0)
        let (yMax, step) = niceAxis(peakValue)
        let slots = Double(max(1, labels.count - 1))
        func x(_ index: Int) -> Double {
            labels.count == 1 ? (left + right) / 2 : left + Double(index) / slots * (right - left)
        }
        func y(_ value: Double) -> Double { bottom - value / yMax * (bottom - top) }
        var body = ""
        var tick = 0.0
        while tick <= yMax + step / 2 {
            body += line(left, y(tick), right, y(tick), color: grid)
            body += text(format(tick), x: left - 6, y: y(tick) + 4, anchor: "end")
            tick += step
        }
        body += line(left, bottom, right, bottom, color: ink)
        let stride = max(1, Int((Double(labels.count) / 8).rounded(.up)))
        for index in Swift.stride(from: 0, to: labels.count, by: stride) {
            // The first label starts at its tick and the last ends at it: neither is cut off.
            let anchor = labels.count > 1 && index == 0 ? "start" : index == labels.count - 1 ? "end" : "middle"
            body += line(x(index), bottom, x(index), bottom + 4, color: ink)
            body += text(labels[index], x: x(index), y: bottom + 18, anchor: anchor, size: 11)
        }
        if let marker, marker.index < labels.count {
            let position = marker.index == 0 ? x(0) : (x(marker.index - 1) + x(marker.index)) / 2
            body += line(position, top - 8, position, bottom, color: "#7b8794", dash: true)
            let nearEnd = position > right - 120
            body += text(
                marker.label, x: position + (nearEnd ? -4 : 4), y: top - 10, anchor: nearEnd ? "end" : "start",
                size: 11,
                color: "#52606d")
        }
        for item in series {
            var runs: [[(Double, Double)]] = [[]]
            for (index, value) in item.values.enumerated() {
                if let value {
                    runs[runs.count - 1].append((x(index), y(value)))
                } else if !runs[runs.count - 1].isEmpty {
                    runs.append([])
                }
            }
            for run in runs where !run.isEmpty {
                let path = run.map { "\(fixed($0.0)),\(fixed($0.1))" }.joined(separator: " ")
                body += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(item.color)\" stroke-width=\"2.5\"/>"
                body += run.map {
                    "<circle cx=\"\(fixed($0.0))\" cy=\"\(fixed($0.1))\" r=\"2.5\" fill=\"\(item.color)\"/>"
                }.joined()
            }
        }
        var legendX = left
        for item in series {
            body +=
                "<rect x=\"\(fixed(legendX))\" y=\"\(fixed(bottom + 32))\" width=\"12\" height=\"12\" fill=\"\(item.color)\"/>"
            body += text(item.name, x: legendX + 16, y: bottom + 43, anchor: "start")
            legendX += 40 + Double(item.name.count) * 7
        }
        return svg(title: title, height: bottom + 52, body: body)
    }

    /// The top of an axis covering `peak` and its step: 1, 2 or 5 times a power of ten, at most
    /// six steps.
    static func niceAxis(_ peak: Double) -> (top: Double, step: Double) {
        guard peak > 0 else { return (1, 0.2) }
        var magnitude = 1e-6
        while true {
            for factor in [1.0, 2, 5] where factor * magnitude * 6 >= peak {
                let step = factor * magnitude
                return ((peak / step).rounded(.up) * step, step)
            }
            magnitude *= 10
        }
    }
}
