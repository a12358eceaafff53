import ArgumentParser
import Foundation
import Logging
import RelanceConfig
import RelanceCore
import RelanceEngine
import RelanceStore

/// The options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (default: $RELANCE_CONFIG or config/relance.yaml).")
    var config: String?

    @Option(name: .long, help: "Database file, overriding the configuration's 'database'.")
    var db: String?

    @Option(name: .long, help: "The clock: ISO 8601 with offset, e.g. 2026-12-10T10:00:00+01:00 (or $RELANCE_NOW).")
    var now: String?

    @Option(name: .long, help: "The lowest level logged.")
    var logLevel: Logger.Level = .info

    @Option(name: .long, help: "How log lines are written.")
    var logFormat: LogFormat = .text

    func validate() throws {
        if let now = now ?? ProcessInfo.processInfo.environment["RELANCE_NOW"], Instant(iso: now) == nil {
            throw ValidationError("--now: '\(now)' is not ISO 8601 with an offset, e.g. 2026-12-10T10:00:00+01:00")
        }
    }

    /// The clock: `--now`, else `RELANCE_NOW`, else the system clock.
    var clock: any Clock {
        if let text = now ?? ProcessInfo.processInfo.environment["RELANCE_NOW"], let instant = Instant(iso: text) {
            return FixedClock(instant)
        }
        return SystemClock()
    }

    /// Loads the configuration.
    func loadConfiguration() throws -> Configuration {
        let path = config ?? ProcessInfo.processInfo.environment["RELANCE_CONFIG"] ?? Configuration.defaultPath
        var configuration = try Configuration.load(from: path)
        if let db { configuration.databasePath = db }
        return configuration
    }

    /// Bootstraps logging (once) and builds the context of a command. Only commands that deliver
    /// get the transport of `delivery.mode` (and need its secrets); the others a discarding one.
    /// Only commands `creating` the database (import, declare, tick, run, serve) make one where there is
    /// none: the others refuse a path with no database, so a mistyped `--db` creates nothing.
    func context(delivering: Bool = false, creating: Bool = false) throws -> Relance {
        Logging.bootstrap(level: logLevel, format: logFormat)
        let configuration = try loadConfiguration()
        try Territory.checkTimeZones()
        let path = configuration.databasePath
        let store = try creating ? Store(path: path) : Store(existingAt: path)
        var relance = Relance(
            configuration: configuration, store: store, clock: clock, logger: Logger(label: "relance"),
            transport: delivering
                ? try Relance.transport(
                    for: configuration.delivery, databasePath: store.path, clock: clock)
                : DiscardingTransport())
        relance.chunkSize = try chunkSize()
        return relance
    }

    /// `RELANCE_CHUNK_SIZE`: members per transaction of a closing or a step's planning (a positive integer),
    /// else ``Relance/defaultChunkSize``.
    func chunkSize() throws -> Int {
        guard let text = ProcessInfo.processInfo.environment["RELANCE_CHUNK_SIZE"] else {
            return Relance.defaultChunkSize
        }
        guard let size = Int(text), size > 0 else {
            throw RelanceError(.usage, "RELANCE_CHUNK_SIZE: '\(text)' is not a positive number of members")
        }
        return size
    }
}
