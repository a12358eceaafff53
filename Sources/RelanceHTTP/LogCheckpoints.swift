public import Logging
import RelanceStore
public import ServiceLifecycle

/// Copies the write-ahead log into the database every few seconds, on a connection of its own,
/// beside the HTTP interface: the interface's connection never does it on commit (a request
/// would then wait while a tick's pages are copied: seconds during a national closing), and a
/// server answering for days between ticks must not let the log grow. Not while a tick runs:
/// the tick's own commits copy the log then, and a second copier doubled the latency of
/// requests during a closing of 1,000,000 members.
public struct LogCheckpoints: Service, CustomStringConvertible {
    public var description: String { "LogCheckpoints" }
    /// The database file.
    let path: String
    let logger: Logger
    /// Time between two checkpoints.
    static let interval: Duration = .seconds(2)

    /// Checkpoints the database at `path` while the service runs.
    public init(path: String, logger: Logger) {
        self.path = path
        self.logger = logger
    }

    public func run() async throws {
        let store = try await offload { try Store(existingAt: path) }
        await cancelWhenGracefulShutdown { await checkpoints(store) }
    }

    /// Checkpoints until cancelled; a failure is logged when it starts and when it ends.
    private func checkpoints(_ store: Store) async {
        var failing = false
        while (try? await Task.sleep(for: Self.interval)) != nil {
            guard !TickLock.isHeld(database: path) else { continue }
            do {
                try await offload { try store.checkpointWithoutWaiting() }
                if failing { logger.notice("http: the write-ahead log is copied into the database again") }
                failing = false
            } catch {
                if !failing {
                    logger.error(
                        "http: cannot copy the write-ahead log into the database; trying again",
                        metadata: ["error": "\(error)"])
                }
                failing = true
            }
        }
    }
}
