public import RelanceCore

/// The identity of one reminder, as the wire formats need it.
public struct ReminderIdentity: Sendable {
    public var key: ReminderKey
    /// The closing instant, ISO 8601 with the jobseeker's offset (webhook body).
    public var closing: String

    public init(key: ReminderKey, closing: String) {
        self.key = key
        self.closing = closing
    }
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
    /// `content` renders its templates when the message's bytes are built.
    public func reminder(
        _ identity: ReminderIdentity, channel: Channel, recipient: String?,
        content: @escaping @Sendable () -> RenderedContent, date: Instant
    ) -> OutgoingMessage {
        let reminder = identity.key
        let key = reminder.description
        let name = "\(reminder.period)/\(reminder.jobseekerID)-\(reminder.step)"
        let smsSender = smsSender
        let emailSender = emailSender
        switch channel {
        case .email:
            return OutgoingMessage(
                channel: .email, key: key, recipient: recipient, spoolPath: "email/\(name).eml"
            ) {
                let content = content()
                return EmailMessage(
                    sender: emailSender, to: recipient ?? "", subject: content.subject ?? "", key: key,
                    text: content.text, html: content.html
                ).rendered(date: date)
            }
        case .sms:
            return OutgoingMessage(
                channel: .sms, key: key, recipient: recipient, spoolPath: "sms/\(name).json"
            ) {
                Array(
                    JSON.object([
                        ("to", .optional(recipient)), ("from", .string(smsSender)), ("text", .string(content().text)),
                        ("reference", .string(key)),
                    ]).serialized.utf8)
            }
        case .webhook:
            return OutgoingMessage(
                channel: .webhook, key: key, recipient: nil, spoolPath: "webhook/\(name).json"
            ) {
                Array(
                    JSON.object([
                        ("type", .string("reminder")), ("key", .string(key)),
                        ("jobseeker_id", .string(reminder.jobseekerID)),
                        ("period", .string(reminder.period.description)),
                        ("step", .string(reminder.step)), ("closing", .string(identity.closing)),
                        ("text", .string(content().text)),
                    ]).serialized.utf8)
            }
        }
    }

    /// An advisor digest for a day and recipient (`advisor id` or `agency-CODE`).
    /// A plain-text email to operations (`alerts.email`), keyed `alert/NAME`.
    public func alert(name: String, address: String, subject: String, text: String, date: Instant) -> OutgoingMessage {
        let key = "alert/\(name)"
        let email = EmailMessage(sender: emailSender, to: address, subject: subject, key: key, text: text, html: nil)
        return OutgoingMessage(channel: .email, key: key, recipient: address, spoolPath: "email/alerts/\(name).eml") {
            email.rendered(date: date)
        }
    }

    public func digest(day: LocalDate, recipient: String, address: String, content: RenderedContent, date: Instant)
        -> OutgoingMessage
    {
        let key = "digest/\(day)/\(recipient)"
        let email = EmailMessage(
            sender: emailSender, to: address, subject: content.subject ?? "", key: key, text: content.text,
            html: content.html)
        return OutgoingMessage(
            channel: .email, key: key, recipient: address, spoolPath: "email/digest/\(day)/\(recipient).eml"
        ) { email.rendered(date: date) }
    }
}

extension MessageFactory {
    /// A desk sign-in link (SPEC 14), to `address`; `reference` tells one link's spool file and
    /// key from another's and must not be the link's secret.
    public func deskSignIn(
        advisor: String, reference: String, address: String, subject: String, text: String, date: Instant
    ) -> OutgoingMessage {
        let key = "desk/sign-in/\(advisor)/\(reference)"
        let email = EmailMessage(sender: emailSender, to: address, subject: subject, key: key, text: text, html: nil)
        let day = Zone.paris.date(of: date)
        return OutgoingMessage(
            channel: .email, key: key, recipient: address, spoolPath: "email/desk/\(day)/\(advisor)-\(reference).eml"
        ) { email.rendered(date: date) }
    }
}
