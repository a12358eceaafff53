import Foundation
import RelanceConfig

/// Sends emails over SMTP, one recipient per message, over a session kept open from message to
/// message. libcurl opens the session (connection, STARTTLS required unless `tls: none`, which
/// is loopback only; `smtps://` as is; login); relance sends the mail transactions itself, so
/// that when the server offers PIPELINING, `MAIL`, `RCPT` and `DATA` go out together: one round
/// trip for the envelope instead of three. (libcurl's own SMTP transfer waits for every reply.)
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

    /// Opens nothing yet: the session is opened by the first message.
    init(settings: EmailSettings, password: String?) {
        self.settings = settings
        self.password = password
        envelopeSender = Self.address(in: settings.from)
    }

    func send(_ message: OutgoingMessage, beforeFinishing: @escaping () -> Void) -> DeliveryOutcome {
        guard let recipient = message.recipient else { return .permanent(reply: "no recipient address") }
        let data = SMTPData.encoded(message.body)
        let reused = session != nil
        switch transact(to: recipient, data: data, beforeFinishing: beforeFinishing) {
        case .ended(let outcome):
            return outcome
        case .unanswered(let reason) where reused:
            // Most often the server closed the idle connection (or answered 421 and hung up): once
            // more on a new session.
            guard case .ended(let outcome) = transact(to: recipient, data: data, beforeFinishing: beforeFinishing)
            else { return .transient(reply: reason, retryAfter: nil) }
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
    private func transact(to recipient: String, data: [UInt8], beforeFinishing: () -> Void) -> Transaction {
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
                    on: session, to: recipient, data: data, deadline: deadline, beforeFinishing: beforeFinishing))
        } catch {
            session.abandon()
            self.session = nil
            switch error {
            case .stream where session.replyCount == repliesBefore, .closing:
                // 421 at any step: the message was not accepted.
                return .unanswered(reason: error.message)
            default:
                return .ended(.transient(reply: error.message, retryAfter: nil))
            }
        }
    }

    /// `MAIL`, `RCPT`, `DATA`, then the message once the server is ready for it.
    private func mailTransaction(
        on session: SMTPConnection, to recipient: String, data: [UInt8], deadline: Double,
        beforeFinishing: () -> Void
    ) throws(SMTPConnection.Broken) -> DeliveryOutcome {
        let internationalised = !(recipient + envelopeSender).utf8.allSatisfy { $0 < 0x80 }
        if internationalised && !session.internationalised {
            return .permanent(reply: "the server does not accept internationalised addresses (no SMTPUTF8)")
        }
        let commands = [
            "MAIL FROM:<\(envelopeSender)>" + (internationalised ? " SMTPUTF8" : ""), "RCPT TO:<\(recipient)>", "DATA",
        ]
        var refusal: SMTPReply?
        if session.pipelining {
            try session.send(Array(commands.map { $0 + "\r\n" }.joined().utf8), until: deadline)
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
                try session.send(Array((command + "\r\n").utf8), until: deadline)
                let reply = try session.reply(until: deadline)
                if command == "DATA" ? reply.code != 354 : !reply.isCompletion { refusal = reply }
            }
        }
        if let refusal {
            if !session.reset(until: deadline) {
                session.abandon()
                self.session = nil
            }
            // A 2xx where 354 was due is no acceptance.
            return refusal.isCompletion
                ? .transient(reply: "unexpected reply to DATA: \(refusal.description)", retryAfter: nil)
                : OutcomeClassifier.smtp(refusal)
        }
        beforeFinishing()
        try session.send(data, until: deadline)
        return OutcomeClassifier.smtp(try session.reply(until: deadline))
    }

    /// The address of a `From` value: `Name <address>` or a bare address.
    static func address(in from: String) -> String {
        guard let open = from.lastIndex(of: "<"), let close = from.lastIndex(of: ">"), open < close else {
            return from.trimmingCharacters(in: .whitespaces)
        }
        return String(from[from.index(after: open)..<close])
    }
}
