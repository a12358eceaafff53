public import ArgumentParser
import Foundation
import RelanceCore
import RelanceEngine
import RelanceStore

extension CaseState: ExpressibleByArgument {
    var defaultValueDescription: String {
        switch self {
        case .open: "escalated, not yet worked"
        case .contacted: "the advisor reached the jobseeker"
        case .resolved: "settled"
        case .closedNoContact: "closed without reaching the jobseeker (a note is required)"
        }
    }
}

extension ReminderState: ExpressibleByArgument {
    var defaultValueDescription: String {
        switch self {
        case .pending: "due or waiting for a retry"
        case .sent: "accepted by a server, or spooled"
        case .skipped: "the jobseeker declared, or is no longer active"
        case .expired: "no longer relevant: never sent"
        case .failed: "no usable channel left: the jobseeker is unreachable"
        }
    }
}

struct CasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases", abstract: "Escalation lists and advisor follow-up.",
        subcommands: [List.self, Update.self, History.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List cases (csv opens directly in French Excel).")

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, csv, json

            var defaultValueDescription: String {
                switch self {
                case .table: "aligned columns, for people"
                case .csv: "';'-separated with a UTF-8 BOM: opens directly in French Excel"
                case .json: "an array of objects with the CSV's fields"
                }
            }
        }

        @OptionGroup(visibility: .hidden) var global: GlobalOptions
        @Option(help: "Only this advisor's cases.") var advisor: String?
        @Option(help: "Only this agency's cases.") var agency: String?
        @Option(help: "Only cases in this state.") var state: CaseState?
        @Option(help: "Output format.") var format: Format = .table
        @Flag(help: "Only the active cases that reach no advisor and no agency (sans agence ni conseiller).")
        var unrouted = false

        func run() throws {
            try execute {
                let relance = try global.context()
                let today = Zone.paris.date(of: relance.clock.now)
                // A list shows the jobseekers' personal data: the audit trail records it (SPEC 14).
                let rows = try relance.store.write { session in
                    try ListFilters(advisor: advisor, agency: agency).check(in: session)
                    let rows = try session.cases(
                        CaseFilter(advisor: advisor, agency: agency, state: state, unroutedOnly: unrouted))
                    try Audit.record(
                        CommandLineAuthor.actor, format == .csv ? .export : .list, cases: rows.map(\.id),
                        at: relance.clock.now, in: session)
                    return rows
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

        @OptionGroup(visibility: .hidden) var global: GlobalOptions
        @Argument(help: "The case id.") var caseID: Int64
        @Option(help: "The new state.") var state: CaseState
        @Option(help: "A note (no personal data beyond what the follow-up needs).") var note: String?

        func run() throws {
            try execute {
                let update: CaseUpdate
                do {
                    update = try CaseUpdate(caseID: caseID, state: state, note: note, author: CommandLineAuthor.current)
                } catch let invalid as InvalidCaseUpdate {
                    throw RelanceError(
                        .usage, invalid.problems.map { "--\($0.field): \($0.message)" }.joined(separator: "\n"))
                }
                let relance = try global.context()
                switch try update.apply(relance, auditedAs: CommandLineAuthor.actor) {
                case .changed, .unchanged, .stale: print("case \(caseID): \(state.rawValue)")
                case .missing: throw RelanceError(.invalidInput, "case \(caseID) does not exist")
                case .conflict(let other):
                    throw RelanceError(
                        .invalidInput,
                        "case \(caseID) cannot be made \(state.rawValue) again: its jobseeker already has case \(other) in progress"
                    )
                }
            }
        }
    }
}

struct RemindersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reminders", abstract: "Reminder and attempt history.", subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List reminders.")

        @OptionGroup(visibility: .hidden) var global: GlobalOptions
        @Option(help: "Only this period, YYYY-MM.") var period: String?
        @Option(help: "Only this jobseeker.") var jobseeker: String?
        @Option(help: "Only reminders in this state.") var state: ReminderState?
        @Option(help: "Output format.") var format: ListFormat = .table

        func validate() throws {
            if let period, Period(period) == nil { throw ValidationError("--period: '\(period)' is not YYYY-MM") }
        }

        func run() throws {
            try execute {
                let relance = try global.context()
                let only = period.flatMap { Period($0) }
                let rows = try relance.store.read { session in
                    try ListFilters(period: only, jobseeker: jobseeker).check(in: session)
                    return try session.reminders(period: only, jobseeker: jobseeker, state: state?.rawValue)
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
                                    ("key", .string(row.key.description)), ("jobseeker_id", .string(row.jobseekerID)),
                                    ("period", .string(row.period.description)), ("step", .string(row.step)),
                                    ("state", .string(row.state)), ("channel", .optional(row.channel)),
                                    ("due_at", .string(local(row.dueAt, row.department))),
                                    ("expires_at", .string(local(row.expiresAt, row.department))),
                                    ("sent_at", .optional(row.sentAt.map { local($0, row.department) })),
                                    ("attempts", .int(row.attempts)), ("last_error", .optional(row.lastError)),
                                    ("delivery", .optional(row.delivery)),
                                ])
                            }
                        ).pretty)
                case .table:
                    var table = TextTable(header: [
                        "key", "state", "channel", "due_at", "sent_at", "delivery", "attempts", "last_error",
                    ])
                    table.rows = rows.map { row in
                        [
                            row.key.description, row.state, row.channel ?? "-", local(row.dueAt, row.department),
                            row.sentAt.map { local($0, row.department) } ?? "-", row.delivery ?? "-",
                            String(row.attempts), row.lastError ?? "",
                        ]
                    }
                    print(table.rendered)
                }
            }
        }
    }
}
