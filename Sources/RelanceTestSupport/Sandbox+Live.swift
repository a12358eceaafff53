public import Foundation
import Glibc

/// A `delivery.mode: live` setup for a sandbox: where each channel sends, how hard, and which
/// channels the steps use. It replaces the `delivery` section of the sample configuration.
///
/// ```swift
/// let sink = try SMTPSink()
/// let server = try HTTPTestServer { _ in .ok() }
/// let sandbox = try Sandbox.live(LiveDelivery(sink: sink, http: server))
/// ```
public struct LiveDelivery: Sendable {
    /// The SMS gateway token the sandbox passes in `RELANCE_SMS_TOKEN`.
    public static let smsToken = "sms-token-1b2c3d"
    /// The webhook secret the sandbox passes in `RELANCE_WEBHOOK_SECRET`.
    public static let webhookSecret = "webhook-secret-9f8e7d"
    /// The environment carrying both secrets.
    public static let environment = [
        "RELANCE_SMS_TOKEN": smsToken, "RELANCE_WEBHOOK_SECRET": webhookSecret,
        "RELANCE_RETURN_PATH_SECRET": returnPathSecret,
    ]

    /// `delivery.email.url`.
    public var emailURL: String
    /// `delivery.sms.url`.
    public var smsURL: String
    /// `delivery.webhook.url`.
    public var webhookURL: String
    /// `connections` of every channel.
    public var connections = 2
    /// `rate_per_second` of every channel.
    public var ratePerSecond = 1000
    /// `connect_timeout` of every channel.
    public var connectTimeout = "2s"
    /// `timeout` of every channel.
    public var timeout = "5s"
    /// `delivery.retry.max_attempts`: attempts on one channel before transient failures make it fall back.
    public var maxAttempts = 8
    /// Channel lists replacing those of the sample steps, by step id (e.g. `["opening": ["email", "sms"]]`).
    public var stepChannels: [String: [String]] = [:]
    /// `delivery.sms.receipt_timeout` (e.g. `2h`); nil: no SMS receipts expected.
    public var smsReceiptTimeout: String?
    /// `delivery.email.receipt_timeout`; nil: no email receipts expected.
    public var emailReceiptTimeout: String?
    /// `delivery.email.return_path`, its secret in `RELANCE_RETURN_PATH_SECRET` (``returnPathSecret``).
    public var returnPath: String?
    /// `delivery.alarm` as a flow mapping, e.g. `{ window: 20, undelivered_ratio: 0.2 }`.
    public var alarm: String?
    /// The secret of the return path's tags.
    public static let returnPathSecret = "return-path-secret-5a4b"

    public init(emailURL: String, smsURL: String, webhookURL: String) {
        self.emailURL = emailURL
        self.smsURL = smsURL
        self.webhookURL = webhookURL
    }

    /// Email to `sink`, SMS to `http` `/sms`, webhooks to `http` `/webhook`.
    public init(sink: SMTPSink, http: HTTPTestServer) {
        self.init(emailURL: "", smsURL: "", webhookURL: "")
        self = sending(to: sink, http)
    }

    /// The same setup sending to other servers (e.g. healthy ones after faulty ones).
    public func sending(to sink: SMTPSink, _ http: HTTPTestServer) -> LiveDelivery {
        var copy = self
        copy.emailURL = sink.url
        copy.smsURL = http.url + "/sms"
        copy.webhookURL = http.url + "/webhook"
        return copy
    }

    /// The same setup with other step channels.
    public func with(channels: [String], for step: String) -> LiveDelivery {
        var copy = self
        copy.stepChannels[step] = channels
        return copy
    }

    /// The sample configuration text with this delivery section and step channels.
    public func configuration(from sample: String) -> String {
        guard let start = sample.range(of: "\ndelivery:\n"), let end = sample.range(of: "\nretention:") else {
            preconditionFailure("the sample configuration has no delivery section before retention")
        }
        let text = String(sample[..<start.lowerBound]) + "\n" + deliverySection + String(sample[end.lowerBound...])
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            for (step, channels) in stepChannels where line.contains("{ id: \(step),") {
                return line.replacingOccurrences(
                    of: #"channels: \[[^\]]*\]"#, with: "channels: [\(channels.joined(separator: ", "))]",
                    options: .regularExpression)
            }
            return String(line)
        }.joined(separator: "\n")
    }

    /// The receipt and return path lines of `delivery.email`, each ending with a newline.
    private var emailExtras: String {
        (emailReceiptTimeout.map { "    receipt_timeout: \($0)\n" } ?? "")
            + (returnPath.map { "    return_path: \"\($0)\"\n    return_path_secret_env: RELANCE_RETURN_PATH_SECRET\n" }
                ?? "")
    }

    private var deliverySection: String {
        let limits = """
                connections: \(connections)
                rate_per_second: \(ratePerSecond)
                connect_timeout: \(connectTimeout)
                timeout: \(timeout)
            """
        return """
            delivery:
              mode: live
              spool_dir: ../var/spool
              templates_dir: templates
              retry: { initial: 30s, factor: 2, max_delay: 1h, max_attempts: \(maxAttempts) }
            \(alarm.map { "  alarm: \($0)\n" } ?? "")  email:
                url: \(emailURL)
                tls: none
                from: "France Travail <ne-pas-repondre@example.fr>"
            \(emailExtras)\(limits)
              sms:
                url: \(smsURL)
                token_env: RELANCE_SMS_TOKEN
                sender: FTRAVAIL
                max_segments: 3
            \(smsReceiptTimeout.map { "    receipt_timeout: \($0)\n" } ?? "")\(limits)
              webhook:
                url: \(webhookURL)
                secret_env: RELANCE_WEBHOOK_SECRET
            \(limits)
            """
    }
}

/// A loopback port bound but never listening, held until deinit: connecting to it is refused,
/// and no other test can take it meanwhile (unlike a port that was merely free a moment ago).
public final class DeadPort: Sendable {
    /// The port.
    public let port: Int
    private let fd: Int32

    public init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestServerError(message: "socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw TestServerError(message: "bind failed")
        }
        self.fd = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(fd) }

    /// `SCHEME://127.0.0.1:PORT/`.
    public func url(scheme: String) -> String { "\(scheme)://127.0.0.1:\(port)/" }
}

extension Sandbox {
    /// A sandbox delivering live as `delivery` says, with the delivery secrets in its environment.
    public static func live(_ delivery: LiveDelivery) throws -> Sandbox {
        let sandbox = try Sandbox()
        sandbox.environment = LiveDelivery.environment
        try sandbox.reconfigure(delivery)
        return sandbox
    }

    /// Rewrites the delivery section of the sandbox's configuration, e.g. for healthy servers
    /// after faulty ones; the rest of the configuration is kept.
    public func reconfigure(_ delivery: LiveDelivery) throws {
        let current = try String(contentsOfFile: configPath, encoding: .utf8)
        try delivery.configuration(from: current).write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// Runs a tick with `--format json` that may fail (e.g. exit 69): its run and the counts it printed.
    public func tickOutcome(at now: String) throws -> (result: Result, counts: [String: Int]) {
        let result = try run(["tick", "--format", "json"], now: now)
        let counts = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Int]
        return (result, counts ?? [:])
    }

    /// Writes `csv` (a jobseekers file, header included) into the sandbox and imports it.
    public func importJobseekers(_ csv: String, at now: String) throws {
        try succeed(["import", "jobseekers", try write("jobseekers-\(UUID().uuidString).csv", csv)], now: now)
    }

    /// Starts `relance ARGS…` and returns at once, its output discarded: a tick to kill mid-flight.
    public func launch(_ arguments: [String], now: String) throws -> Process {
        let process = process(arguments, now: now)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs one SQL statement on the sandbox database with the `sqlite3` shell; its output, trimmed.
    /// `database` defaults to the sandbox's own; another file (e.g. a backup) may be given.
    public func sql(_ statement: String, database: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database ?? databasePath, statement]
        let result = try process.runCollectingOutput()
        guard result.status == 0 else { throw SandboxError(message: "sqlite3 failed: \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension Process {
    /// Sends a signal, e.g. SIGHUP or SIGTERM, without waiting.
    public func send(_ signal: Int32) {
        if isRunning { Glibc.kill(processIdentifier, signal) }
    }

    /// SIGKILL (`kill -9`), then waits for the process to be gone.
    public func killHard() {
        if isRunning { Glibc.kill(processIdentifier, SIGKILL) }
        waitUntilExit()
    }
}
