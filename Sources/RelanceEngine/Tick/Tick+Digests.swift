import RelanceCore
import RelanceDelivery
import RelanceStore

extension Tick {
    /// Every business day at `advisors.digest_at` (Europe/Paris), each advisor with open cases and
    /// each agency with unassigned open cases receives one digest (SPEC section 5), and
    /// `alerts.email` the digest of the cases that reach neither (the unrouted queue). After an outage
    /// only today's digest is sent: yesterday's list is stale.
    mutating func sendDigests() throws {
        let configuration = relance.configuration
        let (today, time, _) = Zone.paris.local(now)
        guard HolidayCalendar(zone: .metropole).isBusinessDay(today), time >= configuration.digestAt else { return }
        guard templates.has(set: "digest", channel: .email), relance.transport.canSend(on: .email),
            !summary.channelsDown.contains(.email)
        else { return }
        let factory = relance.messageFactory
        let previousBusinessDay = Self.previousBusinessDay(before: today)
        var pending: [(DigestRecipient, Int, OutgoingMessage)] = []
        try transaction { session in
            let operations = configuration.alertsEmail.map { [DigestRecipient.unrouted(email: $0)] } ?? []
            for recipient in try session.digestRecipients() + operations
            where !(try session.digestSent(day: today, recipient: recipient.key)) {
                let cases = try session.cases(recipient.filter).filter { $0.state.isActive }
                guard !cases.isEmpty else { continue }
                let context = DigestContext.make(
                    recipient: recipient, cases: cases, today: today, newSince: previousBusinessDay)
                guard let content = templates.render(set: "digest", channel: .email, context: context) else { continue }
                pending.append(
                    (
                        recipient, cases.count,
                        factory.digest(
                            day: today, recipient: recipient.key, address: recipient.email, content: content, date: now)
                    ))
            }
        }
        guard !pending.isEmpty else { return }
        var sent = 0
        var down = Set(summary.channelsDown)
        func settleDigest(_ digest: (DigestRecipient, Int, OutgoingMessage), _ outcome: DeliveryOutcome) throws {
            let (recipient, count, _) = digest
            switch outcome {
            case .accepted:
                try transaction { try $0.recordDigest(day: today, recipient: recipient.key, cases: count, now: now) }
                sent += 1
            case .channelDown(let reason):
                if down.insert(.email).inserted {
                    relance.logger.error(
                        "delivery channel is down; digests stay queued",
                        metadata: ["channel": "email", "reason": "\(reason)"])
                }
            case .notSent:
                break
            case .transient(let reply, _), .permanent(let reply):
                relance.logger.warning(
                    "digest not delivered; retried at the next tick",
                    metadata: ["recipient": "\(recipient.key)", "reply": "\(reply)"])
            }
        }
        try relance.transport.deliver(pending.map(\.2)) { settled in
            for result in settled { try settleDigest(pending[result.index], result.outcome) }
        }
        summary.digestsSent += sent
        summary.channelsDown = down.sorted { $0.rawValue < $1.rawValue }
    }

    static func previousBusinessDay(before day: LocalDate) -> LocalDate {
        let holidays = HolidayCalendar(zone: .metropole)
        var candidate = day.adding(days: -1)
        while !holidays.isBusinessDay(candidate) { candidate = candidate.adding(days: -1) }
        return candidate
    }

    /// Applies `retention` (SPEC section 10): the database, then the spool files (a dry run
    /// only counts them).
    mutating func applyRetention() throws {
        var database = PurgeCounts()
        try transaction { session in
            database = try Retention.apply(relance.configuration.retention, session: session, now: now)
        }
        let spool = try Retention.purgeSpool(
            relance.configuration, now: now, dryRun: isDryRun, onlyWhenDue: true, transaction: transaction)
        purged = database != PurgeCounts()
        if purged || spool != SpoolRetention.Counts() {
            relance.logger.info(
                said("retention applied", dryRun: "retention would apply"),
                metadata: [
                    "addresses": "\(database.addresses)", "periods": "\(database.periods)",
                    "cases": "\(database.cases)", "audit_entries": "\(database.audit)",
                    "spool_files": "\(spool.files)", "spool_folders": "\(spool.folders)",
                ])
        }
    }
}
