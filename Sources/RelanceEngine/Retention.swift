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
        counts.spool = try purgeSpool(relance.configuration, now: now, dryRun: dryRun)
        return counts
    }

    static func apply(_ retention: RetentionSettings, session: StoreSession, now: Instant) throws -> PurgeCounts {
        let current = Period(containing: Zone.paris.date(of: now))
        return try session.purge(
            messageCutoff: now.adding(seconds: -retention.messageContent),
            oldestKept: current.adding(months: -retention.closedPeriods),
            caseCutoff: now.adding(seconds: -Int64(retention.closedPeriods) * 31 * 86_400))
    }

    /// Deletes the spool files written more than `retention.message_content` ago.
    static func purgeSpool(_ configuration: Configuration, now: Instant, dryRun: Bool) throws -> SpoolRetention.Counts {
        try SpoolRetention.purge(
            directory: configuration.delivery.spoolDirectory,
            before: now.adding(seconds: -configuration.retention.messageContent), dryRun: dryRun)
    }
}
