public import RelanceCore

/// One message ready to leave. Its bytes are built when read, by the thread that sends it, so
/// the templates of a batch render in parallel on the connection workers, while they wait for
/// servers, instead of one after another before the batch leaves.
public struct OutgoingMessage: Sendable {
    /// The channel it leaves on.
    public var channel: Channel
    /// The reminder key `JOBSEEKER/PERIOD/STEP`, or `digest/DAY/RECIPIENT`.
    public var key: String
    /// The email address or E.164 number; nil for webhooks.
    public var recipient: String?
    /// Where spool mode writes it, relative to the spool folder (e.g. `email/2026-11/1234567A-d-5.eml`).
    public var spoolPath: String
    /// The envelope sender of an email (`delivery.email.return_path`), nil for the `from` address.
    public var returnPath: String?
    private let build: @Sendable () -> [UInt8]

    /// The complete RFC 5322 message or JSON body (built on each read: read it once per attempt).
    public var body: [UInt8] { build() }

    /// - Parameter body: builds the bytes; pure, and the same on every call.
    public init(
        channel: Channel, key: String, recipient: String?, spoolPath: String,
        body: @escaping @Sendable () -> [UInt8]
    ) {
        self.channel = channel
        self.key = key
        self.recipient = recipient
        self.spoolPath = spoolPath
        build = body
    }
}

/// What became of one delivery attempt (SPEC section 9).
public enum DeliveryOutcome: Sendable, Equatable {
    /// Accepted by the server (SMTP or HTTP 2xx, or written to the spool).
    case accepted(reply: String)
    /// Worth retrying later (4xx SMTP, 408/429/5xx HTTP, timeouts); `retryAfter` in seconds when the server said.
    case transient(reply: String, retryAfter: Int64?)
    /// Will never work on this channel (5xx SMTP, other 4xx HTTP).
    case permanent(reply: String)
    /// The channel itself is down: no connection could be established, secured or authenticated.
    case channelDown(reason: String)
    /// Never attempted: relance is shutting down. Due again at the next tick.
    case notSent(reason: String)
}

extension DeliveryOutcome {
    /// The outcome as the `attempts` table records it.
    public var name: String {
        switch self {
        case .accepted: "accepted"
        case .transient: "transient"
        case .permanent: "permanent"
        case .channelDown: "channel_down"
        case .notSent: "not_sent"
        }
    }

    /// Whether the server accepted the message.
    public var isAccepted: Bool {
        if case .accepted = self { true } else { false }
    }

    /// The server's reply, or why nothing was sent.
    public var reply: String {
        switch self {
        case .accepted(let reply), .transient(let reply, _), .permanent(let reply): reply
        case .channelDown(let reason), .notSent(let reason): reason
        }
    }
}

/// Sends messages on one or more channels. The spool transport writes files; the live
/// transport sends over SMTP and HTTP, in parallel.
public protocol Transport: Sendable {
    /// Whether messages can leave on a channel at all (live mode needs its settings).
    func canSend(on channel: Channel) -> Bool

    /// Delivers the messages `next` supplies, batch after batch, until it returns none; hands
    /// outcomes to `settle` as soon as they are known, the ones that completed together in one
    /// call. `next(limit)` supplies at most `limit` messages: the transport sizes the batches.
    /// Each outcome carries its message's position among all the messages supplied (0 for
    /// the first message of the first batch). A transport may ask for the next batch while the
    /// previous one is still on the wire, so that connections never wait for the caller.
    /// `next` and `settle` are called on the caller's thread, one call at a time; `settle` sees
    /// every message exactly once.
    ///
    /// - Throws: ``RelanceError`` with code `io` when local storage fails, or whatever `next` or
    ///   `settle` throws; sends already on the wire finish first, nothing new starts.
    func deliver(next: (_ limit: Int) throws -> [OutgoingMessage], settle: ([Settled]) throws -> Void) throws

    /// Gives up the messages not started yet (shutdown): each is settled `notSent`; the ones
    /// on the wire finish. Callable from any thread, while `deliver` runs.
    func cancelPending()

    /// Closes connections and stops workers; the transport is not used afterwards.
    func close()
}

/// The outcome of one message of a batch.
public struct Settled: Sendable {
    /// The message's index in the batch.
    public var index: Int
    public var outcome: DeliveryOutcome

    public init(index: Int, outcome: DeliveryOutcome) {
        self.index = index
        self.outcome = outcome
    }
}

extension Transport {
    public func canSend(on channel: Channel) -> Bool { true }
    public func cancelPending() {}
    public func close() {}

    /// Delivers the given messages, in as many batches as the transport asks for.
    public func deliver(_ messages: [OutgoingMessage], settle: ([Settled]) throws -> Void) throws {
        var supplied = 0
        try deliver(
            next: { limit in
                defer { supplied = min(messages.count, supplied + limit) }
                return Array(messages[supplied..<min(messages.count, supplied + limit)])
            }, settle: settle)
    }

    /// Delivery for transports that finish each batch before taking the next: `send` returns one
    /// outcome per message of a batch of at most `batchSize`.
    public func deliverBatchByBatch(
        batchSize: Int = 500, next: (_ limit: Int) throws -> [OutgoingMessage], settle: ([Settled]) throws -> Void,
        send: ([OutgoingMessage]) throws -> [DeliveryOutcome]
    ) throws {
        var position = 0
        while case let messages = try next(batchSize), !messages.isEmpty {
            let outcomes = try send(messages)
            try settle(outcomes.enumerated().map { Settled(index: position + $0.offset, outcome: $0.element) })
            position += messages.count
        }
    }
}
