/// A JSON value whose objects keep their key order, so every output of relance
/// (tick summaries, lists, logs, message bodies) is stable and diffable.
public indirect enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    /// A fraction, written with at most 6 decimals (`null` when not finite).
    case number(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    /// A string, or `null` when nil.
    public static func optional(_ text: String?) -> JSON { text.map(JSON.string) ?? .null }

    /// Compact serialisation on one line.
    public var serialized: String {
        var out = ""
        write(to: &out, indent: nil)
        return out
    }

    /// Indented serialisation, for people.
    public var pretty: String {
        var out = ""
        write(to: &out, indent: "")
        return out
    }

    private func write(to out: inout String, indent: String?) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .number(let value):
            let rounded = (value * 1_000_000).rounded() / 1_000_000
            out += rounded.isFinite ? (rounded == 0 ? "0" : String(rounded)) : "null"
        case .string(let value): JSON.quote(value, into: &out)
        case .array(let items):
            writeContainer(items.map { (nil, $0) }, open: "[", close: "]", into: &out, indent: indent)
        case .object(let members):
            writeContainer(members.map { ($0.0, $0.1) }, open: "{", close: "}", into: &out, indent: indent)
        }
    }

    private func writeContainer(
        _ items: [(String?, JSON)], open: String, close: String, into out: inout String, indent: String?
    ) {
        out += open
        if items.isEmpty {
            out += close
            return
        }
        let inner = indent.map { $0 + "  " }
        for (index, (key, value)) in items.enumerated() {
            if index > 0 { out += indent == nil ? ", " : "," }
            if let inner { out += "\n" + inner }
            if let key {
                JSON.quote(key, into: &out)
                out += ": "
            }
            value.write(to: &out, indent: inner)
        }
        if let indent { out += "\n" + indent }
        out += close
    }

    /// Appends a JSON string literal.
    public static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    public static func == (lhs: JSON, rhs: JSON) -> Bool { lhs.serialized == rhs.serialized }
}
