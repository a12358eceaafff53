import Foundation
import RelanceCore

extension ConfigurationParser {
    func parseDelivery(_ node: ConfigNode) throws -> DeliverySettings {
        let members = try node.mapping(allowed: [
            "mode", "spool_dir", "templates_dir", "retry", "email", "sms", "webhook",
        ])
        let settings = DeliverySettings(
            mode: try members["mode"]?.oneOf(DeliverySettings.Mode.self) ?? .spool,
            spoolDirectory: resolve(try members["spool_dir"]?.string() ?? "../var/spool"),
            templatesDirectory: resolve(try members["templates_dir"]?.string() ?? "templates"),
            retry: try members["retry"].map(parseRetry)
                ?? RetryPolicy(initial: 30, factor: 2, maxDelay: 3600, maxAttempts: 8),
            email: try members["email"].map(parseEmail),
            sms: try members["sms"].map(parseSMS),
            webhook: try members["webhook"].map(parseWebhook))
        return settings
    }

    private func parseRetry(_ node: ConfigNode) throws -> RetryPolicy {
        let members = try node.mapping(allowed: ["initial", "factor", "max_delay", "max_attempts"])
        return RetryPolicy(
            initial: try members["initial"]?.duration() ?? 30,
            factor: try members["factor"]?.double(minimum: 1) ?? 2,
            maxDelay: try members["max_delay"]?.duration() ?? 3600,
            maxAttempts: try members["max_attempts"]?.int(in: 1...100) ?? 8)
    }

    private func parseEmail(_ node: ConfigNode) throws -> EmailSettings {
        let members = try node.mapping(
            allowed: Self.limitKeys.union([
                "url", "tls", "username", "password_env", "password_file", "from",
            ]))
        let urlNode = try node.required(members, "url")
        let url = try urlNode.string()
        guard let parsed = URL(string: url), ["smtp", "smtps"].contains(parsed.scheme ?? ""), parsed.host != nil
        else { throw urlNode.error("must be an smtp:// or smtps:// URL") }
        let tls = try members["tls"]?.oneOf(EmailSettings.TLS.self) ?? .required
        if tls == .none && !Self.isLoopback(parsed.host ?? "") {
            throw (members["tls"] ?? node).error("'none' is only allowed for a loopback host (SMTP without TLS)")
        }
        let fromNode = try node.required(members, "from")
        let from = try fromNode.string()
        guard from.contains("@"), !TextRules.hasControlCharacter(from) else {
            throw fromNode.error("must be an address such as 'Name <address@example.fr>'")
        }
        return EmailSettings(
            url: url, tls: tls, username: try members["username"]?.string(),
            password: try secret(members, "password"), from: from,
            limits: try limits(members, connections: 4))
    }

    private func parseSMS(_ node: ConfigNode) throws -> SMSSettings {
        let members = try node.mapping(
            allowed: Self.limitKeys.union([
                "url", "token_env", "token_file", "sender", "max_segments",
            ]))
        let sender = try node.required(members, "sender")
        let senderText = try sender.string()
        guard (1...11).contains(senderText.count), senderText.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { throw sender.error("must be 1 to 11 letters or digits") }
        return SMSSettings(
            url: try httpURL(node.required(members, "url")), token: try secret(members, "token"),
            sender: senderText, maxSegments: try members["max_segments"]?.int(in: 1...10) ?? 3,
            limits: try limits(members, connections: 4))
    }

    private func parseWebhook(_ node: ConfigNode) throws -> WebhookSettings {
        let members = try node.mapping(allowed: Self.limitKeys.union(["url", "secret_env", "secret_file"]))
        return WebhookSettings(
            url: try httpURL(node.required(members, "url")), secret: try secret(members, "secret"),
            limits: try limits(members, connections: 2))
    }

    private static let limitKeys: Set<String> = ["connections", "rate_per_second", "connect_timeout", "timeout"]

    private func limits(_ members: [String: ConfigNode], connections: Int) throws -> ConnectionLimits {
        ConnectionLimits(
            connections: try members["connections"]?.int(in: 1...64) ?? connections,
            ratePerSecond: try members["rate_per_second"]?.double(minimum: 0.01) ?? 100,
            connectTimeout: try members["connect_timeout"]?.duration() ?? 10,
            timeout: try members["timeout"]?.duration() ?? 30)
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
