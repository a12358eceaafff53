import GRDB
public import RelanceCore

/// What a purge removed.
public struct PurgeCounts: Sendable, Equatable {
    /// Attempts whose recipient address was erased.
    public var addresses = 0
    /// Periods whose outcomes, reminders and declarations were deleted.
    public var periods = 0
    /// Rows deleted for those periods.
    public var rows = 0
    /// Settled cases deleted.
    public var cases = 0
    /// Audit entries deleted.
    public var audit = 0

    public init() {}
}

extension StoreSession {
    /// Applies retention (SPEC section 10): addresses of messages older than `messageCutoff` are
    /// erased; periods before `oldestKept` and cases settled before `caseCutoff` are deleted.
    /// `secure_delete` is on, so erased content is overwritten in the file.
    public func purge(messageCutoff: Instant, oldestKept: Period, caseCutoff: Instant) throws -> PurgeCounts {
        var counts = PurgeCounts()
        // A server's reply may echo the address: only its status (before the first ':') is kept.
        try db.execute(
            sql: """
                UPDATE attempts SET recipient = NULL, reply = \(Self.replyStatus("reply"))
                WHERE recipient IS NOT NULL AND started_at < ?
                """,
            arguments: [messageCutoff.seconds])
        counts.addresses = db.changesCount
        try db.execute(
            sql:
                "UPDATE reminders SET last_error = \(Self.replyStatus("last_error")) WHERE updated_at < ? AND last_error LIKE '%:%'",
            arguments: [messageCutoff.seconds])
        // A receipt's error or diagnostic may quote the address.
        try db.execute(
            sql: "UPDATE receipts SET detail = NULL WHERE received_at < ? AND detail IS NOT NULL",
            arguments: [messageCutoff.seconds])
        let old = try String.fetchAll(
            db, sql: "SELECT period FROM periods WHERE period < ? AND state = 'finished'",
            arguments: [oldestKept.description])
        for period in old {
            for table in [
                "members", "reminders", "attempts", "declarations", "acts", "step_plans", "period_territories",
                "deliveries", "receipts",
            ] {
                try db.execute(sql: "DELETE FROM \(table) WHERE period = ?", arguments: [period])
                counts.rows += db.changesCount
            }
            try db.execute(sql: "UPDATE periods SET state = 'purged' WHERE period = ?", arguments: [period])
            counts.periods += 1
        }
        try db.execute(
            sql: """
                DELETE FROM case_reasons WHERE case_id IN (SELECT id FROM cases
                    WHERE state IN ('resolved', 'closed_no_contact') AND updated_at < ?)
                """, arguments: [caseCutoff.seconds])
        try db.execute(
            sql: "DELETE FROM cases WHERE state IN ('resolved', 'closed_no_contact') AND updated_at < ?",
            arguments: [caseCutoff.seconds])
        counts.cases = db.changesCount
        return counts
    }

    /// SQL keeping the part of a reply before its first ':' ("SMTP 550", "HTTP 400").
    private static func replyStatus(_ column: String) -> String {
        "substr(\(column), 1, instr(\(column) || ':', ':') - 1)"
    }
}
