import ArgumentParser
import RelanceEngine

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent online copy of the database (safe while a tick or the daemon runs).")

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    @Argument(help: "Where to write the copy (must not exist).")
    var path: String

    func run() throws {
        try execute {
            let relance = try global.context()
            try relance.store.backup(to: path)
            print("backup written to \(path) (integrity check: ok)")
        }
    }
}
