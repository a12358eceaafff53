import GRDB
public import RelanceCore

/// Known verdicts of a channel's tracked messages.
public struct VerdictCount: Sendable, Equatable {
    public var known: Int
    public var undelivered: Int

    /// The share undelivered; 0 without verdicts.
    public var ratio: Double { known == 0 ? 0 : Double(undelivered) / Double(known) }
}

/// A channel found degraded by the alarm (SPEC 13).
public struct DegradedChannel: Sendable, Equatable {
    public var channel: Channel
    public var since: Instant
    /// The first tracked message sent since: recovery counts from it.
    public var firstDelivery: Int64
}

/// The silent-provider alarm's state.
extension StoreSession {
    /// The verdicts of the latest `window` tracked messages of `channel` whose verdict is known,
    /// among those from `firstDelivery` on.
    public func latestVerdicts(_ channel: Channel, window: Int, from firstDelivery: Int64 = 0) throws -> VerdictCount {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT COUNT(*), COALESCE(SUM(verdict = 'undelivered'), 0) FROM (
                    SELECT verdict FROM deliveries WHERE channel = ? AND verdict IS NOT NULL AND id >= ?
                    ORDER BY id DESC LIMIT ?)
                """, arguments: [channel.rawValue, firstDelivery, window])
        return VerdictCount(known: row?[0] ?? 0, undelivered: row?[1] ?? 0)
    }

    /// The channels degraded now.
    public func degradedChannels() throws -> [DegradedChannel] {
        try Row.fetchAll(db, sql: "SELECT channel, degraded_since, first_delivery FROM channel_health ORDER BY channel")
            .compactMap { row in
                Channel(rawValue: row[0]).map {
                    DegradedChannel(channel: $0, since: Instant(seconds: row[1]), firstDelivery: row[2])
                }
            }
    }

    /// Records `channel` as degraded from `now`; recovery counts the messages tracked after this.
    public func degrade(_ channel: Channel, now: Instant) throws {
        let next = (try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM deliveries") ?? 0) + 1
        try db.execute(
            sql: "INSERT INTO channel_health (channel, degraded_since, first_delivery) VALUES (?, ?, ?)",
            arguments: [channel.rawValue, now.seconds, next])
    }

    /// Records that `channel` recovered.
    public func recover(_ channel: Channel) throws {
        try db.execute(sql: "DELETE FROM channel_health WHERE channel = ?", arguments: [channel.rawValue])
    }

    /// Receipts recorded, by channel and status (for the metrics).
    public func receiptCounts() throws -> [(channel: String, status: String, count: Int)] {
        try Row.fetchAll(
            db, sql: "SELECT channel, status, COUNT(*) FROM receipts GROUP BY channel, status ORDER BY channel, status"
        ).map { ($0[0], $0[1], $0[2]) }
    }

    /// Tracked messages of a period, by channel: delivered, undelivered, unconfirmed.
    public func deliveryCounts(_ period: Period) throws -> [(channel: String, verdict: String, count: Int)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT channel, COALESCE(verdict, 'unconfirmed'), COUNT(*) FROM deliveries WHERE period = ?
                GROUP BY channel, COALESCE(verdict, 'unconfirmed') ORDER BY channel
                """, arguments: [period.description]
        ).map { ($0[0], $0[1], $0[2]) }
    }
}
