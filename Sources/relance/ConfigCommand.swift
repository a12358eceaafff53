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
                for line in try ConfigCheck.run(try global.loadConfiguration()) { print(line) }
                print("configuration OK")
            }
        }
    }
}
