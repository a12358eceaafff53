import ArgumentParser

/// The `relance` command line (SPEC section 8).
@main
struct RelanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relance",
        abstract: "Runs the monthly actualisation cycle: reminders, closing, journals, escalation.",
        discussion: """
            The global options may be given before or after the command. Exit codes: 0 ok, \
            1 runtime failure, 64 usage, 65 invalid input, 69 delivery channel down, 74 I/O error, \
            75 another tick running, 78 invalid configuration.
            """,
        version: relanceVersion,
        subcommands: [
            ConfigCommand.self, ImportCommand.self, DeclareCommand.self, TickCommand.self, StatusCommand.self,
            CalendarCommand.self, CasesCommand.self, RemindersCommand.self, PurgeCommand.self, ReportCommand.self,
            BackupCommand.self, DoctorCommand.self, RunCommand.self, ServeCommand.self, BounceCommand.self,
            AuditCommand.self,
        ])

    @OptionGroup(title: "Global options") var global: GlobalOptions

    /// `relance` without a command is a usage error (SPEC section 8: 64), not a success.
    func run() async throws {
        printError("a command is required\nusage: " + Self.usageString() + "\nSee 'relance --help' for the commands.")
        throw ExitCode(64)
    }
}
