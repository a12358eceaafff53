public import RelanceCore

/// The identity of one reminder, as the wire formats need it.
public struct ReminderIdentity: Sendable {
    public var jobseekerID: String
    public var period: String
    public var step: String
    /// The closing instant, ISO 8601 with the jobseeker's offset (webhook body).
    public var closing: String

    public init(jobseekerID: String, period: String, step: String, closing: String) {
        self.jobseekerID = jobseekerID
        self.period = period
        self.step = step
        self.closing = closing
    }

    /// `JOBSEEKER/PERIOD/STEP`.
    public var key: String { "\(jobseekerID)/\(period)/\(step)" }
}

/// Builds the exact bytes of every message relance sends (SPEC section 9).
public struct MessageFactory: Sendable {
    /// The sender of emails.
    public var emailSender: EmailSender
    /// The SMS sender name.
    public var smsSender: String

    public init(emailFrom: String, smsSender: String) {
        emailSender = EmailSender(from: emailFrom)
        self.smsSender = smsSender
    }

    /// A reminder on one channel; `recipient` is the address or E.164 number (nil for webhooks).
    public func reminder(
        _ identity: ReminderIdentity, channel: Channel, recipient: String?, content: RenderedContent, date: Instant
    ) -> OutgoingMessage {
        let name = "\(identity.period)/\(identity.jobseekerID)-\(identity.step)"
        switch channel {
        case .email:
            let email = EmailMessage(
                sender: emailSender, to: recipient ?? "", subject: content.subject ?? "", key: identity.key,
                text: content.text, html: content.html)
            return OutgoingMessage(
                channel: .email, key: identity.key, recipient: recipient, body: email.rendered(date: date),
                spoolPath: "email/\(name).eml")
        case .sms:
            let body = JSON.object([
                ("to", .optional(recipient)), ("from", .string(smsSender)), ("text", .string(content.text)),
                ("reference", .string(identity.key)),
            ])
            return OutgoingMessage(
                channel: .sms, key: identity.key, recipient: recipient, body: Array(body.serialized.utf8),
                spoolPath: "sms/\(name).json")
        case .webhook:
            let body = JSON.object([
                ("type", .string("reminder")), ("key", .string(identity.key)),
                ("jobseeker_id", .string(identity.jobseekerID)), ("period", .string(identity.period)),
                ("step", .string(identity.step)), ("closing", .string(identity.closing)),
                ("text", .string(content.text)),
            ])
            return OutgoingMessage(
                channel: .webhook, key: identity.key, recipient: nil, body: Array(body.serialized.utf8),
                spoolPath: "webhook/\(name).json")
        }
    }

    /// An advisor digest for a day and recipient (`advisor id` or `agency-CODE`).
    public func digest(day: LocalDate, recipient: String, address: String, content: RenderedContent, date: Instant)
        -> OutgoingMessage
    {
        let key = "digest/\(day)/\(recipient)"
        let email = EmailMessage(
            sender: emailSender, to: address, subject: content.subject ?? "", key: key, text: content.text,
            html: content.html)
        return OutgoingMessage(
            channel: .email, key: key, recipient: address, body: email.rendered(date: date),
            spoolPath: "email/digest/\(day)/\(recipient).eml")
    }
}
