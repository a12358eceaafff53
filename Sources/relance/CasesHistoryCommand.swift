import ArgumentParser
import RelanceCore
import RelanceEngine
import RelanceStore

extension CasesCommand {
    /// `cases history CASE_ID`: who changed a case, when, and how (states and notes in French in
    /// the table, codes in JSON).
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the history of a case: its opening, then every change of state or note.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The case id.") var caseID: Int64
        @Option(help: "table or json.") var format: ListFormat = .table

        func run() throws {
            try execute {
                let relance = try global.context()
                let events = try relance.store.write { session in
                    let events = try session.caseHistory(id: caseID)
                    if events != nil {
                        try Audit.record(
                            CommandLineAuthor.actor, .view, case: caseID, at: relance.clock.now, in: session)
                    }
                    return events
                }
                guard let events else {
                    throw RelanceError(.invalidInput, "case \(caseID) does not exist")
                }
                switch format {
                case .json:
                    print(JSON.array(events.map(CaseDocument.event)).pretty)
                case .table:
                    var table = TextTable(header: ["date", "auteur", "état", "note"])
                    table.rows = events.map { event in
                        let (day, time, _) = Zone.paris.local(event.at)
                        return [
                            "\(day) \(time)", CaseText.author(event.author), CaseText.state(event.toState),
                            event.note ?? "",
                        ]
                    }
                    print(table.rendered)
                }
            }
        }
    }
}
