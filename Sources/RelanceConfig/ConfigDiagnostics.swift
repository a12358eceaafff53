import RelanceCore

/// One problem of the configuration file, at a place in it: `FILE:LINE: key.path: message`.
struct ConfigProblem: Error {
    /// Line and column (from 1) where the problem is; nil when it is about the whole file.
    let line: Int?
    let column: Int?
    /// The whole line for people, location included.
    let text: String
}

/// Every error and warning found while reading the configuration, so that one run of
/// `config check` reports them all, in file order, instead of stopping at the first.
final class ConfigDiagnostics {
    private(set) var errors: [ConfigProblem] = []
    private(set) var warnings: [ConfigProblem] = []

    func record(_ problem: ConfigProblem) { errors.append(problem) }
    func warn(_ problem: ConfigProblem) { warnings.append(problem) }

    /// Problems sorted by their place in the file (those of the whole file first), each kept once.
    static func inFileOrder(_ problems: [ConfigProblem]) -> [String] {
        var seen = Set<String>()
        return problems.enumerated()
            .sorted {
                ($0.element.line ?? 0, $0.element.column ?? 0, $0.offset) < (
                    $1.element.line ?? 0, $1.element.column ?? 0, $1.offset
                )
            }
            .map(\.element.text).filter { seen.insert($0).inserted }
    }

    /// The error every problem found makes, or nil when there is none.
    var error: RelanceError? {
        errors.isEmpty ? nil : RelanceError(.configuration, Self.inFileOrder(errors).joined(separator: "\n"))
    }
}

/// The valid key nearest to a misspelt one, for "did you mean …?".
enum KeySuggestion {
    /// The allowed key at the smallest edit distance from `key`, when that distance is small enough
    /// to be a slip (at most a third of the key's length, and at least 1).
    static func nearest(to key: String, among allowed: Set<String>) -> String? {
        let limit = max(1, key.count / 3)
        let scored = allowed.map { (key: $0, distance: editDistance(key.lowercased(), $0)) }
            .filter { $0.distance <= limit }
        return scored.min { ($0.distance, $0.key) < ($1.distance, $1.key) }?.key
    }

    /// Levenshtein distance, with the swap of two neighbouring characters counting as one edit.
    static func editDistance(_ left: String, _ right: String) -> Int {
        let a = Array(left)
        let b = Array(right)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
