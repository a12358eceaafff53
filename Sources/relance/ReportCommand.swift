import ArgumentParser
import RelanceCore
import RelanceEngine

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "The month at a glance, or the journal's experiment evaluated.",
        discussion: """
            --period: members, declarations per day with the reminder send times, outcomes, journal \
            completeness, reminders per step, channel and state, delivery failures by cause, cases by route \
            and agency, overdue cases. --evaluation: the members of the departments a journal obligation \
            covers against those no obligation covers, period by period, with differences, 95% confidence \
            intervals and the difference-in-differences against the periods before the obligation; counts \
            under report.min_cell are suppressed. Aggregates only: no name, id, address or phone number. \
            html is one self-contained French page (inline CSS and SVG) that prints on A4.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv, html

        var defaultValueDescription: String {
            switch self {
            case .text: "for a terminal"
            case .json: "for programs; agrees with status"
            case .csv: "--evaluation only: one figure per line, for French Excel"
            case .html: "one self-contained page that prints on A4"
            }
        }
    }

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    @Option(help: "The period of the month report, YYYY-MM.")
    var period: String?

    @Flag(help: "Evaluate a journal obligation against its comparison group (SPEC section 16).")
    var evaluation = false

    @Option(help: "With --evaluation: the obligation's id (default: the first configured).")
    var obligation: String?

    @Option(help: "With --evaluation: the first period evaluated, YYYY-MM (default: the obligation's from).")
    var from: String?

    @Option(help: "With --evaluation: the last period evaluated, YYYY-MM (default: the one before its until).")
    var to: String?

    @Option(help: "Output format.")
    var format: Format = .text

    func validate() throws {
        guard evaluation != (period != nil) else { throw ValidationError("give either --period or --evaluation") }
        if let period, Period(period) == nil { throw ValidationError("--period: '\(period)' is not YYYY-MM") }
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, Period(value) == nil { throw ValidationError("\(name): '\(value)' is not YYYY-MM") }
        }
        if !evaluation && (obligation != nil || from != nil || to != nil) {
            throw ValidationError("--obligation, --from and --to go with --evaluation")
        }
        if !evaluation && format == .csv { throw ValidationError("--format csv goes with --evaluation") }
    }

    func run() throws {
        try execute {
            if evaluation {
                let report = try Evaluation.build(
                    try global.context(), obligation: obligation, from: from.flatMap { Period($0) },
                    to: to.flatMap { Period($0) })
                switch format {
                case .text: print(report.text, terminator: "")
                case .json: print(report.json.pretty)
                case .csv: print(report.csv, terminator: "")
                case .html: print(report.html, terminator: "")
                }
                return
            }
            let report = try MonthReport.build(try global.context(), period: Period(period!)!)
            switch format {
            case .text, .csv: print(report.text, terminator: "")
            case .json: print(report.json.pretty)
            case .html: print(report.html, terminator: "")
            }
        }
    }
}
