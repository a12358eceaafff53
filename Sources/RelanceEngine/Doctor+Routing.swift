import Foundation
import RelanceConfig
import RelanceStore

extension Doctor {
    /// Whether every active case reaches someone: cases with no advisor and no imported agency
    /// (the unrouted queue) reach only `alerts.email`, and nobody when it is not set. Warnings,
    /// never a failure: the cycle goes on.
    static func checkRouting(_ configuration: Configuration) -> [Finding] {
        let alerts = configuration.alertsEmail
        var findings: [Finding] = []
        if alerts == nil {
            findings.append(
                .init(
                    level: .warning, subject: "alerts.email",
                    detail: "not set: cases with no advisor and no known agency (unrouted) would reach nobody",
                    code: .configuration))
        }
        guard FileManager.default.fileExists(atPath: configuration.databasePath),
            let count = try? Store(path: configuration.databasePath).read({ try $0.unroutedCaseCount() })
        else { return findings }
        guard count > 0 else {
            findings.append(
                .init(
                    level: .ok, subject: "case routing", detail: "every active case reaches an advisor or an agency",
                    code: .configuration))
            return findings
        }
        let destination =
            alerts == nil ? "nobody receives them (set alerts.email)" : "their digest goes to alerts.email"
        findings.append(
            .init(
                level: .warning, subject: "case routing",
                detail:
                    "\(count) active case(s) reach no advisor and no agency (cases list --unrouted): \(destination); "
                    + "import the missing agencies or advisors",
                code: .configuration))
        return findings
    }
}
