public import Logging
public import RelanceConfig
public import RelanceCore
public import RelanceDelivery
public import RelanceStore

/// Everything a command works with: configuration, database, clock, logger, transport.
///
/// The executable builds one from its options; tests build one on a temporary folder.
public struct Relance: Sendable {
    public let configuration: Configuration
    public let store: Store
    public let clock: any Clock
    public let logger: Logger
    public let transport: any Transport
    /// The most members a closing or a step's planning handles per transaction (see ``defaultChunkSize``).
    public var chunkSize = Relance.defaultChunkSize

    /// The most members per transaction of a closing or a planning. A tick takes fewer, as many as hold the
    /// database's write lock for about 100 ms (`ChunkPacer`), so that an HTTP write waits little while a tick
    /// closes a period: 25,000 took 60 to 180 ms on the 2-core machine of BENCHMARKS.md.
    public static let defaultChunkSize = 25_000

    public init(configuration: Configuration, store: Store, clock: any Clock, logger: Logger, transport: any Transport)
    {
        self.configuration = configuration
        self.store = store
        self.clock = clock
        self.logger = logger
        self.transport = transport
    }

    /// The transport `delivery.mode` asks for; live delivery notes acceptances in the log next to
    /// the database at `databasePath` (see ``AcceptedLog``).
    ///
    /// - Throws: ``RelanceError`` (`configuration`) when a secret of a live channel cannot be read.
    public static func transport(for settings: DeliverySettings, databasePath: String, clock: any Clock) throws
        -> any Transport
    {
        switch settings.mode {
        case .spool: SpoolTransport(directory: settings.spoolDirectory, clock: clock)
        case .live:
            try LiveTransport(
                settings: settings, acceptedLog: AcceptedLog(path: AcceptedLog.path(forDatabase: databasePath)),
                clock: clock)
        }
    }

    /// Builds the bytes of every message, with the configured sender identities.
    var messageFactory: MessageFactory {
        MessageFactory(
            emailFrom: configuration.delivery.email?.from ?? "France Travail <ne-pas-repondre@francetravail.fr>",
            smsSender: configuration.delivery.sms?.sender ?? "FTRAVAIL")
    }

    /// The journal obligation as the store's queries take it.
    var journalQuery: JournalQuery {
        JournalQuery(
            minActs: configuration.journal.minActs,
            obligations: configuration.journal.obligations)
    }
}

/// A transport that sends nothing and accepts everything (`tick --dry-run`).
public struct DiscardingTransport: Transport {
    public init() {}
    public func deliver(next: (_ limit: Int) throws -> [OutgoingMessage], settle: ([Settled]) throws -> Void) throws {
        try deliverBatchByBatch(next: next, settle: settle) { messages in
            messages.map { _ in .accepted(reply: "dry run: not sent") }
        }
    }
}
