import RelanceCore
import Yams

/// A node of the YAML configuration with its key path, so every error names
/// the key path and the line (SPEC section 6).
struct ConfigNode {
    let node: Node
    let path: String
    let file: String
    /// Where every problem found in the file is collected.
    let diagnostics: ConfigDiagnostics

    var line: Int? { node.mark?.line }

    /// A child node at `path`.
    func child(_ node: Node, path: String) -> ConfigNode {
        ConfigNode(node: node, path: path, file: file, diagnostics: diagnostics)
    }

    /// An error about this node: `FILE:LINE: key.path: message`.
    func error(_ message: String) -> ConfigProblem {
        let location = line.map { "\(file):\($0)" } ?? file
        return ConfigProblem(
            line: line, column: node.mark?.column,
            text: "\(location): \(path.isEmpty ? "(top level)" : path): \(message)")
    }

    /// Records a warning about this node: `warning: FILE:LINE: key.path: message`.
    func warn(_ message: String) {
        let problem = error(message)
        diagnostics.warn(ConfigProblem(line: problem.line, column: problem.column, text: "warning: " + problem.text))
    }

    /// Thrown by a parse whose problems are already recorded (a member that was wrong).
    struct Recorded: Error {}

    /// `parse(self)`, or nil with its error recorded, so that reading goes on to find every error.
    func read<T>(_ parse: (ConfigNode) throws -> T) -> T? {
        do {
            return try parse(self)
        } catch is Recorded {
        } catch let problem as ConfigProblem {
            diagnostics.record(problem)
        } catch {
            diagnostics.record(self.error("\(error)"))
        }
        return nil
    }

    /// The members of a mapping. A key not in `allowed` is recorded as an error, with the nearest
    /// allowed key as a suggestion, and left out, like a key given twice.
    func mapping(allowed: Set<String>) throws -> [String: ConfigNode] {
        guard let mapping = node.mapping else { throw error("must be a mapping") }
        var members: [String: ConfigNode] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                diagnostics.record(child(key, path: path).error("keys must be plain strings"))
                continue
            }
            let member = child(value, path: path.isEmpty ? name : "\(path).\(name)")
            guard allowed.contains(name) else {
                let hint = KeySuggestion.nearest(to: name, among: allowed).map { "did you mean '\($0)'? " } ?? ""
                diagnostics.record(
                    child(key, path: member.path).error(
                        "unknown key (\(hint)expected one of: \(allowed.sorted().joined(separator: ", ")))"))
                continue
            }
            guard members[name] == nil else {
                diagnostics.record(member.error("appears twice"))
                continue
            }
            members[name] = member
        }
        return members
    }

    /// The member `key` of this mapping, unchecked: for pointing at it once the mapping was read.
    func member(_ key: String) -> ConfigNode? {
        node.mapping?.first { $0.key.scalar?.string == key }.map { child($0.value, path: "\(path).\(key)") }
    }

    /// The member `key` of this mapping's `members`, or an error naming this node.
    func required(_ members: [String: ConfigNode], _ key: String) throws -> ConfigNode {
        guard let member = members[key] else { throw error("the key '\(key)' is required") }
        return member
    }

    /// `parse` of the member `key`, or nil with its error (or its absence) recorded.
    func require<T>(_ members: [String: ConfigNode], _ key: String, _ parse: (ConfigNode) throws -> T) -> T? {
        read { try $0.required(members, key) }?.read(parse)
    }

    /// The entries of a mapping with free keys (e.g. `cycle.overrides`).
    func entries() throws -> [(key: String, value: ConfigNode)] {
        guard let mapping = node.mapping else { throw error("must be a mapping") }
        return try mapping.map { key, value in
            guard let name = key.scalar?.string else { throw error("keys must be plain strings") }
            return (name, child(value, path: "\(path).\(name)"))
        }
    }

    /// The items of a sequence.
    func items() throws -> [ConfigNode] {
        guard let sequence = node.sequence else { throw error("must be a list") }
        return sequence.enumerated().map { child($1, path: "\(path)[\($0)]") }
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
        let text = try string()
        if let time = TimeOfDay(text) { return time }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
            let hour = Int(parts[0]), let minute = Int(parts[1])
        {
            if !(0...23).contains(hour) { throw error("'\(text)': the hour \(hour) is out of range (00 to 23)") }
            if !(0...59).contains(minute) { throw error("'\(text)': the minute \(minute) is out of range (00 to 59)") }
        }
        throw error("must be a local time HH:MM, not '\(text)'")
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
