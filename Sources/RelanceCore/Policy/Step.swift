/// The day a reminder step is counted from.
public enum Anchor: String, Sendable, CaseIterable {
    case opening, deadline, closing
}

/// The condition under which a step is sent (`only_if`).
public enum Condition: String, Sendable, CaseIterable {
    /// The jobseeker has not declared for the period.
    case notDeclared = "not_declared"
    /// Declared, journal required, fewer acts than `journal.min_acts`.
    case journalMissing = "journal_missing"
    /// The period closed without a declaration, and none was recorded since.
    case missed
    /// Always.
    case always
}

/// A delivery channel.
public enum Channel: String, Sendable, CaseIterable, Codable {
    case email, sms, webhook
}

/// One reminder of the policy (SPEC section 3).
public struct Step: Hashable, Sendable {
    public let id: String
    public let anchor: Anchor
    public let offsetDays: Int
    public let at: TimeOfDay
    public let channels: [Channel]
    public let onlyIf: Condition
    public let skipNonBusinessDays: Bool

    /// Creates a step; `onlyIf` defaults to `missed` for closing anchors, `not_declared` otherwise.
    public init(
        id: String, anchor: Anchor, offsetDays: Int, at: TimeOfDay, channels: [Channel], onlyIf: Condition? = nil,
        skipNonBusinessDays: Bool = false
    ) {
        self.id = id
        self.anchor = anchor
        self.offsetDays = offsetDays
        self.at = at
        self.channels = channels
        self.onlyIf = onlyIf ?? (anchor == .closing ? .missed : .notDeclared)
        self.skipNonBusinessDays = skipNonBusinessDays
    }

    /// The local day the step falls on, before moving off non-business days.
    public func nominalDay(in window: PeriodWindow) -> LocalDate {
        window.day(of: anchor).adding(days: offsetDays)
    }
}
