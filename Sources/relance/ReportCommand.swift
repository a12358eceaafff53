import ArgumentParser
import RelanceCore
import RelanceEngine

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "The month at a glance, for operations and management.",
        discussion: """
            Members, declarations per day with the reminder send times, outcomes, journal completeness, \
            reminders per step, channel and state, delivery failures by cause, cases by route and agency, \
            overdue cases. Aggregates only: no name, address or phone number. html is one self-contained \
            page (inline CSS and SVG) that prints on A4.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, html

        var defaultValueDescription: String {
            switch self {
            case .text: "for a terminal"
            case .json: "for programs; agrees with status"
            case .html: "one self-contained page that prints on A4"
            }
        }
    }

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    @Option(help: "The period, YYYY-MM.")
    var period: String

    @Option(help: "Output format.")
    var format: Format = .text

    func validate() throws {
        if Period(period) == nil { throw ValidationError("--period: '\(period)' is not YYYY-MM") }
    }

    func run() throws {
        try execute {
            let report = try MonthReport.build(try global.context(), period: Period(period)!)
            switch format {
            case .text: print(report.text, terminator: "")
            case .json: print(report.json.pretty)
            case .html: print(report.html, terminator: "")
            }
        }
    }
}
