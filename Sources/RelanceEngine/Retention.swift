import RelanceConfig
import RelanceCore
public import RelanceDelivery
public import RelanceStore

/// Retention (SPEC section 10), applied by every tick and by `relance purge`: the database, and
/// the spool folder's message files.
public enum Retention {
    /// What retention removed, or would remove.
    public struct Counts: Sendable, Equatable {
        public var database = PurgeCounts()
        public var spool = SpoolRetention.Counts()

        public init() {}
    }

    /// Purges now; with `dryRun`, counts what would go and changes nothing.
    public static func purge(_ relance: Relance, dryRun: Bool) throws -> Counts {
        let now = relance.clock.now
        let body = { (session: StoreSession) in try apply(relance.configuration.retention, session: session, now: now) }
        var counts = Counts()
        if dryRun {
            counts.database = try relance.store.dryRun(body)
        } else {
            counts.database = try relance.store.write(body)
            if counts.database != PurgeCounts() { try relance.store.checkpoint() }
        }
        counts.spool = try purgeSpool(
            relance.configuration, now: now, dryRun: dryRun, onlyWhenDue: false,
            transaction: { body in try relance.store.write { try body($0) } })
        return counts
    }

    static func apply(_ retention: RetentionSettings, session: StoreSession, now: Instant) throws -> PurgeCounts {
        let current = Period(containing: Zone.paris.date(of: now))
        var counts = try session.purge(
            messageCutoff: now.adding(seconds: -retention.messageContent),
            oldestKept: current.adding(months: -retention.closedPeriods),
            caseCutoff: now.adding(seconds: -Int64(retention.closedPeriods) * 31 * 86_400))
        // Months of 31 days, as for cases: an entry is kept at least `retention.audit` months.
        counts.audit = try session.purgeAudit(before: now.adding(seconds: -Int64(retention.audit) * 31 * 86_400))
        return counts
    }

    /// Deletes the spool files written more than `retention.message_content` ago (a dry run
    /// only counts them) and notes the date of the oldest file left in the ledger. With
    /// `onlyWhenDue` (a tick), the spool is walked only when the ledger says that a file may be
    /// due: a spool of millions of files is not read at every tick.
    static func purgeSpool(
        _ configuration: Configuration, now: Instant, dryRun: Bool, onlyWhenDue: Bool,
        transaction: ((StoreSession) throws -> Void) throws -> Void
    ) throws -> SpoolRetention.Counts {
        let cutoff = now.adding(seconds: -configuration.retention.messageContent)
        if onlyWhenDue {
            var due = true
            try transaction { session in
                due = try session.meta(spoolLedger).map { Int64($0).map { $0 < cutoff.seconds } ?? false } ?? true
            }
            guard due else { return SpoolRetention.Counts() }
        }
        let sweep = try SpoolRetention.purge(
            directory: configuration.delivery.spoolDirectory, before: cutoff, dryRun: dryRun)
        if !dryRun {
            try transaction { try $0.setMeta(spoolLedger, sweep.oldestKept.map { String($0.seconds) } ?? "none") }
        }
        return sweep.counts
    }

    /// The spool's ledger in `meta`: the date of its oldest file (Unix seconds), `none` when it
    /// holds none, absent when unknown (the next sweep finds out).
    static let spoolLedger = "spool_oldest_write"

    /// Before a tick delivers to the spool: files may be dated `now` from here on.
    static func noteSpoolWrites(session: StoreSession, now: Instant) throws {
        guard let value = try session.meta(spoolLedger) else { return }
        if let oldest = Int64(value), oldest <= now.seconds { return }
        try session.setMeta(spoolLedger, String(now.seconds))
    }
}
