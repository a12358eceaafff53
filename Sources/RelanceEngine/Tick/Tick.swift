import Dispatch
import Logging
import RelanceCore
import RelanceDelivery
import RelanceStore

/// One tick (SPEC section 8): opens windows, closes periods, records outcomes, escalates,
/// sends the reminders and digests that are due, and applies retention — everything that
/// fell due since the last tick, however long ago. Running it twice at the same instant
/// does nothing the second time.
public struct Tick {
    let relance: Relance
    let now: Instant
    /// Runs one unit of work in a transaction (committed, or part of a dry run's rollback).
    let transaction: ((StoreSession) throws -> Void) throws -> Void
    /// Set when the tick should stop early (the daemon is shutting down).
    let stop: StopRequest
    /// The templates of `templates_dir`, read once per tick.
    let templates: TemplateLibrary
    var summary = TickSummary()
    /// Whether retention erased anything (the write-ahead log is then emptied too).
    var purged = false
    /// A dry run: every transaction is rolled back, and files are left as they are.
    var isDryRun = false

    /// Runs a tick. Holds the tick lock for its whole duration.
    ///
    /// - Parameters:
    ///   - dryRun: work out what would happen, send nothing, change nothing.
    ///   - stop: once requested, no new batch of attempts starts and the remaining stages are
    ///     left to the next tick; what is on the wire is recorded first.
    /// - Throws: ``RelanceError`` — `locked` when another tick runs, `io` when storage fails.
    public static func run(_ relance: Relance, dryRun: Bool = false, stop: StopRequest = StopRequest()) throws
        -> TickSummary
    {
        let lock = try TickLock(database: relance.store.path)
        defer { withExtendedLifetime(lock) {} }
        let now = relance.clock.now
        let templates = try TemplateLibrary(directory: relance.configuration.delivery.templatesDirectory)
        if dryRun {
            var discarding = Relance(
                configuration: relance.configuration, store: relance.store, clock: relance.clock,
                logger: relance.logger, transport: DiscardingTransport())
            discarding.chunkSize = relance.chunkSize
            return try relance.store.dryRun { session in
                var tick = Tick(
                    relance: discarding, now: now, transaction: { try $0(session) }, stop: stop,
                    templates: templates, isDryRun: true)
                try tick.perform()
                return tick.summary
            }
        }
        let started = DispatchTime.now()
        var tick = Tick(
            relance: relance, now: now, transaction: { body in try relance.store.write { try body($0) } }, stop: stop,
            templates: templates)
        try tick.perform()
        if !stop.isRequested {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            try relance.store.write { try $0.recordTick(duration: seconds, finishedAt: relance.clock.now) }
        }
        return tick.summary
    }

    /// Runs `chunk` in one transaction after another until it says the work is done (or, when
    /// `stoppable`, a stop is requested), giving it the number of members to take (see
    /// ``ChunkPacer``); between two, a writer of another process waiting for the database (the
    /// HTTP interface) takes its turn.
    func inChunks(stoppable: Bool = false, _ chunk: (StoreSession, Int) throws -> Bool) throws {
        var pacer = ChunkPacer(maximum: relance.chunkSize)
        while !(stoppable && stop.isRequested) {
            var finished = false
            let size = pacer.size
            try pacer.measure { try transaction { finished = try chunk($0, size) } }
            if finished { return }
            if !isDryRun { relance.store.letOthersWrite() }
        }
    }

    private mutating func perform() throws {
        relance.logger.debug("tick started", metadata: ["now": "\(now)"])
        try recoverInterruptedAttempts()
        let periods = try trackPeriods()
        for period in periods {
            try advanceCycle(of: period)
        }
        if relance.configuration.delivery.mode == .spool {
            try transaction { try Retention.noteSpoolWrites(session: $0, now: now) }
        }
        try settleOverdueDeliveries()
        try watchChannels()
        try deliverDueReminders()
        if stop.isRequested {
            relance.logger.info("tick stopped early; the next tick goes on", metadata: summary.json.metadata)
            return
        }
        try warnAboutUnroutedCases()
        try sendDigests()
        try applyRetention()
        // The write-ahead log still holds the erased pages until it is emptied: before the tick
        // says it finished, so that whoever waits for that line finds the data gone.
        if purged && !isDryRun { try relance.store.checkpoint() }
        relance.logger.info(
            said("tick finished", dryRun: "dry run finished: this is what a tick would do"),
            metadata: summary.json.metadata)
    }
}

extension Tick {
    /// Attempts left in flight by a killed process are settled as accepted when its log of
    /// acceptances says so (see ``AcceptedLog``), else marked interrupted: their reminders are
    /// still pending and go out again in this tick.
    private func recoverInterruptedAttempts() throws {
        let logPath = AcceptedLog.path(forDatabase: relance.store.path)
        let accepted = AcceptedLog.entries(at: logPath)
        try transaction { session in
            let reminders = accepted.compactMap { entry in ReminderKey(entry.key).map { (key: $0, reply: entry.reply) }
            }
            let recovered = try session.settleLoggedAcceptances(reminders, now: now)
            if recovered > 0 {
                relance.logger.warning(
                    said(
                        "reminders accepted before an earlier crash are recorded as sent",
                        dryRun: "reminders accepted before an earlier crash would be recorded as sent"),
                    metadata: ["reminders": "\(recovered)"])
            }
            let interrupted = try session.interruptAttemptsInFlight(now: now)
            if interrupted > 0 {
                relance.logger.warning(
                    said(
                        "attempts interrupted by an earlier crash will be retried",
                        dryRun: "attempts interrupted by an earlier crash would be retried"),
                    metadata: ["attempts": "\(interrupted)"])
            }
        }
        if !accepted.isEmpty && !isDryRun { AcceptedLog.clear(at: logPath) }
    }
}

extension Tick {
    /// A log message that says "would" in a dry run: nothing it tells of has happened.
    func said(_ message: String, dryRun wouldMessage: String) -> Logger.Message {
        "\(isDryRun ? wouldMessage : message)"
    }
}

extension JSON {
    /// The members of an object, as log metadata.
    var metadata: [String: Logger.MetadataValue] {
        guard case .object(let members) = self else { return [:] }
        var result: [String: Logger.MetadataValue] = [:]
        for (key, value) in members {
            if case .int(let number) = value { result[key] = .stringConvertible(number) }
        }
        return result
    }
}
