import ArgumentParser
import RelanceCore
import RelanceEngine
import RelanceStore

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Counts per period.")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    @Option(help: "Only this period, YYYY-MM.")
    var period: String?

    @Option(help: "Output format.")
    var format: ListFormat = .table

    func validate() throws {
        if let period, Period(period) == nil { throw ValidationError("--period: '\(period)' is not YYYY-MM") }
    }

    func run() throws {
        try execute {
            let relance = try global.context()
            let only = period.flatMap { Period($0) }
            let (statuses, unrouted, degraded) = try relance.store.read { session in
                try ListFilters(period: only).check(in: session)
                return (
                    try session.periodStatuses(only: only), try session.unroutedCaseCount(),
                    try session.degradedChannels()
                )
            }
            let states = ReminderState.names
            switch format {
            case .json:
                print(
                    PeriodStatus.document(statuses, unrouted: unrouted, degraded: degraded.map(\.channel.rawValue))
                        .pretty)
            case .table:
                var table = TextTable(
                    header: [
                        "period", "state", "jobseekers", "declared", "late", "missed", "journal_missing",
                    ] + states + ["cases_open", "cases_unrouted"])
                for status in statuses {
                    table.rows.append(
                        [
                            status.period.description, status.state, String(status.jobseekers), String(status.declared),
                            String(status.late), String(status.missed), String(status.journalMissing),
                        ] + states.map { String(status.reminders[$0] ?? 0) } + [
                            String(status.casesOpen), String(status.casesUnrouted),
                        ])
                }
                print(table.rendered)
                if unrouted > 0 {
                    print(
                        "\n\(unrouted) active case(s) reach no advisor and no agency (« sans agence ni conseiller »): "
                            + "cases list --unrouted")
                }
                for channel in degraded {
                    print(
                        "\nchannel \(channel.channel.rawValue) degraded since \(Zone.paris.format(channel.since)): "
                            + "its messages are not arriving; it is tried last")
                }
            }
        }
    }
}

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "Windows and public holidays of a year for a territory.")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    @Option(help: "The year, 2000 to 2100.")
    var year: Int

    @Option(help: "An INSEE department code, e.g. 75, 2A, 57, 971.")
    var department: String

    @Option(help: "Output format.")
    var format: ListFormat = .table

    func validate() throws {
        guard (2000...2100).contains(year) else { throw ValidationError("--year: must be between 2000 and 2100") }
        guard Territory(department: department) != nil else {
            throw ValidationError("--department: '\(department)' is not a department code")
        }
    }

    func run() throws {
        try execute {
            let calendar = try global.loadConfiguration().cycle
            let territory = Territory(department: department)!
            let zone = calendar.zone(for: territory)
            let holidays = HolidayCalendar(zone: territory.holidayZone).holidays(in: year)
            let periods = (1...12).map { Period(year: year, month: $0)! }
            switch format {
            case .json:
                print(
                    JSON.object([
                        ("year", .int(year)), ("department", .string(department)),
                        ("time_zone", .string(zone.identifier)),
                        ("holiday_zone", .string(territory.holidayZone.rawValue)),
                        (
                            "holidays",
                            .array(
                                holidays.map {
                                    .object([("date", .string($0.date.description)), ("name", .string($0.name))])
                                })
                        ),
                        (
                            "periods",
                            .array(
                                periods.map { period in
                                    let window = calendar.window(of: period)
                                    return .object([
                                        ("period", .string(period.description)),
                                        ("opening", .string(zone.format(calendar.opening(of: period, in: territory)))),
                                        ("deadline_day", .string(window.deadlineDay.description)),
                                        ("closing", .string(zone.format(calendar.closing(of: period, in: territory)))),
                                    ])
                                })
                        ),
                    ]).pretty)
            case .table:
                print(
                    "\(year), department \(department): \(zone.identifier), holidays of \(territory.holidayZone.rawValue)\n"
                )
                var windows = TextTable(header: ["period", "opening", "deadline day", "closing"])
                for period in periods {
                    let window = calendar.window(of: period)
                    windows.rows.append([
                        period.description, zone.format(calendar.opening(of: period, in: territory)),
                        FrenchDates.long(window.deadlineDay), zone.format(calendar.closing(of: period, in: territory)),
                    ])
                }
                print(windows.rendered + "\n")
                var table = TextTable(header: ["holiday", "name"])
                table.rows = holidays.map { [FrenchDates.long($0.date), $0.name] }
                print(table.rendered)
            }
        }
    }
}
