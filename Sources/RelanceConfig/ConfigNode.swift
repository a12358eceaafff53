import RelanceCore
import Yams

/// A node of the YAML configuration with its key path, so every error names
/// the key path and the line (SPEC section 6).
struct ConfigNode {
    let node: Node
    let path: String
    let file: String

    var line: Int? { node.mark?.line }

    /// An error about this node: `FILE:LINE: key.path: message`.
    func error(_ message: String) -> RelanceError {
        let location = line.map { "\(file):\($0)" } ?? file
        return RelanceError(.configuration, "\(location): \(path.isEmpty ? "(top level)" : path): \(message)")
    }

    /// The members of a mapping, rejecting keys not in `allowed`.
    func mapping(allowed: Set<String>) throws -> [String: ConfigNode] {
        guard let mapping = node.mapping else { throw error("must be a mapping") }
        var members: [String: ConfigNode] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { throw error("keys must be plain strings") }
            let child = ConfigNode(node: value, path: path.isEmpty ? name : "\(path).\(name)", file: file)
            guard allowed.contains(name) else {
                throw ConfigNode(node: key, path: child.path, file: file).error(
                    "unknown key (expected one of: \(allowed.sorted().joined(separator: ", ")))")
            }
            guard members[name] == nil else { throw child.error("appears twice") }
            members[name] = child
        }
        return members
    }

    /// The member `key` of this mapping's `members`, or an error naming this node.
    func required(_ members: [String: ConfigNode], _ key: String) throws -> ConfigNode {
        guard let member = members[key] else { throw error("the key '\(key)' is required") }
        return member
    }

    /// The entries of a mapping with free keys (e.g. `cycle.overrides`).
    func entries() throws -> [(key: String, value: ConfigNode)] {
        guard let mapping = node.mapping else { throw error("must be a mapping") }
        return try mapping.map { key, value in
            guard let name = key.scalar?.string else { throw error("keys must be plain strings") }
            return (name, ConfigNode(node: value, path: "\(path).\(name)", file: file))
        }
    }

    /// The items of a sequence.
    func items() throws -> [ConfigNode] {
        guard let sequence = node.sequence else { throw error("must be a list") }
        return sequence.enumerated().map { ConfigNode(node: $1, path: "\(path)[\($0)]", file: file) }
    }

    func string() throws -> String {
        guard let scalar = node.scalar else { throw error("must be a string") }
        return scalar.string
    }

    func int(in range: ClosedRange<Int>) throws -> Int {
        guard let value = node.int, node.scalar?.style == .plain || node.scalar?.style == .any else {
            throw error("must be an integer")
        }
        guard range.contains(value) else {
            throw error("must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
        }
        return value
    }

    func double(minimum: Double) throws -> Double {
        guard let value = node.float ?? node.int.map(Double.init) else { throw error("must be a number") }
        guard value >= minimum else { throw error("must be at least \(minimum)") }
        return value
    }

    func bool() throws -> Bool {
        guard let value = node.bool else { throw error("must be true or false") }
        return value
    }

    func time() throws -> TimeOfDay {
        guard let time = TimeOfDay(try string()) else { throw error("must be a local time HH:MM") }
        return time
    }

    func date() throws -> LocalDate {
        guard let date = LocalDate(iso: try string()) else { throw error("must be a date YYYY-MM-DD") }
        return date
    }

    func oneOf<T: RawRepresentable>(_ type: T.Type) throws -> T where T.RawValue == String, T: CaseIterable {
        let text = try string()
        guard let value = T(rawValue: text) else {
            throw error("must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
        }
        return value
    }

    /// A duration such as `30s`, `15m`, `1h` or `7d`, in seconds.
    func duration() throws -> Int64 {
        let text = try string()
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        guard let unit = text.last.flatMap({ units[$0] }), let amount = Int64(text.dropLast()), amount > 0 else {
            throw error("must be a duration such as 30s, 15m, 1h or 7d")
        }
        return amount * unit
    }
}
