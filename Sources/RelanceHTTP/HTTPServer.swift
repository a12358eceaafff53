public import Hummingbird
import HummingbirdCore
import HummingbirdTLS
public import Logging
import NIOCore
import NIOSSL
public import RelanceConfig
import RelanceCore
import RelanceDesk
public import RelanceEngine
import RelanceStore

/// The HTTP interface of SPEC 12 as a service to run in a `ServiceGroup` (`relance serve`, and
/// `relance run` when `http.listen` is set). It translates requests into the engine and store
/// calls the command line makes.
public enum HTTPServer {
    /// How long a request's headers and body may take to arrive: 408 after (SPEC 12).
    public static let requestTimeout: Duration = .seconds(10)
    /// How long a write waits while another process (an import) holds the database: 503 after.
    static let writeWait = 5.0

    /// The router of the interface, for tests that drive it without a socket; `tokens` default
    /// to those of `settings`, read now; every answer is counted in `counts`.
    public static func router(
        relance: Relance, settings: HTTPSettings, tokens: ClientTokens? = nil,
        counts: HTTPRequestCounts = HTTPRequestCounts(), requestTimeout: Duration = HTTPServer.requestTimeout,
        logger: Logger
    ) throws -> Router<HTTPContext> {
        let proxies = TrustedProxies(blocks: settings.trustedProxies)
        let security = Security(clients: try tokens ?? ClientTokens(settings.clients), proxies: proxies)
        let router = Router(context: HTTPContext.self)
        router.add(middleware: AccessLogMiddleware(logger: logger))
        router.add(middleware: RequestMetricsMiddleware(counts: counts))
        router.add(middleware: ProblemMiddleware())
        router.add(
            Routes(relance: relance, maxBody: settings.maxBody, bodyTimeout: requestTimeout).endpoints,
            security: security)
        if let desk = relance.configuration.desk {
            try Desk.mount(on: router, relance: relance, settings: desk, proxies: proxies, logger: logger)
        }
        return router
    }

    /// The application listening on `http.listen`, over TLS when `http.tls` is set; `tokens`
    /// (default: read now) is what a SIGHUP reloads; `counts` what the metrics show of it;
    /// `requestTimeout` shorter than SPEC's 10 seconds only for tests.
    ///
    /// - Throws: ``RelanceError`` (`configuration`) when a client's tokens or the TLS files
    ///   cannot be read.
    public static func application(
        relance: Relance, settings: HTTPSettings, tokens: ClientTokens? = nil,
        counts: HTTPRequestCounts = HTTPRequestCounts(), requestTimeout: Duration = HTTPServer.requestTimeout,
        logger: Logger
    ) throws -> some ApplicationProtocol {
        let address: BindAddress =
            switch settings.listen {
            case .tcp(let host, let port): .hostname(host, port: port)
            case .unix(let path): .unixDomainSocket(path: path)
            }
        // Idle connections close a little after the request timeout, so that a body that has not
        // arrived is answered 408 first.
        let timeout = TimeAmount.milliseconds(
            requestTimeout.components.seconds * 1000 + requestTimeout.components.attoseconds / 1_000_000_000_000_000)
        let http1 = HTTPServerBuilder.http1(
            configuration: .init(
                additionalChannelHandlers: [RequestTimeoutHandler(timeout: timeout)],
                idleTimeout: timeout + .seconds(2)))
        let server = try settings.tls.map { try HTTPServerBuilder.tls(http1, tlsConfiguration: tlsConfiguration($0)) }
        var serverLogger = logger
        serverLogger.logLevel = max(logger.logLevel, .warning)
        // A connection of its own: requests do not queue behind a tick of the same process, writes
        // give up after `writeWait`, and no request copies a tick's pages into the database
        // (``LogCheckpoints`` does, on another connection).
        let store = try Store(path: relance.store.path, busyTimeout: writeWait, checkpointsOnCommit: false)
        let served = Relance(
            configuration: relance.configuration, store: store,
            clock: relance.clock, logger: logger, transport: relance.transport)
        return Application(
            router: try router(
                relance: served, settings: settings, tokens: tokens, counts: counts, requestTimeout: requestTimeout,
                logger: logger),
            server: server ?? http1,
            configuration: .init(address: address, serverName: nil),
            onServerRunning: { channel in
                logger.notice(
                    "http: listening", metadata: ["address": "\(channel.localAddress.map { "\($0)" } ?? "?")"])
            }, logger: serverLogger)
    }

    static func tlsConfiguration(_ files: TLSFiles) throws -> TLSConfiguration {
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(files.certificateFile).map {
                NIOSSLCertificateSource.certificate($0)
            }
            let key = try NIOSSLPrivateKey(file: files.keyFile, format: .pem)
            return TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        } catch {
            throw RelanceError(
                .configuration, "http.tls: cannot read \(files.certificateFile) and \(files.keyFile) as PEM: \(error)")
        }
    }
}
