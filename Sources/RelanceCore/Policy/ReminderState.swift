/// The states of a reminder (SPEC section 3), in the order `status` and reports list them.
public enum ReminderState: String, Sendable, CaseIterable {
    case pending, sent, skipped, expired, failed

    /// Every state's name, in order.
    public static let names = allCases.map(\.rawValue)
}
