import ArgumentParser
import RelanceEngine

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Configuration tools.", subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the configuration and templates; print what was checked.")

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() throws {
            try execute {
                let report = try ConfigCheck.run(try global.loadConfiguration())
                for line in report.checked { print(line) }
                for line in report.warnings { printError(line) }
                print(report.warnings.isEmpty ? "configuration OK" : "configuration OK, with warnings")
            }
        }
    }
}
