import Foundation

extension SMTPSink {
    /// One mail transaction as smtp-sink dumped it.
    ///
    /// A dump record is: smtp-sink's own header lines — `X-Client-Addr`, `X-Client-Proto`,
    /// `X-Helo-Args` (if the client said HELO/EHLO), `X-Mail-Args` (the MAIL FROM argument),
    /// one `X-Rcpt-Args` per accepted RCPT TO, then a three-line `Received:` header — followed
    /// by the message data with every CR removed (lines end in LF), dots unstuffed, and one
    /// extra empty line.
    public struct CapturedMessage: Sendable {
        /// The record as smtp-sink wrote it (without the `-S` boundary line).
        public let dump: [UInt8]
        /// The MAIL FROM address without angle brackets or parameters; empty for `<>`.
        public let mailFrom: String
        /// The RCPT TO addresses in order, without angle brackets or parameters.
        public let recipients: [String]
        /// The message as the client sent it, before dot-stuffing: smtp-sink's lines removed,
        /// its trailing empty line dropped and CRLF line endings restored. Exact for a client
        /// that ends every line in CRLF and sends no bare CR or LF (as RFC 5321 requires).
        public let body: [UInt8]

        /// The body decoded as UTF-8.
        public var text: String { String(decoding: body, as: UTF8.self) }

        init(dump: [UInt8]) {
            self.dump = dump
            var mailFrom = ""
            var recipients: [String] = []
            var offset = 0
            var inReceived = false
            while offset < dump.count {
                let end = dump[offset...].firstIndex(of: UInt8(ascii: "\n")) ?? dump.count
                let line = String(decoding: dump[offset..<end], as: UTF8.self)
                if inReceived && !line.hasPrefix("\t") { break }
                offset = end + 1
                if line.hasPrefix("Received: ") {
                    inReceived = true
                } else if let argument = line.dropPrefix("X-Mail-Args: ") {
                    mailFrom = Self.address(argument)
                } else if let argument = line.dropPrefix("X-Rcpt-Args: ") {
                    recipients.append(Self.address(argument))
                }
            }
            self.mailFrom = mailFrom
            self.recipients = recipients
            var body: [UInt8] = []
            for byte in dump[min(offset, dump.count)...].dropLast() {
                if byte == UInt8(ascii: "\n") { body.append(UInt8(ascii: "\r")) }
                body.append(byte)
            }
            self.body = body
        }

        /// `<a@x> SIZE=12` → `a@x`.
        private static func address(_ argument: Substring) -> String {
            let first = argument.split(separator: " ").first ?? ""
            return String(first.drop { $0 == "<" }.prefix { $0 != ">" })
        }
    }

    /// Every completed mail transaction so far, in order of completion.
    public func captured() -> [CapturedMessage] {
        guard let data = FileManager.default.contents(atPath: dumpPath) else { return [] }
        return Array(data).split(separator: boundary).map { CapturedMessage(dump: Array($0)) }
    }

    /// The dump records (see `CapturedMessage`), in order of completion.
    public func messages() -> [[UInt8]] { captured().map(\.dump) }

    /// The messages as the client sent them (see `CapturedMessage.body`), in order of completion.
    public func messageBodies() -> [[UInt8]] { captured().map(\.body) }

    /// The RCPT TO addresses of each message, in order of completion.
    public func recipients() -> [[String]] { captured().map(\.recipients) }
}

extension String {
    fileprivate func dropPrefix(_ prefix: String) -> Substring? {
        hasPrefix(prefix) ? dropFirst(prefix.count) : nil
    }
}
