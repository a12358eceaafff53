public import RelanceCore

/// What one tick did (SPEC section 8, `tick --format json`).
public struct TickSummary: Sendable, Equatable {
    public var opened = 0
    public var closed = 0
    public var sent = 0
    public var skipped = 0
    public var expired = 0
    public var failed = 0
    public var retrying = 0
    public var declared = 0
    public var missed = 0
    public var journalMissing = 0
    public var casesOpened = 0
    public var digestsSent = 0
    /// Channels found down during the tick (exit 69).
    public var channelsDown: [Channel] = []
    /// Channels the alarm holds degraded after the tick (SPEC 13; exit 69 too).
    public var channelsDegraded: [Channel] = []

    public init() {}

    /// The JSON object of SPEC section 8.
    public var json: JSON {
        .object([
            ("opened", .int(opened)), ("closed", .int(closed)), ("sent", .int(sent)), ("skipped", .int(skipped)),
            ("expired", .int(expired)), ("failed", .int(failed)), ("retrying", .int(retrying)),
            ("declared", .int(declared)), ("missed", .int(missed)), ("journal_missing", .int(journalMissing)),
            ("cases_opened", .int(casesOpened)), ("digests_sent", .int(digestsSent)),
        ])
    }

    /// Whether the tick changed nothing.
    public var isEmpty: Bool { self == TickSummary() }
}
