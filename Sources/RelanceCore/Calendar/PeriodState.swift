/// Where a tracked period is in its life (SPEC section 1), as the store records it.
public enum PeriodState: String, Sendable, CaseIterable {
    /// Tracked, its window not yet open anywhere.
    case upcoming
    /// Open in at least one territory.
    case open
    /// Closed everywhere; reminders may still be settling.
    case closed
    /// Closed with nothing pending: no tick works on it again.
    case finished
    /// Its personal data purged on schedule; only aggregates remain.
    case purged
}
