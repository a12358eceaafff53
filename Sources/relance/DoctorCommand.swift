import ArgumentParser
import RelanceCore
import RelanceEngine
import RelanceHTTP

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract:
            "Check the configuration, the database (integrity, file modes), the HTTP listener, and that each live endpoint answers."
    )

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() throws {
        try execute {
            Logging.bootstrap(level: global.logLevel, format: global.logFormat)
            let configuration = try global.loadConfiguration()
            let findings = Doctor.run(configuration) + HTTPDoctor.run(configuration.http)
            for finding in findings {
                let label = ["ok": "ok     ", "warning": "warning", "failure": "FAIL   "][finding.level.rawValue]!
                print("\(label)  \(finding.subject): \(finding.detail)")
            }
            // The first failure decides the exit code: configuration 78, storage 74, endpoint 69.
            if let failure = findings.first(where: { $0.level == .failure }) {
                let count = findings.filter { $0.level == .failure }.count
                throw RelanceError(failure.code, "doctor: \(count) check(s) failed")
            }
        }
    }
}
