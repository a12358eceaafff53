import ArgumentParser
import RelanceCore
import RelanceEngine

struct TickCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tick", abstract: "Do everything due up to now, then exit.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json

        var defaultValueDescription: String {
            switch self {
            case .text: "one line of name=count"
            case .json: "one object of counts (SPEC section 8)"
            }
        }
    }

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    @Flag(help: "Say what would be done; send nothing, change nothing.")
    var dryRun = false

    @Option(help: "Output format.")
    var format: Format = .text

    @Option(
        help:
            "Also write the metrics there, atomically, in Prometheus text format (node_exporter's textfile collector).")
    var metricsFile: String?

    func run() throws {
        try execute {
            let relance = try global.context(delivering: !dryRun, creating: true)
            defer { relance.transport.close() }
            let summary = try Tick.run(relance, dryRun: dryRun)
            if let metricsFile, !dryRun { try MetricsFile.write(try Metrics.text(relance), to: metricsFile) }
            switch format {
            case .json: print(summary.json.serialized)
            case .text:
                if case .object(let members) = summary.json {
                    let text = members.map { "\($0.0)=\($0.1.serialized)" }.joined(separator: " ")
                    print((dryRun ? "dry run: " : "") + text)
                }
            }
            if !summary.channelsDegraded.isEmpty {
                throw RelanceError(
                    .channelDown,
                    "delivery channel(s) degraded, messages not arriving: \(summary.channelsDegraded.map(\.rawValue).joined(separator: ", "))"
                )
            }
            if !summary.channelsDown.isEmpty {
                throw RelanceError(
                    .channelDown,
                    "delivery channel(s) down: \(summary.channelsDown.map(\.rawValue).joined(separator: ", ")); the work stays queued"
                )
            }
        }
    }
}

struct PurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge", abstract: "Apply retention now (also done by every tick).")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    @Flag(help: "Count what would be purged, change nothing.")
    var dryRun = false

    func run() throws {
        try execute {
            let counts = try Retention.purge(try global.context(), dryRun: dryRun)
            let database = counts.database
            print(
                "\(dryRun ? "would purge" : "purged"): \(database.addresses) addresses, \(database.periods) periods (\(database.rows) rows), \(database.cases) cases, \(database.audit) audit entries, \(counts.spool.files) spool files (\(counts.spool.folders) folders)"
            )
        }
    }
}
