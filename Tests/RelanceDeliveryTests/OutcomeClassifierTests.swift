import CCurl
import RelanceCore
import Testing

@testable import RelanceDelivery

/// SPEC section 9: what each libcurl result means for a message.
@Suite("outcome classification")
struct OutcomeClassifierTests {
    private func result(_ code: CURLcode, _ response: Int, headers: [String] = [], body: String = "") -> CurlResult {
        CurlResult(code: code, responseCode: response, message: "detail", headers: headers, body: Array(body.utf8))
    }

    private static let now = Instant(seconds: 1_700_000_000)

    @Test(
        "SMTP replies that end a transaction",
        arguments: [
            (250, "accepted"), (251, "accepted"), (354, "transient"), (421, "transient"), (450, "transient"),
            (452, "transient"), (500, "permanent"), (550, "permanent"), (554, "permanent"),
        ])
    func smtp(code: Int, expected: String) {
        let outcome = OutcomeClassifier.smtp(SMTPReply(code: code, text: "4.2.0 detail"))
        #expect(outcome.name == expected)
        #expect(outcome.reply == "SMTP \(code): 4.2.0 detail")
    }

    @Test(
        "SMTP sessions that cannot be opened",
        arguments: [
            (CURLE_COULDNT_CONNECT, 0, "channel_down"),
            (CURLE_LOGIN_DENIED, 535, "channel_down"),
            (CURLE_USE_SSL_FAILED, 220, "channel_down"),
            (CURLE_WEIRD_SERVER_REPLY, 421, "transient"),
            (CURLE_WEIRD_SERVER_REPLY, 554, "permanent"),
            (CURLE_OPERATION_TIMEDOUT, 220, "transient"),
        ])
    func smtpConnection(code: CURLcode, response: Int, expected: String) {
        #expect(OutcomeClassifier.smtpConnectionFailure(result(code, response)).name == expected)
    }

    @Test("silence before the session is established means the server is down; after EHLO it is transient")
    func smtpSilence() {
        let silent = result(CURLE_RECV_ERROR, 0)
        #expect(OutcomeClassifier.smtpConnectionFailure(silent).name == "channel_down")
        let broken = result(CURLE_RECV_ERROR, 0, headers: ["220 mx ESMTP", "250-mx", "250 8BITMIME"])
        #expect(OutcomeClassifier.smtpConnectionFailure(broken).name == "transient")
    }

    @Test(
        "HTTP statuses",
        arguments: [
            (200, "accepted"), (202, "accepted"), (400, "permanent"), (403, "permanent"), (404, "permanent"),
            (408, "transient"), (429, "transient"), (500, "transient"), (503, "transient"), (401, "channel_down"),
        ])
    func http(status: Int, expected: String) {
        #expect(OutcomeClassifier.http(result(CURLE_OK, status), now: Self.now).name == expected)
    }

    @Test("HTTP transfer failures: unreachable is down, a broken exchange is transient")
    func httpFailures() {
        #expect(OutcomeClassifier.http(result(CURLE_COULDNT_CONNECT, 0), now: Self.now).name == "channel_down")
        #expect(OutcomeClassifier.http(result(CURLE_COULDNT_RESOLVE_HOST, 0), now: Self.now).name == "channel_down")
        #expect(OutcomeClassifier.http(result(CURLE_OPERATION_TIMEDOUT, 0), now: Self.now).name == "transient")
        #expect(OutcomeClassifier.http(result(CURLE_GOT_NOTHING, 0), now: Self.now).name == "transient")
    }

    @Test("a Retry-After date with a year of many digits or a negative field is ignored, not a crash")
    func retryAfterOutOfRange() {
        for value in ["Sat, 06 Nov 5555555558940 08:09:37 GMT", "Sat, 06 Nov 2026 08:-9:37 GMT"] {
            let reply = OutcomeClassifier.http(result(CURLE_OK, 429, headers: ["Retry-After: \(value)"]), now: Self.now)
            #expect(reply == .transient(reply: "HTTP 429", retryAfter: nil), "\(value)")
        }
    }

    @Test("429 carries Retry-After, in seconds or as an HTTP date")
    func retryAfter() {
        let seconds = OutcomeClassifier.http(
            result(CURLE_OK, 429, headers: ["HTTP/1.1 429 Too Many", "retry-after: 120"]), now: Self.now)
        #expect(seconds == .transient(reply: "HTTP 429", retryAfter: 120))
        let date = "Tue, 14 Nov 2023 22:15:20 GMT"  // 1_700_000_120
        let dated = OutcomeClassifier.http(result(CURLE_OK, 503, headers: ["Retry-After: \(date)"]), now: Self.now)
        #expect(dated == .transient(reply: "HTTP 503", retryAfter: 120))
    }

    @Test("the reply keeps the first line of the body, without control characters")
    func replySummary() {
        let outcome = OutcomeClassifier.http(
            result(CURLE_OK, 400, body: "invalid \u{7}number\nsecond line"), now: Self.now)
        #expect(outcome == .permanent(reply: "HTTP 400: invalid number"))
    }
}
