import CCurl
public import RelanceConfig
public import RelanceCore

/// `relance doctor`'s live check of each configured endpoint: SMTP connection, STARTTLS and
/// login as configured, then `NOOP`; HTTP: the server answers a `HEAD` (any status will do).
/// Nothing is sent to anyone.
public enum EndpointProbe {
    /// The result of probing one channel.
    public struct Result: Sendable {
        public var channel: Channel
        public var url: String
        /// nil when the endpoint answered; else why not.
        public var failure: String?
    }

    /// Probes every configured channel of `settings` (secrets read as for sending).
    ///
    /// - Throws: ``RelanceError`` (`configuration`) when a secret cannot be read.
    public static func run(_ settings: DeliverySettings) throws -> [Result] {
        var results: [Result] = []
        if let email = settings.email {
            let password = try email.password?.read(for: "delivery.email.password")
            results.append(Result(channel: .email, url: email.url, failure: probeSMTP(email, password: password)))
        }
        if let sms = settings.sms {
            results.append(Result(channel: .sms, url: sms.url, failure: probeHTTP(sms.url, limits: sms.limits)))
        }
        if let webhook = settings.webhook {
            results.append(
                Result(channel: .webhook, url: webhook.url, failure: probeHTTP(webhook.url, limits: webhook.limits)))
        }
        return results
    }

    private static func probeSMTP(_ settings: EmailSettings, password: String?) -> String? {
        SMTPSender(settings: settings, password: password).probe()
    }

    private static func probeHTTP(_ url: String, limits: ConnectionLimits) -> String? {
        do {
            let curl = try CurlEasy()
            try curl.set(CURLOPT_URL, url)
            try curl.set(CURLOPT_NOBODY, 1)
            try curl.set(CURLOPT_CONNECTTIMEOUT, Int(limits.connectTimeout))
            try curl.set(CURLOPT_TIMEOUT, Int(limits.timeout))
            let result = curl.perform(uploading: [], beforeEnd: {})
            return result.code == CURLE_OK ? nil : result.message
        } catch {
            return error.message
        }
    }
}
