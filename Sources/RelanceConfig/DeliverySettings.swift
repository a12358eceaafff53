import Foundation

/// Where a secret is read from: never the configuration file itself.
public enum SecretSource: Sendable, Equatable {
    /// An environment variable (`*_env`).
    case environment(String)
    /// A file, e.g. a systemd credential (`*_file`).
    case file(String)
}

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

/// `delivery.email`.
public struct EmailSettings: Sendable {
    public enum TLS: String, Sendable, CaseIterable {
        case required, none
    }

    public var url: String
    public var tls: TLS
    public var username: String?
    public var password: SecretSource?
    /// The `From` header, e.g. `France Travail <ne-pas-repondre@example.fr>`.
    public var from: String
    public var connections: Int
    public var ratePerSecond: Double
}

/// `delivery.sms`.
public struct SMSSettings: Sendable {
    public var url: String
    public var token: SecretSource?
    public var sender: String
    public var maxSegments: Int
    public var connections: Int
    public var ratePerSecond: Double
}

/// `delivery.webhook`.
public struct WebhookSettings: Sendable {
    public var url: String
    public var secret: SecretSource?
    public var connections: Int
    public var ratePerSecond: Double
}
