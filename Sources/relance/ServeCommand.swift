import ArgumentParser
import Foundation
import Logging
import RelanceConfig
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

    @Option(help: "Serve /metrics (with this process's HTTP requests) on this loopback HOST:PORT, e.g. 127.0.0.1:9465.")
    var metricsListen: String?

    func run() async throws {
        do {
            // The desk's sign-in links are the only messages `serve` sends: it needs the transport
            // of delivery.mode (and its secrets) only for them.
            let sendsLinks = try global.loadConfiguration().desk?.auth == .emailLink
            let relance = try global.context(delivering: sendsLinks, creating: true)
            defer { relance.transport.close() }
            guard let settings = relance.configuration.http else {
                throw RelanceError(
                    .configuration, "\(relance.configuration.file): 'serve' needs an 'http' section with 'listen'")
            }
            let tokens = try ClientTokens(settings.clients)
            let counts = HTTPRequestCounts()
            let metrics = try metricsListen.map { listen in
                try MetricsServer(listen: listen) { path in
                    path == "/metrics" ? MetricsServer.metrics(relance, counts) : (404, "text/plain", "not found\n")
                }
            }
            defer { metrics?.stop() }
            try await HTTPService.run(
                try HTTPService.services(relance: relance, settings: settings, tokens: tokens, counts: counts),
                logger: relance.logger)
        } catch let error as RelanceError {
            printError(error.message)
            throw ExitCode(error.code.exitCode)
        }
    }
}

/// Rereads the clients' tokens on SIGHUP; tokens that cannot be read are logged, and the ones in
/// use kept. Its description, which the service lifecycle logs, names it and nothing it holds.
struct TokenReload: Service, CustomStringConvertible {
    var description: String { "TokenReload" }
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
    /// SPEC's 10 seconds, or `RELANCE_HTTP_REQUEST_TIMEOUT` seconds: a shorter one lets the tests
    /// of slow clients run in a second rather than ten.
    static var requestTimeout: Duration {
        ProcessInfo.processInfo.environment["RELANCE_HTTP_REQUEST_TIMEOUT"].flatMap(Double.init)
            .map { .milliseconds(Int64($0 * 1000)) } ?? HTTPServer.requestTimeout
    }

    /// The services of the HTTP interface: the server, the reload of its tokens on SIGHUP, and
    /// the checkpoints its own connection leaves to another.
    static func services(
        relance: Relance, settings: HTTPSettings, tokens: ClientTokens, counts: HTTPRequestCounts
    ) throws -> [any Service] {
        [
            try HTTPServer.application(
                relance: relance, settings: settings, tokens: tokens, counts: counts,
                requestTimeout: requestTimeout, logger: relance.logger),
            TokenReload(tokens: tokens, logger: relance.logger),
            LogCheckpoints(path: relance.store.path, logger: relance.logger),
        ]
    }

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
