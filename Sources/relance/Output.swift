import ArgumentParser
import Foundation
import RelanceCore

/// Runs a command body, turning a ``RelanceError`` into its message on stderr and its exit code.
func execute(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as RelanceError {
        printError(error.message)
        throw ExitCode(error.code.exitCode)
    }
}

/// Writes a line to stderr, prefixed with the program name.
func printError(_ message: String) {
    for line in message.split(separator: "\n", omittingEmptySubsequences: false) {
        FileHandle.standardError.write(Data("relance: \(line)\n".utf8))
    }
}

/// A plain-text table with aligned columns, for people.
struct TextTable {
    let header: [String]
    var rows: [[String]] = []

    var rendered: String {
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }
}

/// Output formats of the listing commands.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json

    var defaultValueDescription: String {
        switch self {
        case .table: "aligned columns, for people"
        case .json: "for programs"
        }
    }
}
