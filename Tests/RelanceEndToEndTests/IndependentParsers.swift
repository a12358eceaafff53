import Foundation

/// Checks made by Python's standard library (`/usr/bin/python3`), independent of relance's
/// own Swift code: what a real mail client reads in an email, and webhook signatures.
enum Python {
    /// What Python's `email` package (policy `default`) reads in one message.
    struct ParsedEmail: Decodable {
        var fromName: String
        var fromAddress: String
        var to: [String]
        /// Decoded from RFC 2047.
        var subject: String
        /// The `Date` header, in seconds since 1970.
        var date: Double
        var messageID: String
        var mimeVersion: String
        var relanceKey: String
        var contentType: String
        /// The text/plain part, transfer-decoded, as UTF-8 (nil if absent or not valid UTF-8).
        var text: String?
        /// Every line of the raw bytes ends in CRLF; no bare CR or LF.
        var crlfOnly: Bool
        /// The header section is plain ASCII (non-ASCII text only as RFC 2047 words).
        var asciiHeaders: Bool
        /// Defects the parser found, in any part.
        var defects: [String]
    }

    private static let emailScript = #"""
        import base64, email, email.policy, json, sys
        result = []
        for encoded in json.load(open(sys.argv[1])):
            raw = base64.b64decode(encoded)
            message = email.message_from_bytes(raw, policy=email.policy.default)
            part = message.get_body(preferencelist=("plain",))
            try:
                text = part.get_payload(decode=True).decode("utf-8") if part is not None else None
            except UnicodeDecodeError:
                text = None
            sender = message["From"].addresses[0]
            result.append({
                "fromName": sender.display_name, "fromAddress": sender.addr_spec,
                "to": [address.addr_spec for address in message["To"].addresses],
                "subject": str(message["Subject"]), "date": message["Date"].datetime.timestamp(),
                "messageID": str(message["Message-ID"]), "mimeVersion": str(message["MIME-Version"]),
                "relanceKey": str(message["X-Relance-Key"]), "contentType": message.get_content_type(),
                "text": text,
                "crlfOnly": raw.count(b"\n") == raw.count(b"\r\n") == raw.count(b"\r"),
                "asciiHeaders": raw.split(b"\r\n\r\n", 1)[0].isascii(),
                "defects": [type(d).__name__ for p in message.walk() for d in p.defects],
            })
        json.dump(result, sys.stdout)
        """#

    private static let signatureScript = #"""
        import base64, hashlib, hmac, json, sys
        secret = sys.argv[2].encode()
        result = []
        for item in json.load(open(sys.argv[1])):
            fields = dict(field.split("=", 1) for field in item["header"].split(","))
            signed = fields["t"].encode() + b"." + base64.b64decode(item["body"])
            expected = hmac.new(secret, signed, hashlib.sha256).hexdigest()
            result.append(hmac.compare_digest(expected, fields.get("v1", "")))
        json.dump(result, sys.stdout)
        """#

    /// Parses each message (raw bytes as sent) with Python's `email` package.
    static func parseEmails(_ messages: [[UInt8]]) throws -> [ParsedEmail] {
        let output = try run(emailScript, input: messages.map { Data($0).base64EncodedString() })
        return try JSONDecoder().decode([ParsedEmail].self, from: output)
    }

    /// Whether each `Relance-Signature` header is HMAC-SHA256 of `t + "." + body` with `secret`,
    /// as Python's `hmac` computes it.
    static func verifySignatures(_ signed: [(header: String, body: [UInt8])], secret: String) throws -> [Bool] {
        let input = signed.map { ["header": $0.header, "body": Data($0.body).base64EncodedString()] }
        return try JSONDecoder().decode([Bool].self, from: run(signatureScript, input: input, arguments: [secret]))
    }

    /// One sample of a Prometheus text exposition, as the reference client library parses it.
    struct Sample: Decodable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    private static let prometheusScript = #"""
        import json, sys
        from prometheus_client.parser import text_string_to_metric_families
        text = json.load(open(sys.argv[1]))
        samples = [{"name": s.name, "labels": s.labels, "value": s.value}
                   for family in text_string_to_metric_families(text) for s in family.samples]
        print(json.dumps(samples))
        """#

    /// Parses Prometheus text with `prometheus_client` (Debian's python3-prometheus-client).
    static func parsePrometheus(_ text: String) throws -> [Sample] {
        try JSONDecoder().decode([Sample].self, from: run(prometheusScript, input: text))
    }

    /// Runs `python3 -c SCRIPT INPUT.json ARGUMENTS…` and returns its stdout.
    private static func run(_ script: String, input: some Encodable, arguments: [String] = []) throws -> Data {
        let path = NSTemporaryDirectory() + "relance-python-\(UUID().uuidString).json"
        try JSONEncoder().encode(input).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, path] + arguments
        let result = try process.runCollectingOutput()
        guard result.status == 0 else { throw PythonError(message: result.stderr) }
        return Data(result.stdout.utf8)
    }

    struct PythonError: Error, CustomStringConvertible {
        var message: String
        var description: String { "python3 failed: \(message)" }
    }
}
