import Foundation
public import RelanceCore

/// A complete RFC 5322 email (SPEC section 9): `From`, `To`, `Subject` (RFC 2047), `Date`,
/// a `Message-ID` derived from the key (the same on every attempt), MIME headers,
/// `X-Relance-Key`, CRLF line endings, and a text part with an optional HTML alternative.
public struct EmailMessage: Sendable {
    public var from: String
    public var to: String
    public var subject: String
    public var key: String
    public var text: String
    public var html: String?

    public init(from: String, to: String, subject: String, key: String, text: String, html: String?) {
        self.from = from
        self.to = to
        self.subject = subject
        self.key = key
        self.text = text
        self.html = html
    }

    /// The domain of the sender address, used on the right of the `Message-ID`.
    var senderDomain: String {
        let address = from.split(separator: "<").last.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "> ")) } ?? from
        return address.split(separator: "@").last.map(String.init) ?? "relance.invalid"
    }

    /// `<relance.KEY@domain>` with `/` written `.`: stable across attempts so receivers de-duplicate.
    public var messageID: String {
        "<relance." + key.replacingOccurrences(of: "/", with: ".") + "@" + senderDomain + ">"
    }

    /// The message bytes, dated `date`.
    public func rendered(date: Instant) -> [UInt8] {
        var headers = [
            "From: " + MIMEEncoding.mailbox(from),
            "To: <" + MIMEEncoding.headerValue(to) + ">",
            "Subject: " + MIMEEncoding.headerValue(subject),
            "Date: " + MIMEEncoding.date(date),
            "Message-ID: " + messageID,
            "MIME-Version: 1.0",
            "X-Relance-Key: " + MIMEEncoding.headerValue(key),
            "Auto-Submitted: auto-generated",
        ]
        var body: String
        if let html {
            let boundary = "relance-" + key.replacingOccurrences(of: "/", with: "-") + "-alt"
            headers.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
            body = "This is a MIME message.\r\n\r\n"
            for (type, content) in [("text/plain", text), ("text/html", html)] {
                body += "--\(boundary)\r\nContent-Type: \(type); charset=utf-8\r\n"
                body += "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                body += MIMEEncoding.quotedPrintable(content) + "\r\n"
            }
            body += "--\(boundary)--\r\n"
        } else {
            headers.append("Content-Type: text/plain; charset=utf-8")
            headers.append("Content-Transfer-Encoding: quoted-printable")
            body = MIMEEncoding.quotedPrintable(text) + "\r\n"
        }
        return Array((headers.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8)
    }
}
