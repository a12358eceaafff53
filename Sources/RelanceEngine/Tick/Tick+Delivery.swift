import RelanceConfig
import RelanceCore
import RelanceDelivery
import RelanceStore

extension Tick {
    /// How many reminders are decided, sent and recorded together.
    static let batchSize = 500

    /// Attempts every reminder whose next attempt is due, batch by batch: eligibility is re-checked
    /// just before each attempt, then the outcomes are recorded in one transaction per batch.
    mutating func deliverDueReminders() throws {
        var counts = summary
        try transaction { counts.expired += try $0.expireOverdue(now: now) }
        let configuration = relance.configuration
        let templates = try TemplateLibrary(directory: configuration.delivery.templatesDirectory)
        let factory = relance.messageFactory
        let steps = Dictionary(uniqueKeysWithValues: configuration.steps.map { ($0.id, $0) })
        var down = Set(counts.channelsDown)
        while true {
            var batch: [PendingReminder] = []
            try transaction { batch = try $0.duePending(now: now, limit: Self.batchSize) }
            if batch.isEmpty { break }
            var decisions: [ReminderDecision] = []
            var messages: [OutgoingMessage] = []
            for reminder in batch {
                var decision = ReminderDecision.decide(
                    reminder, step: steps[reminder.stepID], configuration: configuration, now: now,
                    isUsable: { templates.has(set: reminder.stepID, channel: $0) })
                if case .attempt(let channel, _) = decision {
                    if down.contains(channel) {
                        decision = .wait(until: now.adding(seconds: 1))
                    } else {
                        let content = templates.render(
                            set: reminder.stepID, channel: channel,
                            context: TemplateVariables.reminder(reminder, calendar: configuration.cycle, now: now))!
                        messages.append(factory.reminder(
                            identity(of: reminder), channel: channel,
                            recipient: ReminderDecision.recipient(reminder, for: channel), content: content, date: now))
                    }
                }
                decisions.append(decision)
            }
            var outcomes = try relance.transport.deliver(messages)[...]
            try transaction { session in
                for (reminder, decision) in zip(batch, decisions) {
                    let outcome: DeliveryOutcome? = if case .attempt = decision { outcomes.popFirst() } else { nil }
                    try record(decision, outcome: outcome, for: reminder, in: session, counts: &counts, down: &down)
                }
            }
        }
        summary = counts
        summary.channelsDown = down.sorted { $0.rawValue < $1.rawValue }
    }

    private func identity(of reminder: PendingReminder) -> ReminderIdentity {
        let territory = Territory(department: reminder.department) ?? Territory(holidayZone: .metropole)
        return ReminderIdentity(
            jobseekerID: reminder.jobseekerID, period: reminder.period.description, step: reminder.stepID,
            closing: territory.zone.format(calendar.closing(of: reminder.period, in: territory)))
    }

    private func record(
        _ decision: ReminderDecision, outcome: DeliveryOutcome?, for reminder: PendingReminder, in session: StoreSession,
        counts: inout TickSummary, down: inout Set<Channel>
    ) throws {
        switch decision {
        case .skip(let reason):
            try session.settleReminder(reminder, state: "skipped", channel: nil, error: reason, now: now)
            counts.skipped += 1
        case .expire(let reason):
            try session.settleReminder(reminder, state: "expired", channel: nil, error: reason, now: now)
            counts.expired += 1
        case .wait(let until):
            try session.reschedule(
                reminder, next: until, channelIndex: reminder.channelIndex, attempts: reminder.attempts, error: nil,
                now: now)
        case .fail(let reason):
            try session.settleReminder(reminder, state: "failed", channel: nil, error: reason, now: now)
            try session.markUnreachable(jobseeker: reminder.jobseekerID, period: reminder.period)
            counts.failed += 1
            relance.logger.warning(
                "reminder failed: jobseeker unreachable", metadata: ["key": "\(reminder.key)", "reason": "\(reason)"])
        case .attempt(let channel, let index):
            guard let outcome else { return }
            try recordAttempt(
                outcome, channel: channel, index: index, for: reminder, in: session, counts: &counts, down: &down)
        }
    }

    private func recordAttempt(
        _ outcome: DeliveryOutcome, channel: Channel, index: Int, for reminder: PendingReminder,
        in session: StoreSession, counts: inout TickSummary, down: inout Set<Channel>
    ) throws {
        let recipient = ReminderDecision.recipient(reminder, for: channel)
        let attempts = reminder.attempts + 1
        func attempt(_ name: String, _ reply: String) throws {
            try session.recordAttempt(
                reminder, channel: channel, recipient: recipient, outcome: name, reply: reply, startedAt: now,
                finishedAt: now)
        }
        switch outcome {
        case .accepted(let reply):
            try attempt("accepted", reply)
            try session.settleReminder(
                reminder, state: "sent", channel: channel, error: nil, attempts: attempts, now: now)
            counts.sent += 1
        case .transient(let reply, let retryAfter):
            try attempt("transient", reply)
            let retry = relance.configuration.delivery.retry
            if attempts >= retry.maxAttempts {
                try session.reschedule(reminder, next: now, channelIndex: index + 1, attempts: attempts, error: reply, now: now)
            } else {
                let delay = max(retry.delay(afterAttempt: attempts, unit: Double.random(in: 0..<1)), retryAfter ?? 0)
                try session.reschedule(
                    reminder, next: now.adding(seconds: delay), channelIndex: index, attempts: attempts, error: reply,
                    now: now)
                counts.retrying += 1
            }
        case .permanent(let reply):
            try attempt("permanent", reply)
            try session.reschedule(reminder, next: now, channelIndex: index + 1, attempts: attempts, error: reply, now: now)
        case .channelDown(let reason):
            try attempt("channel_down", reason)
            if down.insert(channel).inserted {
                relance.logger.error("delivery channel is down", metadata: ["channel": "\(channel)", "reason": "\(reason)"])
            }
            try session.reschedule(
                reminder, next: now.adding(seconds: 1), channelIndex: index, attempts: reminder.attempts, error: reason,
                now: now)
        }
    }
}
