import CCurl
import RelanceConfig

/// Sends emails over SMTP with libcurl: one recipient per message, the connection reused from
/// message to message, STARTTLS required unless `tls: none` (loopback only), `smtps://` as is.
final class SMTPSender: MessageSender {
    private let curl: CurlEasy

    /// Opens nothing yet: the connection is made by the first message.
    init(settings: EmailSettings, password: String?) throws(CurlError) {
        curl = try CurlEasy()
        try curl.set(CURLOPT_URL, settings.url)
        try curl.set(CURLOPT_USE_SSL, Int(settings.tls == .none ? CURLUSESSL_NONE.rawValue : CURLUSESSL_ALL.rawValue))
        if let username = settings.username { try curl.set(CURLOPT_USERNAME, username) }
        if let password { try curl.set(CURLOPT_PASSWORD, password) }
        try curl.set(CURLOPT_MAIL_FROM, "<\(Self.address(in: settings.from))>")
        try curl.set(CURLOPT_UPLOAD, 1)
        try curl.set(CURLOPT_CONNECTTIMEOUT, Int(settings.limits.connectTimeout))
        try curl.set(CURLOPT_TIMEOUT, Int(settings.limits.timeout))
    }

    func send(_ message: OutgoingMessage, beforeFinishing: @escaping () -> Void) -> DeliveryOutcome {
        guard let recipient = message.recipient else { return .permanent(reply: "no recipient address") }
        do {
            try curl.set(CURLOPT_MAIL_RCPT, ["<\(recipient)>"])
        } catch {
            return .permanent(reply: error.message)
        }
        let body = message.body
        let result = curl.perform(uploading: body, beforeEnd: beforeFinishing)
        guard OutcomeClassifier.smtpNeedsFreshConnection(result) else {
            return OutcomeClassifier.smtp(result, afterFreshConnection: false)
        }
        // The server said nothing: most often it closed the idle connection (or answered 421 and
        // hung up). Once more on a new connection; silence again means it is down.
        try? curl.set(CURLOPT_FRESH_CONNECT, 1)
        let retried = curl.perform(uploading: body, beforeEnd: beforeFinishing)
        try? curl.set(CURLOPT_FRESH_CONNECT, 0)
        return OutcomeClassifier.smtp(retried, afterFreshConnection: true)
    }

    /// Connects (with STARTTLS and login as configured) and sends `NOOP`; nil when the server
    /// accepted it, else why not. Used by `relance doctor` on a sender of its own (the sender
    /// cannot send messages afterwards); sends no message.
    func probe() -> String? {
        do {
            try curl.set(CURLOPT_UPLOAD, 0)
            try curl.set(CURLOPT_CUSTOMREQUEST, "NOOP")
            let result = curl.perform(uploading: [], beforeEnd: {})
            guard result.code == CURLE_OK, (200..<300).contains(result.responseCode) else {
                return result.responseCode == 0 ? result.message : "SMTP \(result.responseCode): \(result.message)"
            }
            return nil
        } catch {
            return error.message
        }
    }

    /// The address of a `From` value: `Name <address>` or a bare address.
    static func address(in from: String) -> String {
        guard let open = from.lastIndex(of: "<"), let close = from.lastIndex(of: ">"), open < close else {
            return from.trimmingCharacters(in: .whitespaces)
        }
        return String(from[from.index(after: open)..<close])
    }
}
