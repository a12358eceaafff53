import RelanceCore
import RelanceStore

/// The metrics of relance in Prometheus text format, for node_exporter's textfile collector
/// (`tick --metrics-file`) and the daemon's `/metrics`. Read from the database: every process
/// exposes the same figures, and they agree with `status`.
public enum Metrics {
    /// The metrics at the context's clock; `adding` appends this process's own families (its
    /// HTTP requests).
    public static func text(_ relance: Relance, adding local: (inout PrometheusText) -> Void = { _ in }) throws
        -> String
    {
        let now = relance.clock.now
        let snapshot = try relance.store.read { try $0.metricsSnapshot(now: now) }
        var out = PrometheusText()
        out.add("relance_ticks_total", "counter", help: "Ticks that completed.", value: Double(snapshot.ticksTotal))
        out.add(
            "relance_tick_duration_seconds", "gauge", help: "Duration of the last completed tick.",
            value: snapshot.lastTickDuration ?? 0)
        out.add(
            "relance_last_successful_tick_timestamp_seconds", "gauge",
            help: "When the last tick completed (Unix time).",
            value: Double(snapshot.lastSuccessfulTick?.seconds ?? 0))
        out.add(
            "relance_reminders", "gauge", help: "Reminders by period, step, channel of the last attempt and state.",
            samples: snapshot.reminders.map {
                (
                    [("period", $0.period), ("step", $0.step), ("channel", $0.channel), ("state", $0.state)],
                    Double($0.count)
                )
            })
        out.add(
            "relance_attempts_total", "counter", help: "Delivery attempts by channel and outcome.",
            samples: snapshot.attempts.map { ([("channel", $0.channel), ("outcome", $0.outcome)], Double($0.count)) })
        out.add(
            "relance_channel_failure_ratio", "gauge",
            help:
                "Share of the last hour's attempts that failed, by channel: alert on a provider that silently degrades.",
            samples: snapshot.recentAttempts.map {
                ([("channel", $0.channel)], $0.total == 0 ? 0 : Double($0.failed) / Double($0.total))
            })
        out.add(
            "relance_queue_depth", "gauge", help: "Pending reminders whose next attempt is due.",
            value: Double(snapshot.queueDepth))
        out.add(
            "relance_oldest_pending_age_seconds", "gauge", help: "How long ago the oldest pending reminder fell due.",
            value: Double(snapshot.oldestPendingDueAt.map { max(0, now.seconds - $0.seconds) } ?? 0))
        out.add(
            "relance_cases", "gauge", help: "Cases being worked on, by state.",
            samples: snapshot.activeCases.map { ([("state", $0.state)], Double($0.count)) })
        out.add(
            "relance_cases_overdue", "gauge", help: "Open cases past their due day.",
            value: Double(snapshot.overdueCases))
        out.add(
            "relance_cases_unrouted", "gauge", help: "Active cases that reach no advisor and no agency.",
            value: Double(snapshot.unroutedCases))
        try addReceipts(relance, to: &out)
        local(&out)
        return out.text
    }
}
