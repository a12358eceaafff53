import Yams

/// A YAML syntax error for people: `FILE:LINE:COL: invalid YAML: problem`, then the line and a
/// caret under the column.
enum YAMLSyntax {
    static func describe(_ error: YamlError, file: String, text: String) -> String {
        let problem: String
        let mark: Mark?
        let context: YamlError.Context?
        switch error {
        case .scanner(let errorContext, let errorProblem, let errorMark, _),
            .parser(let errorContext, let errorProblem, let errorMark, _),
            .composer(let errorContext, let errorProblem, let errorMark, _):
            (problem, mark, context) = (errorProblem, errorMark, errorContext)
        case .duplicatedKeysInMapping(let duplicates, let errorContext):
            (problem, mark, context) = ("duplicate keys \(duplicates.joined(separator: ", "))", errorContext.mark, nil)
        default:
            return "\(file): invalid YAML: \(error)"
        }
        guard let mark else { return "\(file): invalid YAML: \(problem)" }
        let started = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
        var lines = ["\(file):\(mark.line):\(mark.column): invalid YAML: \(problem)\(started)"]
        let source = text.split(separator: "\n", omittingEmptySubsequences: false)
        if mark.line >= 1, mark.line <= source.count {
            let line = source[mark.line - 1].replacingOccurrences(of: "\t", with: " ")
            lines.append("    " + line)
            lines.append("    " + String(repeating: " ", count: max(0, mark.column - 1)) + "^")
        }
        return lines.joined(separator: "\n")
    }
}
