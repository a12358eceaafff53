import ArgumentParser
import Logging
import RelanceCore
import RelanceEngine
import RelanceHTTP
import ServiceLifecycle

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract:
            "The daemon: tick at once, then every interval; SIGTERM/SIGINT stop it cleanly, SIGHUP reloads the configuration."
    )

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    @Option(help: "Seconds between ticks.")
    var interval: Int = 300

    @Option(help: "Serve /metrics and /healthz on this loopback HOST:PORT, e.g. 127.0.0.1:9464.")
    var metricsListen: String?

    func validate() throws {
        guard interval >= 1 else { throw ValidationError("--interval must be at least 1 second") }
    }

    func run() async throws {
        let global = global
        do {
            // Bootstraps logging and reports a bad configuration or a missing secret before starting.
            let initial = try global.context(delivering: true, creating: true)
            let counts = HTTPRequestCounts()
            let daemon = Daemon(
                interval: .seconds(interval), initial: initial,
                reload: { try global.context(delivering: true, creating: true) },
                logger: initial.logger, notifier: SystemdNotifier(), metricsListen: metricsListen,
                httpCounts: counts)
            // With `http.listen`, the HTTP interface answers in the same process (SPEC 12).
            var services: [any Service] = [daemon]
            if let settings = initial.configuration.http {
                services += try HTTPService.services(
                    relance: initial, settings: settings, tokens: ClientTokens(settings.clients), counts: counts)
            }
            try await HTTPService.run(services, logger: Logger(label: "relance"))
        } catch let error as RelanceError {
            printError(error.message)
            throw ExitCode(error.code.exitCode)
        }
    }
}
