import ArgumentParser
import Logging
import RelanceCore
import RelanceEngine
import RelanceHTTP
import ServiceLifecycle
import UnixSignals

/// `relance serve`: the HTTP interface alone (SPEC 12), until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "The HTTP interface alone (the 'http' section of the configuration).")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        do {
            let relance = try global.context(creating: true)
            guard let settings = relance.configuration.http else {
                throw RelanceError(
                    .configuration, "\(relance.configuration.file): 'serve' needs an 'http' section with 'listen'")
            }
            let tokens = try ClientTokens(settings.clients)
            try await HTTPService.run(
                [
                    try HTTPServer.application(
                        relance: relance, settings: settings, tokens: tokens, logger: relance.logger),
                    TokenReload(tokens: tokens, logger: relance.logger),
                ], logger: relance.logger)
        } catch let error as RelanceError {
            printError(error.message)
            throw ExitCode(error.code.exitCode)
        }
    }
}

/// Rereads the clients' tokens on SIGHUP; tokens that cannot be read are logged, and the ones in
/// use kept.
struct TokenReload: Service {
    let tokens: ClientTokens
    let logger: Logger

    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            do {
                try tokens.reload()
                logger.info("http: client tokens reloaded")
            } catch {
                logger.error(
                    "http: client tokens not reloaded; the ones in use are kept", metadata: ["error": "\(error)"])
            }
        }
    }
}

/// Runs services until SIGTERM or SIGINT; a server that cannot listen is a runtime failure.
enum HTTPService {
    static func run(_ services: [any Service], logger: Logger) async throws {
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        do {
            try await group.run()
        } catch let error as RelanceError {
            throw error
        } catch {
            throw RelanceError(.runtime, "http: \(error)")
        }
    }
}
