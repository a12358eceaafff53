import Foundation
import RelanceConfig
import RelanceCore
import RelanceDelivery
import RelanceStore

/// Builds the message of a reminder on a channel: templates rendered with its variables, then
/// the exact bytes of the email, SMS or webhook body. Pure, so batches render in parallel.
struct ReminderRenderer: Sendable {
    let templates: TemplateLibrary
    let factory: MessageFactory
    let calendar: CycleCalendar
    let now: Instant

    func message(for reminder: PendingReminder, on channel: Channel) -> OutgoingMessage {
        let content = templates.render(
            set: reminder.stepID, channel: channel,
            context: TemplateVariables.reminder(reminder, calendar: calendar, now: now))!
        let territory = Territory(department: reminder.department) ?? Territory(holidayZone: .metropole)
        let identity = ReminderIdentity(
            jobseekerID: reminder.jobseekerID, period: reminder.period.description, step: reminder.stepID,
            closing: territory.zone.format(calendar.closing(of: reminder.period, in: territory)))
        return factory.reminder(
            identity, channel: channel, recipient: ReminderDecision.recipient(reminder, for: channel),
            content: content, date: now)
    }

    /// The messages of many reminders, rendered on every core, in order.
    func messages(for work: [(reminder: PendingReminder, channel: Channel)]) -> [OutgoingMessage] {
        let chunkCount = min(work.count, ProcessInfo.processInfo.activeProcessorCount * 2)
        guard chunkCount > 1 else { return work.map { message(for: $0.reminder, on: $0.channel) } }
        let chunkSize = (work.count + chunkCount - 1) / chunkCount
        let parts = RenderedParts(count: chunkCount)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let range = chunk * chunkSize..<min(work.count, (chunk + 1) * chunkSize)
            parts.store(chunk, work[range].map { message(for: $0.reminder, on: $0.channel) })
        }
        return parts.joined
    }
}

/// The chunks of a parallel rendering, each stored once by the thread that rendered it.
private final class RenderedParts: @unchecked Sendable {
    // @unchecked: `parts` is only touched with `lock` held.
    private let lock = NSLock()
    private var parts: [[OutgoingMessage]]

    init(count: Int) { parts = Array(repeating: [], count: count) }

    func store(_ index: Int, _ messages: [OutgoingMessage]) {
        lock.withLock { parts[index] = messages }
    }

    var joined: [OutgoingMessage] { lock.withLock { parts.flatMap { $0 } } }
}
