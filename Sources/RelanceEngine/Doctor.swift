import Foundation
public import RelanceConfig
public import RelanceCore
import RelanceDelivery
import RelanceStore

/// `relance doctor`: the configuration and templates, the database (integrity, file modes),
/// the spool folder, and a live probe of each delivery endpoint.
public enum Doctor {
    /// One finding.
    public struct Finding: Sendable {
        public enum Level: String, Sendable {
            case ok, warning, failure
        }

        public var level: Level
        public var subject: String
        public var detail: String
        /// The exit code a failure calls for (SPEC section 8).
        public var code: RelanceError.Code

        public init(level: Level, subject: String, detail: String, code: RelanceError.Code) {
            self.level = level
            self.subject = subject
            self.detail = detail
            self.code = code
        }
    }

    /// Runs every check; never throws for what it finds.
    public static func run(_ configuration: Configuration) -> [Finding] {
        var findings: [Finding] = []
        do {
            _ = try ConfigCheck.run(configuration)
            findings.append(
                .init(
                    level: .ok, subject: "configuration", detail: "\(configuration.file) and its templates",
                    code: .configuration))
            if let warning = ConfigCheck.identifierWarning(configuration.identifierPattern) {
                findings.append(.init(level: .warning, subject: "identifiers", detail: warning, code: .configuration))
            }
        } catch let error as RelanceError {
            findings.append(
                .init(level: .failure, subject: "configuration", detail: error.message, code: .configuration))
        } catch {
            findings.append(.init(level: .failure, subject: "configuration", detail: "\(error)", code: .configuration))
        }
        findings += checkDatabase(configuration.databasePath)
        findings += checkRouting(configuration)
        if configuration.delivery.mode == .spool {
            findings += checkPrivate(folder: configuration.delivery.spoolDirectory, subject: "spool")
        }
        let secrets = checkSecrets(configuration.delivery)
        findings += secrets
        if secrets.contains(where: { $0.level == .failure }) {
            findings.append(
                .init(
                    level: .warning, subject: "delivery", detail: "endpoints not probed while a secret is missing",
                    code: .channelDown))
        } else {
            findings += probeEndpoints(configuration.delivery)
        }
        return findings
    }

    private static func checkDatabase(_ path: String) -> [Finding] {
        guard FileManager.default.fileExists(atPath: path) else {
            return [
                .init(
                    level: .warning, subject: "database",
                    detail: "\(path) does not exist yet (an import or a tick creates it)", code: .io)
            ]
        }
        var findings = [modeFinding(path, subject: "database file", expected: 0o600)]
        do {
            let check = try Store(path: path).integrityCheck()
            findings.append(
                .init(
                    level: check == "ok" ? .ok : .failure, subject: "database integrity", detail: "\(path): \(check)",
                    code: .io))
        } catch let error as RelanceError {
            findings.append(.init(level: .failure, subject: "database", detail: error.message, code: .io))
        } catch {
            findings.append(.init(level: .failure, subject: "database", detail: "\(error)", code: .io))
        }
        return findings
    }

    private static func checkPrivate(folder: String, subject: String) -> [Finding] {
        guard FileManager.default.fileExists(atPath: folder) else {
            return [.init(level: .ok, subject: subject, detail: "\(folder) not created yet", code: .io)]
        }
        return [modeFinding(folder, subject: subject, expected: 0o700)]
    }

    /// Personal data must not be readable by other users.
    private static func modeFinding(_ path: String, subject: String, expected: Int) -> Finding {
        let mode = ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int) ?? 0
        let text = String(mode, radix: 8)
        guard mode & 0o077 == 0 else {
            return .init(
                level: .warning, subject: subject,
                detail:
                    "\(path) is mode \(text): other users can read personal data (chmod \(String(expected, radix: 8)))",
                code: .io)
        }
        return .init(level: .ok, subject: subject, detail: "\(path) mode \(text)", code: .io)
    }

    private static func probeEndpoints(_ settings: DeliverySettings) -> [Finding] {
        guard settings.mode == .live else {
            return [
                .init(level: .ok, subject: "delivery", detail: "spool mode: no endpoint to probe", code: .channelDown)
            ]
        }
        do {
            return try EndpointProbe.run(settings).map { probe in
                .init(
                    level: probe.failure == nil ? .ok : .failure, subject: probe.channel.rawValue,
                    detail: probe.url + (probe.failure.map { ": \($0)" } ?? ": answers"), code: .channelDown)
            }
        } catch let error as RelanceError {
            return [.init(level: .failure, subject: "delivery", detail: error.message, code: error.code)]
        } catch {
            return [.init(level: .failure, subject: "delivery", detail: "\(error)", code: .channelDown)]
        }
    }
}
