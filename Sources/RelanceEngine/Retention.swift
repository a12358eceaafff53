import RelanceConfig
import RelanceCore
public import RelanceStore

/// Retention (SPEC section 10), applied by every tick and by `relance purge`.
public enum Retention {
    /// Purges now; with `dryRun`, counts what would go and rolls back.
    public static func purge(_ relance: Relance, dryRun: Bool) throws -> PurgeCounts {
        let now = relance.clock.now
        let body = { (session: StoreSession) in try apply(relance.configuration.retention, session: session, now: now) }
        if dryRun { return try relance.store.dryRun(body) }
        let counts = try relance.store.write(body)
        if counts != PurgeCounts() { try relance.store.checkpoint() }
        return counts
    }

    static func apply(_ retention: RetentionSettings, session: StoreSession, now: Instant) throws -> PurgeCounts {
        let current = Period(containing: Zone.paris.date(of: now))
        return try session.purge(
            messageCutoff: now.adding(seconds: -retention.messageContent),
            oldestKept: current.adding(months: -retention.closedPeriods),
            caseCutoff: now.adding(seconds: -Int64(retention.closedPeriods) * 31 * 86_400))
    }
}
