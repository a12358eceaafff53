/// What a delivery receipt says (SPEC 13), by channel. SMS: `delivered`; `failed`, `rejected`
/// (permanent: unknown or barred number); `expired` (temporary); `pending`, `accepted`,
/// `buffered` (not final). Email: `delivered`; `bounced` (permanent); `deferred` (not final);
/// `complained` (delivered, and the address is no longer used).
public struct ReceiptStatus: Sendable, Equatable {
    /// The status as received.
    public let name: String
    /// The verdict it sets; nil for a status that is not final.
    public let verdict: DeliveryVerdict?
    /// A failure that marks the number or address invalid.
    public let isPermanent: Bool
    /// The person marked the email as spam.
    public let isComplaint: Bool

    /// The statuses a channel's receipts may carry, in the order the messages list them.
    public static func names(for channel: Channel) -> [String] {
        switch channel {
        case .sms: ["delivered", "failed", "rejected", "expired", "pending", "accepted", "buffered"]
        case .email: ["delivered", "bounced", "deferred", "complained"]
        case .webhook: []
        }
    }

    /// The status `name` on `channel`; nil when that channel has no such status.
    public init?(_ name: String, channel: Channel) {
        guard Self.names(for: channel).contains(name) else { return nil }
        self.name = name
        switch name {
        case "delivered", "complained": verdict = .delivered
        case "failed", "rejected", "bounced", "expired": verdict = .undelivered
        default: verdict = nil
        }
        isPermanent = ["failed", "rejected", "bounced"].contains(name)
        isComplaint = name == "complained"
    }
}

/// The final word on one message (SPEC 13).
public enum DeliveryVerdict: String, Sendable {
    case delivered, undelivered
}

/// What is known of a sent reminder's delivery on its latest channel (SPEC 13).
public enum ReminderDelivery: String, Sendable, CaseIterable {
    /// Accepted on a channel with receipts; no final receipt yet.
    case unconfirmed
    case delivered, undelivered
    /// Accepted on a channel without receipts (spool mode, webhooks).
    case notTracked = "not_tracked"
}
