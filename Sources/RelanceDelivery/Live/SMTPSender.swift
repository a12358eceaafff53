import Foundation
import RelanceConfig
import RelanceCore

/// Sends emails over SMTP, one recipient per message, over a session kept open from message to
/// message. libcurl opens the session (connection, STARTTLS required unless `tls: none`, which
/// is loopback only; `smtps://` as is; login); relance sends the mail transactions itself.
/// (libcurl's own SMTP transfer waits for every reply: four round trips per message.)
///
/// When the server offers PIPELINING (RFC 2920), `MAIL`, `RCPT` and `DATA` go out together, and
/// the envelope of the message announced as coming next travels with the data of the current
/// one: one round trip per message. The end of the data, after which the server may accept a
/// message, is still sent only once `beforeFinishing` has returned.
final class SMTPSender: MessageSender {
    /// How a mail transaction ended.
    private enum Transaction {
        case ended(DeliveryOutcome)
        /// The session broke, or the server answered 421, before any reply about this message.
        case unanswered(reason: String)
    }

    private let settings: EmailSettings
    private let password: String?
    private let envelopeSender: String
    private var session: SMTPConnection?
    /// The key of the message whose envelope is on the wire ahead of it, its replies unread.
    private var announced: String?

    /// Opens nothing yet: the session is opened by the first message.
    init(settings: EmailSettings, password: String?) {
        self.settings = settings
        self.password = password
        envelopeSender = Self.address(in: settings.from)
    }

    func send(
        _ message: OutgoingMessage, announcing upcoming: OutgoingMessage?, beforeFinishing: @escaping () -> Void
    ) -> DeliveryOutcome {
        guard let recipient = message.recipient else { return .permanent(reply: "no recipient address") }
        let data = SMTPData.encoded(message.body)
        if announced != nil && announced != message.key {
            // Another message was announced: its replies would be read as this one's.
            session?.abandon()
            closeSession()
        }
        let reused = session != nil
        let transaction = {
            self.transact(message.key, to: recipient, from: message.returnPath, data: data, upcoming, beforeFinishing)
        }
        switch transaction() {
        case .ended(let outcome):
            return outcome
        case .unanswered(let reason) where reused:
            // Most often the server closed the idle connection (or answered 421 and hung up): once
            // more on a new session.
            guard case .ended(let outcome) = transaction() else { return .transient(reply: reason, retryAfter: nil) }
            return outcome
        case .unanswered(let reason):
            return .transient(reply: reason, retryAfter: nil)
        }
    }

    /// Opens a session (with STARTTLS and login as configured) and sends `NOOP`; nil when the
    /// server accepted it, else why not. Used by `relance doctor`; sends no message.
    func probe() -> String? {
        do {
            let session = try SMTPConnection(settings: settings, password: password)
            let deadline = MonotonicClock.seconds + Double(settings.limits.timeout)
            try session.send(Array("NOOP\r\n".utf8), until: deadline)
            let reply = try session.reply(until: deadline)
            return reply.isCompletion ? nil : reply.description
        } catch let failure as SMTPConnection.Failure {
            return failure.outcome.reply
        } catch let broken as SMTPConnection.Broken {
            return broken.message
        } catch {
            return "\(error)"
        }
    }

    /// One message's mail transaction, on the open session or a new one.
    private func transact(
        _ key: String, to recipient: String, from returnPath: String?, data: [UInt8], _ upcoming: OutgoingMessage?,
        _ beforeFinishing: () -> Void
    ) -> Transaction {
        let session: SMTPConnection
        if let open = self.session {
            session = open
        } else {
            do {
                session = try SMTPConnection(settings: settings, password: password)
            } catch {
                return .ended(error.outcome)
            }
            self.session = session
        }
        let repliesBefore = session.replyCount
        do {
            let deadline = MonotonicClock.seconds + Double(settings.limits.timeout)
            return .ended(
                try mailTransaction(
                    key, on: session, to: recipient, from: returnPath, data: data, upcoming: upcoming,
                    deadline: deadline,
                    beforeFinishing: beforeFinishing))
        } catch {
            session.abandon()
            closeSession()
            switch error {
            case .stream where session.replyCount == repliesBefore, .closing:
                // 421 at any step: the message was not accepted.
                return .unanswered(reason: error.message)
            default:
                return .ended(.transient(reply: error.message, retryAfter: nil))
            }
        }
    }

    /// `MAIL`, `RCPT`, `DATA` (unless announced with the previous message), then the message once
    /// the server is ready for it.
    private func mailTransaction(
        _ key: String, on session: SMTPConnection, to recipient: String, from returnPath: String?, data: [UInt8],
        upcoming: OutgoingMessage?, deadline: Double, beforeFinishing: () -> Void
    ) throws(SMTPConnection.Broken) -> DeliveryOutcome {
        guard let commands = envelope(to: recipient, from: returnPath, on: session) else {
            return .permanent(reply: "the server does not accept internationalised addresses (no SMTPUTF8)")
        }
        var refusal: SMTPReply?
        if session.pipelining {
            if announced != key { try session.send(Array(commands.joined().utf8), until: deadline) }
            announced = nil
            var replies: [SMTPReply] = []
            for _ in commands { replies.append(try session.reply(until: deadline)) }
            refusal = replies.dropLast().first { !$0.isCompletion }
            if refusal != nil && replies.last?.code == 354 {
                // DATA was taken although the envelope was refused: end it with no content.
                try session.send(Array(".\r\n".utf8), until: deadline)
                _ = try session.reply(until: deadline)
            }
            refusal = refusal ?? replies.last.flatMap { $0.code == 354 ? nil : $0 }
        } else {
            for command in commands where refusal == nil {
                try session.send(Array(command.utf8), until: deadline)
                let reply = try session.reply(until: deadline)
                if command.hasPrefix("DATA") ? reply.code != 354 : !reply.isCompletion { refusal = reply }
            }
        }
        if let refusal {
            if !session.reset(until: deadline) {
                session.abandon()
                closeSession()
            }
            // A 2xx where 354 was due is no acceptance.
            return refusal.isCompletion
                ? .transient(reply: "unexpected reply to DATA: \(refusal.description)", retryAfter: nil)
                : OutcomeClassifier.smtp(refusal)
        }
        beforeFinishing()
        var bytes = data
        if session.pipelining, let upcoming,
            let next = upcoming.recipient.flatMap({ envelope(to: $0, from: upcoming.returnPath, on: session) })
        {
            bytes += Array(next.joined().utf8)
            announced = upcoming.key
        }
        try session.send(bytes, until: deadline)
        return OutcomeClassifier.smtp(try session.reply(until: deadline))
    }

    /// The envelope commands for a recipient, CRLF included; nil when the address needs SMTPUTF8
    /// and the server does not offer it. The envelope sender is the message's return path, else
    /// the address of `from`.
    private func envelope(to recipient: String, from returnPath: String?, on session: SMTPConnection) -> [String]? {
        let sender = returnPath ?? envelopeSender
        let internationalised = !(recipient + sender).utf8.allSatisfy { $0 < 0x80 }
        if internationalised && !session.internationalised { return nil }
        return [
            "MAIL FROM:<\(sender)>" + (internationalised ? " SMTPUTF8" : "") + "\r\n",
            "RCPT TO:<\(recipient)>\r\n", "DATA\r\n",
        ]
    }

    /// Forgets the session (closed when released) and any envelope announced on it.
    private func closeSession() {
        session = nil
        announced = nil
    }

    /// The address of a `From` value: `Name <address>` or a bare address.
    static func address(in from: String) -> String {
        guard let open = from.lastIndex(of: "<"), let close = from.lastIndex(of: ">"), open < close else {
            return from.trimmingCharacters(in: .whitespaces)
        }
        return String(from[from.index(after: open)..<close])
    }
}
