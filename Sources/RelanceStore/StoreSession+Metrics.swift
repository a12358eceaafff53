import GRDB
public import RelanceCore

/// What the metrics expose, read from the database so that `tick --metrics-file` and the
/// daemon's `/metrics` agree with `status`.
public struct MetricsSnapshot: Sendable {
    /// Reminders by period, step, channel (of the last attempt, or "") and state.
    public var reminders: [(period: String, step: String, channel: String, state: String, count: Int)] = []
    /// Attempts by channel and outcome, since the data was kept.
    public var attempts: [(channel: String, outcome: String, count: Int)] = []
    /// Attempts of the last hour by channel: all of them, and those that failed.
    public var recentAttempts: [(channel: String, total: Int, failed: Int)] = []
    /// Pending reminders whose next attempt is due.
    public var queueDepth = 0
    /// When the oldest pending reminder fell due, if any is pending.
    public var oldestPendingDueAt: Instant?
    /// Cases still being worked on, by state (`open`, `contacted`).
    public var activeCases: [(state: String, count: Int)] = []
    /// Open cases past their due day (in Paris).
    public var overdueCases = 0
    /// Active cases that reach no advisor and no agency (the unrouted queue).
    public var unroutedCases = 0
    /// Ticks that completed, their last duration, and when the last one finished.
    public var ticksTotal = 0
    public var lastTickDuration: Double?
    public var lastSuccessfulTick: Instant?
}

extension StoreSession {
    /// The metrics at `now`; the failure ratios cover the hour before `now`.
    public func metricsSnapshot(now: Instant) throws -> MetricsSnapshot {
        var snapshot = MetricsSnapshot()
        snapshot.reminders = try Row.fetchAll(
            db,
            sql: """
                SELECT period, step, COALESCE(channel, '') AS channel, state, COUNT(*) AS n FROM reminders
                GROUP BY period, step, channel, state ORDER BY period, step, channel, state
                """
        ).map { ($0["period"], $0["step"], $0["channel"], $0["state"], $0["n"]) }
        snapshot.attempts = try Row.fetchAll(
            db,
            sql: """
                SELECT channel, outcome, COUNT(*) AS n FROM attempts GROUP BY channel, outcome ORDER BY channel, outcome
                """
        ).map { ($0["channel"], $0["outcome"], $0["n"]) }
        snapshot.recentAttempts = try Row.fetchAll(
            db,
            sql: """
                SELECT channel, COUNT(*) AS total,
                    SUM(outcome IN ('transient', 'permanent', 'channel_down', 'interrupted')) AS failed
                FROM attempts WHERE started_at > ? GROUP BY channel ORDER BY channel
                """, arguments: [now.seconds - 3600]
        ).map { ($0["channel"], $0["total"], $0["failed"]) }
        let pending = try Row.fetchOne(
            db,
            sql: """
                SELECT SUM(next_attempt_at <= ?1) AS due, MIN(CASE WHEN due_at <= ?1 THEN due_at END) AS oldest
                FROM reminders WHERE state = 'pending'
                """, arguments: [now.seconds])
        snapshot.queueDepth = pending?["due"] ?? 0
        snapshot.oldestPendingDueAt = (pending?["oldest"] as Int64?).map(Instant.init(seconds:))
        snapshot.activeCases = try Row.fetchAll(
            db,
            sql: """
                SELECT state, COUNT(*) AS n FROM cases WHERE state IN ('open', 'contacted') GROUP BY state ORDER BY state
                """
        ).map { ($0["state"], $0["n"]) }
        snapshot.overdueCases =
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM cases WHERE state = 'open' AND due_on < ?",
                arguments: [Zone.paris.date(of: now).description]) ?? 0
        snapshot.unroutedCases = try unroutedCaseCount()
        snapshot.ticksTotal = Int(try meta("ticks_total") ?? "0") ?? 0
        snapshot.lastTickDuration = try meta("last_tick_duration_seconds").flatMap(Double.init)
        snapshot.lastSuccessfulTick = try meta("last_tick_finished_at").flatMap(Int64.init).map(Instant.init(seconds:))
        return snapshot
    }

    /// Records a completed tick for the metrics.
    public func recordTick(duration: Double, finishedAt: Instant) throws {
        try setMeta("ticks_total", String((Int(try meta("ticks_total") ?? "0") ?? 0) + 1))
        try setMeta("last_tick_duration_seconds", String(duration))
        try setMeta("last_tick_finished_at", String(finishedAt.seconds))
    }
}
