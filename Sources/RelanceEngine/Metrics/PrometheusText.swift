/// The Prometheus text exposition format (version 0.0.4): `# HELP`, `# TYPE`, then samples.
public struct PrometheusText {
    public private(set) var text = ""

    public init() {}

    /// Adds one metric family with its samples (labels in the given order).
    public mutating func add(
        _ name: String, _ type: String, help: String, samples: [(labels: [(String, String)], value: Double)]
    ) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
        for sample in samples {
            let labels = sample.labels.map { "\($0.0)=\"\(Self.escape($0.1))\"" }.joined(separator: ",")
            text += name + (labels.isEmpty ? "" : "{\(labels)}") + " " + Self.format(sample.value) + "\n"
        }
    }

    /// Adds a metric family with one unlabelled sample.
    public mutating func add(_ name: String, _ type: String, help: String, value: Double) {
        add(name, type, help: help, samples: [([], value)])
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
