import CCurl
import RelanceConfig
import RelanceCore

/// POSTs JSON bodies to one URL with libcurl, keeping the connection alive between requests:
/// the SMS gateway (bearer token) and the webhook (signed, idempotent).
final class HTTPSender: MessageSender {
    private let curl: CurlEasy
    private let clock: any Clock
    private let headers: (_ body: [UInt8], _ key: String, Instant) -> [String]

    /// - Parameter headers: the request headers of a body with its key at an instant, besides `Content-Type`.
    init(
        url: String, limits: ConnectionLimits, clock: any Clock,
        headers: @escaping (_ body: [UInt8], _ key: String, Instant) -> [String]
    ) throws(CurlError) {
        curl = try CurlEasy()
        self.clock = clock
        self.headers = headers
        try curl.set(CURLOPT_URL, url)
        try curl.set(CURLOPT_POST, 1)
        try curl.set(CURLOPT_CONNECTTIMEOUT, Int(limits.connectTimeout))
        try curl.set(CURLOPT_TIMEOUT, Int(limits.timeout))
    }

    /// The SMS gateway: `Authorization: Bearer TOKEN`.
    static func sms(_ settings: SMSSettings, token: String?, clock: any Clock) throws(CurlError) -> HTTPSender {
        try HTTPSender(url: settings.url, limits: settings.limits, clock: clock) { _, _, _ in
            token.map { ["Authorization: Bearer \($0)"] } ?? []
        }
    }

    /// The webhook: `Idempotency-Key` and `Relance-Signature` (SPEC section 9).
    static func webhook(_ settings: WebhookSettings, secret: String?, clock: any Clock) throws(CurlError) -> HTTPSender
    {
        try HTTPSender(url: settings.url, limits: settings.limits, clock: clock) { body, key, now in
            var headers = ["Idempotency-Key: \(key)"]
            if let secret {
                headers.append(
                    "Relance-Signature: " + WebhookSignature.header(body: body, secret: secret, time: now.seconds))
            }
            return headers
        }
    }

    func send(
        _ message: OutgoingMessage, announcing upcoming: OutgoingMessage?, beforeFinishing: @escaping () -> Void
    ) -> DeliveryOutcome {
        let now = clock.now
        let body = message.body
        do {
            // An empty `Expect:` stops libcurl from waiting for `100 Continue` on larger bodies.
            try curl.set(
                CURLOPT_HTTPHEADER, ["Content-Type: application/json", "Expect:"] + headers(body, message.key, now))
        } catch {
            return .permanent(reply: error.message)
        }
        return OutcomeClassifier.http(curl.perform(uploading: body, beforeEnd: beforeFinishing), now: now)
    }
}
