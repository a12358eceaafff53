public import ArgumentParser
import RelanceCore
import RelanceEngine

extension ImportKind: ExpressibleByArgument {}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import jobseekers, advisors, agencies or declarations from a CSV file (atomic).",
        discussion:
            "Errors are reported as FILE:LINE: COLUMN: message; if any row is invalid nothing is written (exit 65).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "jobseekers, advisors, agencies or declarations.")
    var kind: ImportKind

    @Argument(help: "The CSV file (UTF-8, ',' or ';' separated, header row).")
    var file: String

    @Flag(help: "Write the valid rows and report the others.")
    var skipInvalid = false

    @Flag(help: "Validate and report, write nothing.")
    var dryRun = false

    func run() throws {
        try execute {
            let report = try Importer(try global.context()).run(
                kind, path: file, skipInvalid: skipInvalid, dryRun: dryRun)
            for warning in report.warnings.messages { printError(warning) }
            if report.warnings.count > report.warnings.messages.count {
                printError("… and \(report.warnings.count - report.warnings.messages.count) more warnings")
            }
            for error in report.errors { printError(error) }
            if report.invalid > report.errors.count {
                printError("… and \(report.invalid - report.errors.count) more errors")
            }
            let outcome =
                report.committed
                ? "imported" : (dryRun && report.invalid == 0 ? "dry run, nothing written" : "nothing written")
            print(
                "\(kind.rawValue): \(report.rows) rows, \(report.written) new or changed, \(report.unchanged) unchanged, \(report.invalid) invalid (\(outcome))"
            )
            if report.invalid > 0 { throw RelanceError(.invalidInput, "\(file): \(report.invalid) invalid row(s)") }
        }
    }
}

struct DeclareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "declare", abstract: "Record one declaration and its journal acts.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The jobseeker's identifier.")
    var id: String

    @Argument(help: "The period, YYYY-MM.")
    var period: String

    @Option(help: "When it was declared (ISO 8601 with offset); default: now.")
    var at: String?

    @Option(name: .customLong("act"), help: "A journal act, TYPE:YYYY-MM-DD:LABEL (repeatable).")
    var acts: [String] = []

    func run() throws {
        try execute {
            let changed = try Importer(try global.context()).declare(jobseeker: id, period: period, at: at, acts: acts)
            print(changed ? "declaration recorded: \(id) \(period)" : "declaration already recorded: \(id) \(period)")
        }
    }
}
