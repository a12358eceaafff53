public import ArgumentParser
import Foundation
import RelanceCore
import RelanceEngine
import RelanceStore

extension CaseState: ExpressibleByArgument {}

struct CasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases", abstract: "Escalation lists and advisor follow-up.",
        subcommands: [List.self, Update.self, History.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List cases (csv opens directly in French Excel).")

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, csv, json
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this advisor's cases.") var advisor: String?
        @Option(help: "Only this agency's cases.") var agency: String?
        @Option(help: "open, contacted, resolved or closed_no_contact.") var state: CaseState?
        @Option(help: "table, csv or json.") var format: Format = .table
        @Flag(help: "Only the active cases that reach no advisor and no agency (sans agence ni conseiller).")
        var unrouted = false

        func run() throws {
            try execute {
                let relance = try global.context()
                let today = Zone.paris.date(of: relance.clock.now)
                let rows = try relance.store.read {
                    try $0.cases(CaseFilter(advisor: advisor, agency: agency, state: state, unroutedOnly: unrouted))
                }
                let listing = CaseListing(rows: rows, today: today)
                switch format {
                case .csv: FileHandle.standardOutput.write(Data(listing.csv.utf8))
                case .json: print(listing.json.pretty)
                case .table:
                    let (header, lines) = listing.table
                    var table = TextTable(header: header)
                    table.rows = lines
                    print(table.rendered)
                }
            }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record an advisor's follow-up of a case.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The case id.") var caseID: Int64
        @Option(help: "open, contacted, resolved or closed_no_contact.") var state: CaseState
        @Option(help: "A note (no personal data beyond what the follow-up needs).") var note: String?

        func run() throws {
            try execute {
                if let note, let problem = TextRules.problem(inText: note, maxLength: 1000) {
                    throw RelanceError(.usage, "--note: \(problem)")
                }
                let relance = try global.context()
                let now = relance.clock.now
                let updated = try relance.store.write {
                    try $0.updateCase(id: caseID, state: state, note: note, by: CommandLineAuthor.current, now: now)
                }
                guard updated else { throw RelanceError(.invalidInput, "case \(caseID) does not exist") }
                print("case \(caseID): \(state.rawValue)")
            }
        }
    }
}

struct RemindersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reminders", abstract: "Reminder and attempt history.", subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List reminders.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this period, YYYY-MM.") var period: String?
        @Option(help: "Only this jobseeker.") var jobseeker: String?
        @Option(help: "\(ReminderState.choices).") var state: String?
        @Option(help: "table or json.") var format: ListFormat = .table

        func validate() throws {
            if let period, Period(period) == nil { throw ValidationError("--period: '\(period)' is not YYYY-MM") }
            if let state, ReminderState(rawValue: state) == nil {
                throw ValidationError("--state: must be \(ReminderState.choices)")
            }
        }

        func run() throws {
            try execute {
                let relance = try global.context()
                let rows = try relance.store.read {
                    try $0.reminders(period: period.flatMap { Period($0) }, jobseeker: jobseeker, state: state)
                }
                func local(_ instant: Instant, _ department: String) -> String {
                    (Territory(department: department)?.zone ?? .paris).format(instant)
                }
                switch format {
                case .json:
                    print(
                        JSON.array(
                            rows.map { row in
                                .object([
                                    ("key", .string(row.key)), ("jobseeker_id", .string(row.jobseekerID)),
                                    ("period", .string(row.period.description)), ("step", .string(row.step)),
                                    ("state", .string(row.state)), ("channel", .optional(row.channel)),
                                    ("due_at", .string(local(row.dueAt, row.department))),
                                    ("expires_at", .string(local(row.expiresAt, row.department))),
                                    ("sent_at", .optional(row.sentAt.map { local($0, row.department) })),
                                    ("attempts", .int(row.attempts)), ("last_error", .optional(row.lastError)),
                                ])
                            }
                        ).pretty)
                case .table:
                    var table = TextTable(header: [
                        "key", "state", "channel", "due_at", "sent_at", "attempts", "last_error",
                    ])
                    table.rows = rows.map { row in
                        [
                            row.key, row.state, row.channel ?? "-", local(row.dueAt, row.department),
                            row.sentAt.map { local($0, row.department) } ?? "-", String(row.attempts),
                            row.lastError ?? "",
                        ]
                    }
                    print(table.rendered)
                }
            }
        }
    }
}
