import Foundation
public import RelanceCore

/// The sender of emails, with its header and `Message-ID` domain worked out once.
public struct EmailSender: Sendable {
    /// The `From` value as configured, e.g. `France Travail <ne-pas-repondre@example.fr>`.
    public let from: String
    /// The encoded `From` header value.
    let header: String
    /// The domain of the sender address, used on the right of the `Message-ID`.
    let domain: String

    public init(from: String) {
        self.from = from
        header = MIMEEncoding.mailbox(from)
        let address =
            from.split(separator: "<").last.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "> ")) } ?? from
        domain = address.split(separator: "@").last.map(String.init) ?? "relance.invalid"
    }
}

/// A complete RFC 5322 email (SPEC section 9): `From`, `To`, `Subject` (RFC 2047), `Date`,
/// a `Message-ID` derived from the key (the same on every attempt), MIME headers,
/// `X-Relance-Key`, CRLF line endings, and a text part with an optional HTML alternative.
public struct EmailMessage: Sendable {
    public var sender: EmailSender
    public var to: String
    public var subject: String
    public var key: String
    public var text: String
    public var html: String?

    public init(sender: EmailSender, to: String, subject: String, key: String, text: String, html: String?) {
        self.sender = sender
        self.to = to
        self.subject = subject
        self.key = key
        self.text = text
        self.html = html
    }

    /// `<relance.KEY@domain>` with `/` written `.`: stable across attempts so receivers de-duplicate.
    /// A byte of the key that may not stand in a Message-ID (an id admitted by a permissive
    /// `identifier_pattern`) is written `=XX`, so that distinct keys keep distinct ids.
    public var messageID: String {
        "<relance." + key.headerToken(slash: ".", keeping: Self.isAtext) + "@" + sender.domain + ">"
    }

    /// The MIME boundary (RFC 2046: at most 70 characters of `bchars`), derived from the key.
    var boundary: String {
        String(("relance-" + key.headerToken(slash: "-", keeping: Self.isBoundaryCharacter) + "-alt").prefix(70))
    }

    /// RFC 5322 `atext` but `=` (the escape) and `/` (the key's separator).
    private static func isAtext(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || "!#$%&'*+-?^_`{|}~".utf8.contains(byte)
    }

    /// RFC 2046 `bchars` but space and `=` (the escape) and `/` (the key's separator).
    private static func isBoundaryCharacter(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || "'()+_,-.:?".utf8.contains(byte)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// The message bytes, dated `date`.
    public func rendered(date: Instant) -> [UInt8] {
        var headers = [
            "From: " + sender.header,
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
            let boundary = boundary
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

extension String {
    /// The string as a header token: every `/` replaced by `slash`, the bytes `keeping` accepts
    /// as they are, any other byte written `=XX` (upper-case hex).
    fileprivate func headerToken(slash: Unicode.Scalar, keeping: (UInt8) -> Bool) -> String {
        var out: [UInt8] = []
        for byte in utf8 {
            if byte == UInt8(ascii: "/") {
                out.append(UInt8(slash.value))
            } else if keeping(byte) {
                out.append(byte)
            } else {
                out += Array(("=" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)).utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
