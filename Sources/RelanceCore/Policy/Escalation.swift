/// What an escalation rule looks at (`if`).
public enum EscalationCondition: String, Sendable, CaseIterable {
    case missed
    case journalMissing = "journal_missing"
    case unreachable
}

/// How an advisor follows a case up. Ordered: `agency` is the stronger route.
public enum Route: String, Sendable, CaseIterable, Comparable {
    case phone, agency

    public static func < (lhs: Route, rhs: Route) -> Bool { lhs == .phone && rhs == .agency }
}

/// One rule of `escalation.rules` (SPEC section 4).
public struct EscalationRule: Hashable, Sendable {
    public let id: String
    public let condition: EscalationCondition
    /// Consecutive closed periods, this one included, in which the condition held.
    public let streak: Int
    public let route: Route

    public init(id: String, condition: EscalationCondition, streak: Int = 1, route: Route) {
        self.id = id
        self.condition = condition
        self.streak = streak
        self.route = route
    }
}

/// How many consecutive closed periods, ending with the one closing, each condition held.
/// Zero when it does not hold in the period closing.
public struct Streaks: Hashable, Sendable {
    public var missed: Int
    public var journalMissing: Int
    public var unreachable: Int

    public init(missed: Int = 0, journalMissing: Int = 0, unreachable: Int = 0) {
        self.missed = missed
        self.journalMissing = journalMissing
        self.unreachable = unreachable
    }

    /// The streak of one condition.
    public subscript(condition: EscalationCondition) -> Int {
        switch condition {
        case .missed: missed
        case .journalMissing: journalMissing
        case .unreachable: unreachable
        }
    }
}

/// The ordered escalation rules: the first that matches opens (or extends) a case.
public struct EscalationPolicy: Sendable {
    public let rules: [EscalationRule]

    public init(rules: [EscalationRule]) { self.rules = rules }

    /// The first rule whose condition held for at least its streak, or nil.
    public func firstMatch(_ streaks: Streaks) -> EscalationRule? {
        rules.first { streaks[$0.condition] >= $0.streak && streaks[$0.condition] > 0 }
    }
}
