import RelanceConfig
import RelanceCore
import RelanceDelivery
import RelanceStore

/// Builds the message of a reminder on a channel: templates rendered with its variables, then
/// the exact bytes of the email, SMS or webhook body, when the transport reads them.
struct ReminderRenderer: Sendable {
    let templates: TemplateLibrary
    let factory: MessageFactory
    let calendar: CycleCalendar
    let now: Instant
    /// The envelope sender of emails, when `delivery.email.return_path` is set.
    var returnPath: ReturnPath?

    func message(for reminder: PendingReminder, on channel: Channel) -> OutgoingMessage {
        let territory = Territory(department: reminder.department) ?? Territory(holidayZone: .metropole)
        let identity = ReminderIdentity(
            key: reminder.key, closing: territory.zone.format(calendar.closing(of: reminder.period, in: territory)))
        var message = factory.reminder(
            identity, channel: channel, recipient: ReminderDecision.recipient(reminder, for: channel),
            content: { [templates, calendar, now] in
                // Checked before the attempt was decided (`isUsable`), so the template exists.
                templates.render(
                    set: reminder.stepID, channel: channel,
                    values: TemplateVariables.reminder(reminder, calendar: calendar, now: now))!
            }, date: now)
        if channel == .email { message.returnPath = returnPath?.address(for: reminder.key) }
        return message
    }
}
