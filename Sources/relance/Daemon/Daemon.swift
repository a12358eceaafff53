import Foundation
import Logging
import RelanceCore
import RelanceEngine
import RelanceHTTP
import ServiceLifecycle
import UnixSignals

/// `relance run`: a tick at once (to catch up), then one every `interval`, until SIGTERM or
/// SIGINT. Each tick takes the same lock as `relance tick`, so cron and the daemon never
/// overlap. On shutdown no new attempt starts, the ones on the wire are recorded, and the
/// daemon exits 0. SIGHUP reloads the configuration: a file that does not load is logged and
/// the running configuration is kept.
struct Daemon: Service {
    let interval: Duration
    /// The context the daemon starts with.
    let initial: Relance
    /// Builds a context from the configuration files again (SIGHUP).
    let reload: @Sendable () throws -> Relance
    let logger: Logger
    let notifier: SystemdNotifier
    /// Where to serve `/metrics` and `/healthz` (`HOST:PORT` on loopback), if anywhere.
    let metricsListen: String?
    /// The HTTP interface's requests in this process, shown in `/metrics`.
    let httpCounts: HTTPRequestCounts

    func run() async throws {
        let state = DaemonState(initial)
        let server = try metricsListen.map { try MetricsServer(listen: $0, respond: endpoints(state)) }
        defer { server?.stop() }
        notifier.notify("READY=1")
        logger.info("daemon started", metadata: ["interval_seconds": "\(interval.components.seconds)"])
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await reloadOnHangup(state) }
            if let period = notifier.watchdogInterval {
                group.addTask {
                    while !Task.isCancelled {
                        notifier.notify("WATCHDOG=1")
                        try? await Task.sleep(for: period)
                    }
                }
            }
            await tickUntilShutdown(state)
            notifier.notify("STOPPING=1")
            group.cancelAll()
        }
        state.current.transport.close()
        logger.info("daemon stopped")
    }

    /// `/metrics`: the Prometheus text; `/healthz`: 200 while a tick completed within three
    /// intervals, 503 otherwise.
    private func endpoints(_ state: DaemonState) -> MetricsServer.Responder {
        let interval = interval.components.seconds
        return { path in
            let relance = state.current
            switch path {
            case "/metrics": return MetricsServer.metrics(relance, httpCounts)
            case "/healthz":
                let last = try? relance.store.read { try $0.metricsSnapshot(now: relance.clock.now).lastSuccessfulTick }
                guard let last = last ?? nil, relance.clock.now.seconds - last.seconds <= 3 * interval else {
                    return (503, "text/plain", "no tick completed within three intervals\n")
                }
                return (200, "text/plain", "ok\n")
            default:
                return (404, "text/plain", "not found\n")
            }
        }
    }

    private func tickUntilShutdown(_ state: DaemonState) async {
        while !Task.isShuttingDownGracefully {
            let relance = state.takeReloaded(logger: logger)
            let stop = StopRequest()
            await withGracefulShutdownHandler {
                await runTick(relance, stop: stop)
            } onGracefulShutdown: {
                // No new attempt starts: the tick asks for no more, the queued ones are given up.
                stop.request()
                relance.transport.cancelPending()
            }
            let interval = interval
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }

    /// Runs a tick on a thread of its own: it blocks on SQLite and libcurl.
    private func runTick(_ relance: Relance, stop: StopRequest) async {
        let logger = logger
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread {
                do {
                    _ = try Tick.run(relance, stop: stop)
                } catch let error as RelanceError where error.code == .locked {
                    logger.info("another tick holds the lock; trying again at the next interval")
                } catch let error as RelanceError {
                    logger.error(
                        "tick failed", metadata: ["error": "\(error.message)", "exit_code": "\(error.code.exitCode)"])
                } catch {
                    logger.error("tick failed", metadata: ["error": "\(error)"])
                }
                continuation.resume()
            }.start()
        }
    }

    private func reloadOnHangup(_ state: DaemonState) async {
        for await _ in await UnixSignalsSequence(trapping: .sighup) {
            do {
                state.offer(try reload())
                logger.info("configuration reloaded; it applies from the next tick")
            } catch let error as RelanceError {
                logger.error(
                    "configuration reload failed; the running configuration is kept",
                    metadata: ["error": "\(error.message)"])
            } catch {
                logger.error(
                    "configuration reload failed; the running configuration is kept", metadata: ["error": "\(error)"])
            }
        }
    }
}

/// The daemon's context, and a reloaded one waiting for the current tick to end.
private final class DaemonState: Sendable {
    // Sendable: both properties are only touched with the lock held.
    private let lock = NSLock()
    nonisolated(unsafe) private var running: Relance
    nonisolated(unsafe) private var reloaded: Relance?

    init(_ relance: Relance) { running = relance }

    var current: Relance { lock.withLock { running } }

    /// Keeps a new context for the next tick (replacing one not used yet).
    func offer(_ relance: Relance) {
        let replaced = lock.withLock {
            defer { reloaded = relance }
            return reloaded
        }
        replaced?.transport.close()
    }

    /// The context for the next tick: the reloaded one, if any, closing the previous transport.
    func takeReloaded(logger: Logger) -> Relance {
        let (next, previous) = lock.withLock { () -> (Relance, Relance?) in
            guard let reloaded else { return (running, nil) }
            defer {
                running = reloaded
                self.reloaded = nil
            }
            return (reloaded, running)
        }
        previous?.transport.close()
        return next
    }
}
