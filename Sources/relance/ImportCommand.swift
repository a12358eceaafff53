public import ArgumentParser
import RelanceCore
import RelanceEngine

extension ImportKind: ExpressibleByArgument {
    var defaultValueDescription: String {
        switch self {
        case .jobseekers: "upserted by id"
        case .advisors: "upserted by id"
        case .agencies: "upserted by code"
        case .declarations: "one row per journal act"
        }
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import jobseekers, advisors, agencies or declarations from a CSV file (atomic).",
        discussion:
            "Errors are reported as FILE:LINE: COLUMN: message; if any row is invalid nothing is written (exit 65).")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    @Argument(help: "What the file holds.")
    var kind: ImportKind

    @Argument(help: "The CSV file (UTF-8, ',' or ';' separated, header row).")
    var file: String

    @Flag(help: "Write the valid rows and report the others.")
    var skipInvalid = false

    @Flag(help: "Validate and report, write nothing.")
    var dryRun = false

    func run() throws {
        try execute {
            let report = try Importer(try global.context(creating: true)).run(
                kind, path: file, skipInvalid: skipInvalid, dryRun: dryRun)
            for warning in report.warnings.messages { printError(warning) }
            if report.warnings.count > report.warnings.messages.count {
                printError("… and \(report.warnings.count - report.warnings.messages.count) more warnings")
            }
            for error in report.errors { printError(error) }
            if report.invalid > report.errors.count {
                printError("… and \(report.invalid - report.errors.count) more errors")
            }
            print("\(kind.rawValue): \(Self.summary(report, dryRun: dryRun))")
            if report.invalid > 0 { throw RelanceError(.invalidInput, "\(file): \(report.invalid) invalid row(s)") }
        }
    }

    /// What was written; when nothing was, no count says "new or changed" (or only "would be").
    static func summary(_ report: ImportReport, dryRun: Bool) -> String {
        let rows = report.rows == 1 ? "1 row" : "\(report.rows) rows"
        let counts = "\(report.written) new or changed, \(report.unchanged) unchanged, \(report.invalid) invalid"
        if report.committed { return "\(rows), \(counts) (imported)" }
        if dryRun && report.invalid == 0 { return "\(rows), \(counts) (dry run, nothing written)" }
        let valid = report.written + report.unchanged
        let leftOut =
            valid == 0
            ? "" : " (\(valid) valid \(valid == 1 ? "row" : "rows") left out: fix the errors, or --skip-invalid)"
        return "\(rows), \(report.invalid) invalid: nothing written\(leftOut)"
    }
}

struct DeclareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "declare", abstract: "Record one declaration and its journal acts.")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

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
            let changed = try Importer(try global.context(creating: true)).declare(
                jobseeker: id, period: period, at: at, acts: acts)
            print(changed ? "declaration recorded: \(id) \(period)" : "declaration already recorded: \(id) \(period)")
        }
    }
}
