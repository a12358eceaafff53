import CCurl
import RelanceCore

/// Turns what libcurl and servers report into a ``DeliveryOutcome`` (SPEC section 9): SMTP 2xx accepted,
/// 4xx and broken exchanges transient, 5xx permanent; HTTP 2xx accepted, 408/429/5xx and broken
/// exchanges transient, other 4xx permanent. Failing to reach, secure or log in to the server
/// is not about one message: the channel is down.
enum OutcomeClassifier {
    /// libcurl results meaning no usable connection could be established, secured or authenticated.
    static let connectionFailures: Set<UInt32> = [
        CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT, CURLE_SSL_CONNECT_ERROR,
        CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE,
        CURLE_USE_SSL_FAILED, CURLE_LOGIN_DENIED, CURLE_AUTH_ERROR, CURLE_UNSUPPORTED_PROTOCOL,
    ].reduce(into: []) { $0.insert($1.rawValue) }

    /// Why no SMTP session could be opened (connected, secured, logged in): a server that cannot
    /// be reached, secured or logged in to, or that says nothing before the session starts (no
    /// greeting, no reply to EHLO), is down; a 5xx greeting is permanent; anything else transient.
    static func smtpConnectionFailure(_ result: CurlResult) -> DeliveryOutcome {
        if connectionFailures.contains(result.code.rawValue) { return .channelDown(reason: result.message) }
        let code = result.responseCode
        let reply = code == 0 ? result.message : "SMTP \(code): \(result.message)"
        switch code {
        case 500..<600: return .permanent(reply: reply)
        case 0 where !result.smtpSessionEstablished:
            return .channelDown(reason: "no reply from the server: \(result.message)")
        default: return .transient(reply: reply, retryAfter: nil)
        }
    }

    /// The outcome of the reply that ends a message's transaction: 2xx accepted, 5xx permanent,
    /// anything else transient.
    static func smtp(_ reply: SMTPReply) -> DeliveryOutcome {
        switch reply.code {
        case 200..<300: .accepted(reply: reply.description)
        case 500..<600: .permanent(reply: reply.description)
        default: .transient(reply: reply.description, retryAfter: nil)
        }
    }

    /// The outcome of one HTTP request; `now` dates a `Retry-After` given as an HTTP date.
    static func http(_ result: CurlResult, now: Instant) -> DeliveryOutcome {
        if connectionFailures.contains(result.code.rawValue) { return .channelDown(reason: result.message) }
        guard result.code == CURLE_OK else { return .transient(reply: result.message, retryAfter: nil) }
        let status = result.responseCode
        let reply = "HTTP \(status)" + summary(of: result.body)
        switch status {
        case 200..<300: return .accepted(reply: reply)
        case 401, 407: return .channelDown(reason: "authentication refused: \(reply)")
        case 408, 429, 500..<600:
            return .transient(reply: reply, retryAfter: retryAfter(in: result.headers, now: now))
        default: return .permanent(reply: reply)
        }
    }

    /// The first line of a reply body, short and free of control characters.
    static func summary(of body: [UInt8]) -> String {
        let line = body.prefix(200).split(whereSeparator: { $0 == 0x0A || $0 == 0x0D }).first ?? []
        let clean = ReplyText.printable(line)
        return clean.isEmpty ? "" : ": " + clean
    }

    /// The `Retry-After` of a response, in seconds from `now`.
    static func retryAfter(in headers: [String], now: Instant) -> Int64? {
        for header in headers {
            let parts = header.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "retry-after" else { continue }
            return RetryAfter.seconds(parts[1].trimmingCharacters(in: .whitespaces), now: now)
        }
        return nil
    }
}
