import Foundation

/// How messages leave relance (`delivery`).
public struct DeliverySettings: Sendable {
    /// `spool` writes files; `live` sends for real.
    public enum Mode: String, Sendable, CaseIterable {
        case spool, live
    }

    public var mode: Mode
    /// Absolute path of the spool folder.
    public var spoolDirectory: String
    /// Absolute path of the templates folder.
    public var templatesDirectory: String
    public var retry: RetryPolicy
    public var email: EmailSettings?
    public var sms: SMSSettings?
    public var webhook: WebhookSettings?
    /// `delivery.alarm`: when a channel with receipts expected counts as degraded (SPEC 13).
    public var alarm: AlarmSettings
}

/// The silent-provider alarm (`delivery.alarm`): over the last `window` tracked messages of a
/// channel whose verdict is known, a share undelivered above `undeliveredRatio` degrades it.
public struct AlarmSettings: Sendable, Equatable {
    /// `window`, default 200.
    public var window: Int
    /// `undelivered_ratio`, default 0.2.
    public var undeliveredRatio: Double

    public init(window: Int = 200, undeliveredRatio: Double = 0.2) {
        self.window = window
        self.undeliveredRatio = undeliveredRatio
    }
}

/// The VERP return path of emails (`delivery.email.return_path` and its secret): bounces come
/// back to an address that names the reminder, with a tag only relance can compute.
public struct ReturnPathSettings: Sendable {
    /// The address with `{key}` in its local part, e.g. `retours+{key}@example.fr`.
    public var pattern: String
    /// The secret of the tags (`return_path_secret_env` / `_file`).
    public var secret: SecretSource
}

/// Exponential backoff with jitter for transient failures (`delivery.retry`).
public struct RetryPolicy: Sendable {
    public var initial: Int64
    public var factor: Double
    public var maxDelay: Int64
    public var maxAttempts: Int

    /// The delay before attempt `attempt + 1` after `attempt` transient failures, with
    /// "equal jitter": half fixed, half drawn from `unit` in 0..<1.
    public func delay(afterAttempt attempt: Int, unit: Double) -> Int64 {
        let base = min(Double(maxDelay), Double(initial) * pow(factor, Double(max(0, attempt - 1))))
        return Int64((base / 2 + base / 2 * unit).rounded(.up))
    }
}

/// How hard relance may push one channel's server: parallel connections, messages per
/// second (a token bucket shared by reminders and digests) and timeouts.
public struct ConnectionLimits: Sendable, Equatable {
    /// Parallel connections (`connections`).
    public var connections: Int
    /// Messages per second at most (`rate_per_second`).
    public var ratePerSecond: Double
    /// Seconds allowed to establish (and secure) a connection (`connect_timeout`, default 10s).
    public var connectTimeout: Int64
    /// Seconds allowed for one whole message exchange (`timeout`, default 30s).
    public var timeout: Int64

    public init(connections: Int, ratePerSecond: Double, connectTimeout: Int64 = 10, timeout: Int64 = 30) {
        self.connections = connections
        self.ratePerSecond = ratePerSecond
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }
}

/// `delivery.email`.
public struct EmailSettings: Sendable {
    public enum TLS: String, Sendable, CaseIterable {
        case required, none
    }

    /// `smtp://` (STARTTLS unless `tls: none`) or `smtps://`.
    public var url: String
    public var tls: TLS
    public var username: String?
    public var password: SecretSource?
    /// The `From` header, e.g. `France Travail <ne-pas-repondre@example.fr>`.
    public var from: String
    public var limits: ConnectionLimits
    /// `receipt_timeout` in seconds: nil when no delivery receipts are expected for email.
    public var receiptTimeout: Int64?
    /// `return_path`: the envelope sender of live emails, where bounces come back.
    public var returnPath: ReturnPathSettings?
}

/// `delivery.sms`.
public struct SMSSettings: Sendable {
    public var url: String
    public var token: SecretSource?
    public var sender: String
    public var maxSegments: Int
    public var limits: ConnectionLimits
    /// `receipt_timeout` in seconds: nil when no delivery receipts are expected for SMS.
    public var receiptTimeout: Int64?
}

/// `delivery.webhook`.
public struct WebhookSettings: Sendable {
    public var url: String
    public var secret: SecretSource?
    public var limits: ConnectionLimits
}
