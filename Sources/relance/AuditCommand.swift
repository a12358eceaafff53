import ArgumentParser
import RelanceCore
import RelanceEngine
import RelanceStore

/// `relance audit`: who viewed or changed which case, when (SPEC 14).
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Show who viewed or changed which case, and when.")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions
    @Option(help: "Only what this advisor did on the desk.") var advisor: String?
    @Option(name: .customLong("case"), help: "Only what was done with this case.") var caseID: Int64?
    @Option(help: "Output format.") var format: ListFormat = .table

    func run() throws {
        try execute {
            let relance = try global.context()
            let entries = try relance.store.read { session in
                try ListFilters(advisor: advisor).check(in: session)
                return try session.auditEntries(
                    AuditFilter(actor: advisor.map { AuditActor.advisor($0).description }, caseID: caseID))
            }
            switch format {
            case .json:
                print(
                    JSON.array(
                        entries.map { entry in
                            .object([
                                ("at", .string(Zone.paris.format(entry.at))), ("actor", .string(entry.actor)),
                                ("action", .string(entry.action.rawValue)),
                                ("case_id", entry.caseID.map { .int(Int($0)) } ?? .null),
                                ("detail", .optional(entry.detail)),
                            ])
                        }
                    ).pretty)
            case .table:
                var table = TextTable(header: ["date", "qui", "action", "dossier", "détail"])
                table.rows = entries.map { entry in
                    let (day, time, _) = Zone.paris.local(entry.at)
                    return [
                        "\(day) \(time)", entry.actor, entry.action.french, entry.caseID.map(String.init) ?? "-",
                        entry.detail ?? "",
                    ]
                }
                print(table.rendered)
            }
        }
    }
}
