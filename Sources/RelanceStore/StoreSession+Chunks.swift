import GRDB
public import RelanceCore

/// The members of a period (or the jobseekers) whose key is after `after` (from the first when
/// nil) and up to `through` (to the last when nil): the part of an opening, a closing or a step's
/// planning that one transaction records.
public struct MemberChunk: Sendable, Equatable {
    public var after: String?
    public var through: String?

    public init(after: String?, through: String?) {
        self.after = after
        self.through = through
    }

    /// Whether this chunk goes to the period's last member.
    public var isLast: Bool { through == nil }

    /// SQL selecting the rows whose jobseeker id `key` (a column) is in the chunk whose ``bounds`` are bound as `:after` and
    /// `:through`: two comparisons, a range of the primary key (an `IS NULL OR` would make SQLite
    /// read every member from the first).
    static func condition(_ key: String) -> String {
        "\(key) > :after AND \(key) <= :through"
    }

    /// The values of `:after` and `:through`: the empty string sorts before every key, and
    /// U+10FFFF after every key (keys are ASCII, compared byte by byte).
    var bounds: (after: String, through: String) { (after ?? "", through ?? "\u{10FFFF}") }
}

extension StoreSession {
    /// The next chunk of at most `size` members of a period after the key `after`, in key order,
    /// whatever their territory (a range of the primary key: the closing's statements read it alone);
    /// the last one is open-ended.
    public func memberChunk(_ period: Period, after: String?, size: Int) throws -> MemberChunk {
        let through = try String.fetchOne(
            db,
            sql: """
                SELECT jobseeker_id FROM members WHERE period = ? AND jobseeker_id > ?
                ORDER BY jobseeker_id LIMIT 1 OFFSET ?
                """, arguments: [period.description, after ?? "", max(size, 1) - 1])
        // Fewer than `size` members left: the last chunk, open-ended.
        return MemberChunk(after: after, through: through)
    }

    /// The next chunk of at most `size` jobseekers after the key `after`, in key order (an opening
    /// reads the jobseekers table by ranges of its primary key); the last one is open-ended.
    public func jobseekerChunk(after: String?, size: Int) throws -> MemberChunk {
        let through = try String.fetchOne(
            db, sql: "SELECT id FROM jobseekers WHERE id > ? ORDER BY id LIMIT 1 OFFSET ?",
            arguments: [after ?? "", max(size, 1) - 1])
        return MemberChunk(after: after, through: through)
    }

    /// The last member key a territory's unfinished closing recorded (nil: none yet, or done).
    public func closedThrough(_ period: Period, _ territory: Territory) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT closed_through FROM period_territories WHERE period = ? AND territory = ?",
            arguments: [period.description, territory.key])
    }

    /// Records that the closing of some territories has recorded every member up to `key`: the
    /// next chunk starts after it, in this tick or, after a crash, in the next one.
    public func recordClosedThrough(_ period: Period, _ territories: [Territory], key: String) throws {
        try db.execute(
            sql: """
                UPDATE period_territories SET closed_through = ?
                WHERE period = ? AND territory IN (SELECT value FROM json_each(?))
                """, arguments: [key, period.description, territories.jsonKeys])
    }

    /// Records some territories closed, once their last chunk is.
    public func finishClosing(_ period: Period, _ territories: [Territory], now: Instant) throws {
        try db.execute(
            sql: """
                UPDATE period_territories SET closed_at = ?, closed_through = NULL
                WHERE period = ? AND territory IN (SELECT value FROM json_each(?))
                """, arguments: [now.seconds, period.description, territories.jsonKeys])
    }
}
