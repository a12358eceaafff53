import RelanceConfig
import RelanceCore
import RelanceDelivery
import RelanceStore

extension Tick {
    /// Attempts every reminder whose next attempt is due, batch by batch. Eligibility is
    /// re-checked just before each attempt; each attempt is recorded in flight before it leaves
    /// (its reminder leased, so the next batch does not pick it again) and settled as soon as its
    /// outcome is known, so a process killed mid-delivery resends only what was on the wire.
    /// A pass ends when nothing is due; reminders that fell back to another channel during it
    /// are due again at once, so passes repeat until one sends nothing.
    mutating func deliverDueReminders() throws {
        var counts = summary
        try transaction { counts.expired += try $0.expireOverdue(now: now) }
        let configuration = relance.configuration
        let context = DeliveryContext(
            renderer: ReminderRenderer(
                templates: templates, factory: relance.messageFactory, calendar: configuration.cycle, now: now,
                returnPath: try relance.returnPath()),
            steps: Dictionary(uniqueKeysWithValues: configuration.steps.map { ($0.id, $0) }),
            degraded: Set(summary.channelsDegraded))
        var down = Set(counts.channelsDown)
        var pass = DeliveryPass()
        repeat {
            pass = DeliveryPass()
            try relance.transport.deliver(
                next: { try nextMessages(context, limit: $0, pass: &pass, counts: &counts, down: down) },
                settle: { settled in
                    try transaction { session in
                        for result in settled {
                            let attempt = pass.inFlight.removeValue(forKey: result.index)!
                            try settle(attempt, outcome: result.outcome, in: session, counts: &counts, down: &down)
                        }
                    }
                })
        } while pass.supplied > 0
        summary = counts
        summary.channelsDown = down.sorted { $0.rawValue < $1.rawValue }
    }

    /// The messages of the next batch of at most `limit` due reminders that has any (none when
    /// nothing is due): each decided, and either recorded in flight or recorded as what happens
    /// instead, in the transaction that read it.
    private func nextMessages(
        _ context: DeliveryContext, limit: Int, pass: inout DeliveryPass, counts: inout TickSummary,
        down: Set<Channel>
    ) throws -> [OutgoingMessage] {
        let configuration = relance.configuration
        let templates = context.renderer.templates
        while !stop.isRequested {
            var nothingDue = false
            var messages: [OutgoingMessage] = []
            try transaction { session in
                let batch = try session.duePending(now: now, limit: limit)
                nothingDue = batch.isEmpty
                for reminder in batch {
                    let step = context.steps[reminder.stepID]
                    let decision = ReminderDecision.decide(
                        reminder, step: step, configuration: configuration, now: now, degraded: context.degraded,
                        isUsable: {
                            templates.has(set: reminder.stepID, channel: $0) && relance.transport.canSend(on: $0)
                        })
                    guard case .attempt(let channel, let index) = decision, !down.contains(channel) else {
                        let waiting: ReminderDecision = .wait(until: now.adding(seconds: 1))
                        try record(decision.isAttempt ? waiting : decision, for: reminder, in: session, counts: &counts)
                        continue
                    }
                    let message = context.renderer.message(for: reminder, on: channel)
                    let order = step.flatMap {
                        let channels = ReminderDecision.channels(of: reminder, step: $0, degraded: context.degraded)
                        return channels.reordered ? channels.list : nil
                    }
                    let id = try session.recordAttemptInFlight(
                        reminder, channel: channel, recipient: message.recipient, startedAt: now,
                        leasedUntil: now.adding(seconds: 1), order: order)
                    pass.inFlight[pass.supplied + messages.count] = PlannedAttempt(
                        reminder: reminder, index: index, message: message, id: id)
                    messages.append(message)
                }
            }
            if nothingDue { return [] }
            pass.supplied += messages.count
            if !messages.isEmpty { return messages }
        }
        return []
    }

    /// Records a decision that sends nothing.
    private func record(
        _ decision: ReminderDecision, for reminder: PendingReminder, in session: StoreSession, counts: inout TickSummary
    ) throws {
        switch decision {
        case .skip(let reason):
            try session.settleReminder(reminder, state: .skipped, channel: nil, error: reason, now: now)
            counts.skipped += 1
        case .expire(let reason):
            try session.settleReminder(reminder, state: .expired, channel: nil, error: reason, now: now)
            counts.expired += 1
        case .wait(let until):
            try session.reschedule(
                reminder, next: until, channelIndex: reminder.channelIndex, attempts: reminder.attempts,
                channelAttempts: reminder.channelAttempts, error: nil, now: now)
        case .fail(let reason):
            try session.settleReminder(reminder, state: .failed, channel: nil, error: reason, now: now)
            try session.markUnreachable(jobseeker: reminder.jobseekerID, period: reminder.period)
            counts.failed += 1
            relance.logger.warning(
                said("reminder failed: jobseeker unreachable", dryRun: "reminder would fail: jobseeker unreachable"),
                metadata: ["key": "\(reminder.key)", "reason": "\(reason)"])
        case .attempt:
            preconditionFailure("attempts are recorded in flight, then settled")
        }
    }

    /// Settles an attempt with its outcome (SPEC section 3: retry, fallback, channel down).
    /// `max_attempts` and the backoff count the attempts on the attempt's channel only; the
    /// reminder's `attempts` stays the total over all its channels.
    private func settle(
        _ attempt: PlannedAttempt, outcome: DeliveryOutcome, in session: StoreSession, counts: inout TickSummary,
        down: inout Set<Channel>
    ) throws {
        let reminder = attempt.reminder
        let channel = attempt.message.channel
        let attempts = reminder.attempts + 1
        // None were made on this channel yet when the decision moved past unusable channels.
        let earlierOnChannel = attempt.index == reminder.channelIndex ? reminder.channelAttempts : 0
        let channelAttempts = earlierOnChannel + 1
        try session.settleAttempt(
            attempt.id, outcome: outcome.name, reply: outcome.reply, finishedAt: relance.clock.now)
        switch outcome {
        case .accepted:
            let timeout = relance.receiptTimeout(for: channel)
            try session.settleReminder(
                reminder, state: .sent, channel: channel, error: nil, attempts: attempts,
                delivery: timeout == nil ? .notTracked : .unconfirmed, now: now)
            if let timeout {
                try session.trackDelivery(
                    reminder, channel: channel, acceptedAt: now, deadline: now.adding(seconds: timeout))
            }
            counts.sent += 1
        case .transient(let reply, let retryAfter):
            let retry = relance.configuration.delivery.retry
            if channelAttempts >= retry.maxAttempts {
                // Retries exhausted on this channel: fall back like a permanent failure.
                try session.reschedule(
                    reminder, next: now, channelIndex: attempt.index + 1, attempts: attempts, channelAttempts: 0,
                    error: reply, now: now)
            } else {
                let delay = max(
                    retry.delay(afterAttempt: channelAttempts, unit: Double.random(in: 0..<1)), retryAfter ?? 0)
                try session.reschedule(
                    reminder, next: now.adding(seconds: delay), channelIndex: attempt.index, attempts: attempts,
                    channelAttempts: channelAttempts, error: reply, now: now)
                counts.retrying += 1
            }
        case .permanent(let reply):
            try session.reschedule(
                reminder, next: now, channelIndex: attempt.index + 1, attempts: attempts, channelAttempts: 0,
                error: reply, now: now)
        case .notSent(let reason):
            try session.reschedule(
                reminder, next: now, channelIndex: attempt.index, attempts: reminder.attempts,
                channelAttempts: earlierOnChannel, error: reason, now: now)
        case .channelDown(let reason):
            if down.insert(channel).inserted {
                relance.logger.error(
                    "delivery channel is down; its work stays queued",
                    metadata: ["channel": "\(channel)", "reason": "\(reason)"])
            }
            try session.reschedule(
                reminder, next: now.adding(seconds: 1), channelIndex: attempt.index, attempts: reminder.attempts,
                channelAttempts: earlierOnChannel, error: reason, now: now)
        }
    }
}

/// What every batch of a tick's delivery uses.
struct DeliveryContext {
    let renderer: ReminderRenderer
    let steps: [String: Step]
    /// Channels the alarm found degraded: tried last (SPEC 13).
    let degraded: Set<Channel>
}

/// One pass over the due reminders: the attempts on the wire, by position among the messages
/// handed to the transport.
struct DeliveryPass {
    var inFlight: [Int: PlannedAttempt] = [:]
    var supplied = 0
}

/// An attempt recorded in flight, waiting for its outcome.
struct PlannedAttempt {
    var reminder: PendingReminder
    /// The channel's index in the reminder's channel list.
    var index: Int
    var message: OutgoingMessage
    /// The attempt's row, to settle.
    var id: Int64
}

extension ReminderDecision {
    var isAttempt: Bool {
        if case .attempt = self { true } else { false }
    }
}
