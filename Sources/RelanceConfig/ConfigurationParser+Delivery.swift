import Foundation
import RelanceCore

extension ConfigurationParser {
    func parseDelivery(_ node: ConfigNode) throws -> DeliverySettings {
        let members = try node.mapping(allowed: [
            "mode", "spool_dir", "templates_dir", "retry", "email", "sms", "webhook", "alarm",
        ])
        let email = members["email"]?.read(parseEmail)
        let sms = members["sms"]?.read(parseSMS)
        let webhook = members["webhook"]?.read(parseWebhook)
        let settings = DeliverySettings(
            mode: members["mode"]?.read { try $0.oneOf(DeliverySettings.Mode.self) } ?? .spool,
            spoolDirectory: resolve(members["spool_dir"]?.read { try $0.string() } ?? "../var/spool"),
            templatesDirectory: resolve(members["templates_dir"]?.read { try $0.string() } ?? "templates"),
            retry: members["retry"]?.read(parseRetry)
                ?? RetryPolicy(initial: 30, factor: 2, maxDelay: 3600, maxAttempts: 8),
            email: email, sms: sms, webhook: webhook, alarm: members["alarm"]?.read(parseAlarm) ?? AlarmSettings())
        return settings
    }

    private func parseAlarm(_ node: ConfigNode) throws -> AlarmSettings {
        let members = try node.mapping(allowed: ["window", "undelivered_ratio"])
        return AlarmSettings(
            window: members["window"]?.read { try $0.int(in: 1...100_000) } ?? 200,
            undeliveredRatio: members["undelivered_ratio"]?.read { node in
                let ratio = try node.double(minimum: 0)
                guard ratio < 1 else { throw node.error("must be below 1") }
                return ratio
            } ?? 0.2)
    }

    private func parseReturnPath(_ node: ConfigNode, secret: SecretSource?) throws -> ReturnPathSettings {
        let pattern = try node.string()
        let parts = pattern.components(separatedBy: "{key}")
        guard parts.count == 2, let at = parts[1].firstIndex(of: "@"), parts[1][at...].count > 1,
            !parts[0].contains("@"), !TextRules.hasControlCharacter(pattern), !pattern.contains(" ")
        else { throw node.error("must be an address with {key} in its local part, e.g. retours+{key}@example.fr") }
        guard let secret else { throw node.error("needs return_path_secret_env or return_path_secret_file") }
        return ReturnPathSettings(pattern: pattern, secret: secret)
    }

    private func parseRetry(_ node: ConfigNode) throws -> RetryPolicy {
        let members = try node.mapping(allowed: ["initial", "factor", "max_delay", "max_attempts"])
        return RetryPolicy(
            initial: members["initial"]?.read { try $0.duration() } ?? 30,
            factor: members["factor"]?.read { try $0.double(minimum: 1) } ?? 2,
            maxDelay: members["max_delay"]?.read { try $0.duration() } ?? 3600,
            maxAttempts: members["max_attempts"]?.read { try $0.int(in: 1...100) } ?? 8)
    }

    private func parseEmail(_ node: ConfigNode) throws -> EmailSettings {
        let members = try node.mapping(
            allowed: Self.limitKeys.union([
                "url", "tls", "username", "password_env", "password_file", "from", "receipt_timeout",
                "return_path", "return_path_secret_env", "return_path_secret_file",
            ]))
        let url = node.require(members, "url") { node -> (text: String, host: String) in
            let url = try node.string()
            guard let parsed = URL(string: url), ["smtp", "smtps"].contains(parsed.scheme ?? ""),
                let host = parsed.host
            else { throw node.error("must be an smtp:// or smtps:// URL") }
            return (url, host)
        }
        let tls = members["tls"]?.read { try $0.oneOf(EmailSettings.TLS.self) } ?? .required
        let from = node.require(members, "from") { node in
            let from = try node.string()
            guard from.contains("@"), !TextRules.hasControlCharacter(from) else {
                throw node.error("must be an address such as 'Name <address@example.fr>'")
            }
            return from
        }
        let username = members["username"]?.read { try $0.string() }
        let password = node.read { _ in try self.secret(members, "password") }
        let limits = limits(members, connections: 4)
        let receiptTimeout = members["receipt_timeout"]?.read { try $0.duration() }
        let returnPathSecret = node.read { _ in try self.secret(members, "return_path_secret") } ?? nil
        let returnPath = members["return_path"]?.read { try self.parseReturnPath($0, secret: returnPathSecret) }
        guard let url, let from, let password else { throw ConfigNode.Recorded() }
        if tls == .none && !Self.isLoopback(url.host) {
            throw (members["tls"] ?? node).error("'none' is only allowed for a loopback host (SMTP without TLS)")
        }
        return EmailSettings(
            url: url.text, tls: tls, username: username, password: password, from: from, limits: limits,
            receiptTimeout: receiptTimeout, returnPath: returnPath)
    }

    private func parseSMS(_ node: ConfigNode) throws -> SMSSettings {
        let members = try node.mapping(
            allowed: Self.limitKeys.union([
                "url", "token_env", "token_file", "sender", "max_segments", "receipt_timeout",
            ]))
        let sender = node.require(members, "sender") { node in
            let sender = try node.string()
            guard (1...11).contains(sender.count), sender.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
            else { throw node.error("must be 1 to 11 letters or digits") }
            return sender
        }
        let url = node.require(members, "url", httpURL)
        let token = node.read { _ in try self.secret(members, "token") }
        let maxSegments = members["max_segments"]?.read { try $0.int(in: 1...10) } ?? 3
        let limits = limits(members, connections: 4)
        let receiptTimeout = members["receipt_timeout"]?.read { try $0.duration() }
        guard let sender, let url, let token else { throw ConfigNode.Recorded() }
        return SMSSettings(
            url: url, token: token, sender: sender, maxSegments: maxSegments, limits: limits,
            receiptTimeout: receiptTimeout)
    }

    private func parseWebhook(_ node: ConfigNode) throws -> WebhookSettings {
        let members = try node.mapping(allowed: Self.limitKeys.union(["url", "secret_env", "secret_file"]))
        let url = node.require(members, "url", httpURL)
        let secret = node.read { _ in try self.secret(members, "secret") }
        let limits = limits(members, connections: 2)
        guard let url, let secret else { throw ConfigNode.Recorded() }
        return WebhookSettings(url: url, secret: secret, limits: limits)
    }

    private static let limitKeys: Set<String> = ["connections", "rate_per_second", "connect_timeout", "timeout"]

    private func limits(_ members: [String: ConfigNode], connections: Int) -> ConnectionLimits {
        ConnectionLimits(
            connections: members["connections"]?.read { try $0.int(in: 1...64) } ?? connections,
            ratePerSecond: members["rate_per_second"]?.read { try $0.double(minimum: 0.01) } ?? 100,
            connectTimeout: members["connect_timeout"]?.read { try $0.duration() } ?? 10,
            timeout: members["timeout"]?.read { try $0.duration() } ?? 30)
    }

    private func httpURL(_ node: ConfigNode) throws -> String {
        let text = try node.string()
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw node.error("must be an http:// or https:// URL")
        }
        return text
    }

    /// `NAME_env` or `NAME_file`, never both.
    private func secret(_ members: [String: ConfigNode], _ name: String) throws -> SecretSource? {
        switch (members["\(name)_env"], members["\(name)_file"]) {
        case (let env?, nil): return .environment(try env.string())
        case (nil, let file?): return .file(resolve(try file.string()))
        case (nil, nil): return nil
        case (_, let file?): throw file.error("give either \(name)_env or \(name)_file, not both")
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
    }
}
