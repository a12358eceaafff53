import GRDB
public import RelanceCore

/// A pending reminder with everything needed to re-check and attempt it.
public struct PendingReminder: Sendable {
    public var jobseekerID: String
    public var period: Period
    public var stepID: String
    public var dueAt: Instant
    public var expiresAt: Instant
    public var channelIndex: Int
    /// Attempts settled so far, on every channel (what `reminders list` shows).
    public var attempts: Int
    /// Attempts settled so far on the channel at `channelIndex` (SPEC section 3: retries and
    /// `max_attempts` are per channel); back to 0 when the reminder moves to another channel.
    public var channelAttempts: Int
    public var department: String
    public var status: JobseekerStatus
    public var firstName: String?
    public var lastName: String?
    public var email: String?
    public var phone: PhoneNumber?
    public var preferredChannels: [Channel]?
    public var journalRequired: Bool?
    public var isDeclared: Bool
    public var actsCount: Int
    public var outcome: String?
    /// The channel list the reminder started with when a degraded channel was moved last.
    public var channelOrder: [Channel]?
    /// Its latest channel, if any attempt was made.
    public var channel: Channel?

    /// Which reminder this is.
    public var key: ReminderKey { ReminderKey(jobseekerID: jobseekerID, period: period, step: stepID) }
}

extension StoreSession {
    /// Whether a step was planned for a territory, and at which members revision.
    public func planRevision(_ period: Period, step: String, _ territory: Territory) throws -> Int? {
        try Int.fetchOne(
            db, sql: "SELECT members_revision FROM step_plans WHERE period = ? AND step = ? AND territory = ?",
            arguments: [period.description, step, territory.key])
    }

    /// The members revision of a period (bumped when members are added).
    public func membersRevision(_ period: Period) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT members_revision FROM periods WHERE period = ?", arguments: [period.description]) ?? 0
    }

    /// Expires every pending reminder whose relevance ended.
    public func expireOverdue(now: Instant) throws -> Int {
        try db.execute(
            sql: """
                UPDATE reminders SET state = 'expired', updated_at = ?1
                WHERE state = 'pending' AND expires_at <= ?1
                """, arguments: [now.seconds])
        return db.changesCount
    }

    /// Pending reminders whose next attempt is due, oldest first. The order is exactly the one of
    /// `reminders_pending` (the primary key follows `next_attempt_at` in its entries), so a batch
    /// reads only its own rows: ordering by `step` right after `jobseeker_id` sorted every
    /// reminder due at the same instant for each batch.
    public func duePending(now: Instant, limit: Int) throws -> [PendingReminder] {
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: Self.pendingColumns + """
                    WHERE r.state = 'pending' AND r.next_attempt_at <= ?
                    ORDER BY r.next_attempt_at, r.jobseeker_id, r.period, r.step LIMIT ?
                    """), arguments: [now.seconds, limit])
        return rows.map(Self.pendingReminder)
    }

    /// One reminder, in whatever state, with the facts a decision needs; nil when unknown.
    public func reminder(_ key: ReminderKey) throws -> PendingReminder? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: Self.pendingColumns + "WHERE r.jobseeker_id = ? AND r.period = ? AND r.step = ?"),
            arguments: [key.jobseekerID, key.period.description, key.step]
        ).map(Self.pendingReminder)
    }

    /// The reminders and facts of a decision. A phone or address that failed for good (SPEC 13)
    /// reads as none while the jobseeker's record still holds it.
    private static let pendingColumns = """
        SELECT r.jobseeker_id, r.period, r.step, r.due_at, r.expires_at, r.channel_index, r.attempts,
            r.channel_attempts,
            j.department, j.status, j.first_name, j.last_name, NULLIF(j.email, j.invalid_email),
            NULLIF(j.phone, j.invalid_phone), j.channels,
            j.journal_required, d.declared_at IS NOT NULL AS declared, COALESCE(d.acts_count, 0) AS acts,
            m.outcome, r.channel_order, r.channel
        FROM reminders r
        JOIN jobseekers j ON j.id = r.jobseeker_id
        LEFT JOIN members m ON m.period = r.period AND m.jobseeker_id = r.jobseeker_id
        LEFT JOIN declarations d ON d.jobseeker_id = r.jobseeker_id AND d.period = r.period

        """

    /// By position, in the order of the SELECT: a lookup by name compares names per column and row.
    private static func pendingReminder(_ row: Row) -> PendingReminder {
        PendingReminder(
            jobseekerID: row[0], period: Period(row[1] as String)!, stepID: row[2],
            dueAt: Instant(seconds: row[3]), expiresAt: Instant(seconds: row[4]), channelIndex: row[5],
            attempts: row[6], channelAttempts: row[7], department: row[8],
            status: JobseekerStatus(rawValue: row[9]) ?? .left, firstName: row[10], lastName: row[11],
            email: row[12], phone: (row[13] as String?).map(PhoneNumber.init(e164:)),
            preferredChannels: (row[14] as String?).map(Channel.list),
            journalRequired: row[15], isDeclared: row[16], actsCount: row[17], outcome: row[18],
            channelOrder: (row[19] as String?).map(Channel.list),
            channel: (row[20] as String?).flatMap(Channel.init(rawValue:)))
    }

    /// Settles a reminder in a final state (`sent`, `skipped`, `expired`, `failed`).
    /// `attempts`, when given, replaces the attempt count; `delivery`, when given, replaces the
    /// verdict (SPEC 13: `unconfirmed` or `not_tracked` when sent).
    public func settleReminder(
        _ reminder: PendingReminder, state: ReminderState, channel: Channel?, error: String?, attempts: Int? = nil,
        delivery: ReminderDelivery? = nil, now: Instant
    ) throws {
        try db.cachedStatement(
            sql: """
                UPDATE reminders SET state = ?1, channel = COALESCE(?2, channel),
                    sent_at = CASE WHEN ?1 = 'sent' THEN ?3 END, last_error = COALESCE(?4, last_error), updated_at = ?3,
                    attempts = COALESCE(?8, attempts), delivery = COALESCE(?9, delivery)
                WHERE jobseeker_id = ?5 AND period = ?6 AND step = ?7
                """
        ).execute(arguments: [
            state.rawValue, channel?.rawValue, now.seconds, error, reminder.jobseekerID, reminder.period.description,
            reminder.stepID, attempts, delivery?.rawValue,
        ])
    }

    /// Keeps a reminder pending until `next`, on channel `channelIndex` after `attempts` attempts
    /// in all, `channelAttempts` of them on that channel.
    public func reschedule(
        _ reminder: PendingReminder, next: Instant, channelIndex: Int, attempts: Int, channelAttempts: Int,
        error: String?, now: Instant
    ) throws {
        try db.cachedStatement(
            sql: """
                UPDATE reminders SET next_attempt_at = ?, channel_index = ?, attempts = ?, channel_attempts = ?,
                    last_error = COALESCE(?, last_error), updated_at = ?
                WHERE jobseeker_id = ? AND period = ? AND step = ?
                """
        ).execute(arguments: [
            next.seconds, channelIndex, attempts, channelAttempts, error, now.seconds, reminder.jobseekerID,
            reminder.period.description, reminder.stepID,
        ])
    }

    /// Records an attempt about to leave (`in_flight`) as its reminder's latest channel, and leases
    /// the reminder until `leasedUntil` so that the batches that follow do not pick it again while
    /// it is on the wire. Settle it
    /// with ``settleAttempt(_:outcome:reply:finishedAt:)``. Returns the attempt's id.
    /// `order`, when given, is the channel list the reminder keeps from now on (a degraded channel
    /// moved last).
    public func recordAttemptInFlight(
        _ reminder: PendingReminder, channel: Channel, recipient: String?, startedAt: Instant, leasedUntil: Instant,
        order: [Channel]? = nil
    ) throws -> Int64 {
        try db.cachedStatement(
            sql: """
                INSERT INTO attempts (jobseeker_id, period, step, channel, recipient, started_at, outcome)
                VALUES (?, ?, ?, ?, ?, ?, 'in_flight')
                """
        ).execute(arguments: [
            reminder.jobseekerID, reminder.period.description, reminder.stepID, channel.rawValue, recipient,
            startedAt.seconds,
        ])
        let id = db.lastInsertedRowID
        try db.cachedStatement(
            sql: """
                UPDATE reminders SET next_attempt_at = ?, channel = ?, channel_order = COALESCE(?, channel_order)
                WHERE jobseeker_id = ? AND period = ? AND step = ?
                """
        ).execute(arguments: [
            leasedUntil.seconds, channel.rawValue, order.map(Channel.joined), reminder.jobseekerID,
            reminder.period.description, reminder.stepID,
        ])
        return id
    }
}

extension StoreSession {
    /// Settles an attempt recorded in flight.
    public func settleAttempt(_ id: Int64, outcome: String, reply: String?, finishedAt: Instant) throws {
        try db.cachedStatement(sql: "UPDATE attempts SET outcome = ?, reply = ?, finished_at = ? WHERE id = ?")
            .execute(arguments: [outcome, reply, finishedAt.seconds, id])
    }

    /// Settles as accepted the attempts still in flight whose acceptance a killed process had
    /// noted in its log (each reminder with the server's reply), and their reminders as sent;
    /// entries already settled change nothing. Returns the reminders settled.
    public func settleLoggedAcceptances(_ entries: [(key: ReminderKey, reply: String)], now: Instant) throws -> Int {
        var settled = 0
        for (key, reply) in entries {
            let names = [key.jobseekerID, key.period.description, key.step]
            try db.cachedStatement(
                sql: """
                    UPDATE attempts SET outcome = 'accepted', reply = ?, finished_at = ?
                    WHERE jobseeker_id = ? AND period = ? AND step = ? AND outcome = 'in_flight'
                    """
            ).execute(arguments: StatementArguments([reply, now.seconds] + names))
            guard db.changesCount > 0 else { continue }
            try db.cachedStatement(
                sql: """
                    UPDATE reminders SET state = 'sent', sent_at = ?1, updated_at = ?1, attempts = attempts + 1
                    WHERE jobseeker_id = ?2 AND period = ?3 AND step = ?4 AND state = 'pending'
                    """
            ).execute(arguments: StatementArguments([now.seconds] + names))
            settled += db.changesCount
        }
        return settled
    }

    /// Marks the attempts left in flight by a process that died as `interrupted`, and ends the
    /// lease of their reminders (still pending), so the next attempt sends them again: at most a
    /// duplicate of what was on the wire. Only call this holding the tick lock.
    ///
    /// - Returns: how many attempts were interrupted.

    public func interruptAttemptsInFlight(now: Instant) throws -> Int {
        try db.execute(
            sql: """
                UPDATE reminders SET next_attempt_at = a.started_at
                FROM (SELECT jobseeker_id, period, step, MIN(started_at) AS started_at FROM attempts
                      WHERE outcome = 'in_flight' GROUP BY jobseeker_id, period, step) AS a
                WHERE reminders.state = 'pending' AND reminders.jobseeker_id = a.jobseeker_id
                    AND reminders.period = a.period AND reminders.step = a.step
                """)
        try db.execute(
            sql: "UPDATE attempts SET outcome = 'interrupted', finished_at = ? WHERE outcome = 'in_flight'",
            arguments: [now.seconds])
        return db.changesCount
    }

    /// The number of pending reminders of a period.
    public func pendingCount(_ period: Period) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM reminders WHERE period = ? AND state = 'pending'",
            arguments: [period.description]) ?? 0
    }
}
