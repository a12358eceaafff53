import Testing

@testable import RelanceCore

@Suite("Escalation rules (SPEC section 4)")
struct EscalationPolicyTests {
    /// The example rules of SPEC section 6.
    static let policy = EscalationPolicy(rules: [
        EscalationRule(id: "unreachable", condition: .unreachable, route: .agency),
        EscalationRule(id: "journal-3", condition: .journalMissing, streak: 3, route: .agency),
        EscalationRule(id: "journal-2", condition: .journalMissing, streak: 2, route: .phone),
        EscalationRule(id: "missed", condition: .missed, route: .phone),
    ])

    @Test(
        "First matching rule",
        arguments: [
            (Streaks(), String?.none),
            (Streaks(missed: 1), "missed"),
            (Streaks(missed: 4), "missed"),
            (Streaks(journalMissing: 1), nil),
            (Streaks(journalMissing: 2), "journal-2"),
            (Streaks(journalMissing: 3), "journal-3"),
            (Streaks(journalMissing: 7), "journal-3"),
            (Streaks(unreachable: 1), "unreachable"),
            (Streaks(missed: 1, unreachable: 1), "unreachable"),
            (Streaks(missed: 2, journalMissing: 2), "journal-2"),
            (Streaks(missed: 1, journalMissing: 1), "missed"),
        ])
    func firstMatch(streaks: Streaks, expected: String?) {
        #expect(Self.policy.firstMatch(streaks)?.id == expected)
    }

    @Test func orderDecidesNotStrength() {
        let reversed = EscalationPolicy(rules: Self.policy.rules.reversed())
        #expect(reversed.firstMatch(Streaks(missed: 1, unreachable: 1))?.id == "missed")
        #expect(reversed.firstMatch(Streaks(journalMissing: 3))?.id == "journal-2")
    }

    @Test func aZeroStreakRuleNeedsTheConditionToHold() {
        let policy = EscalationPolicy(rules: [EscalationRule(id: "z", condition: .missed, streak: 0, route: .phone)])
        #expect(policy.firstMatch(Streaks()) == nil)
        #expect(policy.firstMatch(Streaks(missed: 1))?.id == "z")
        #expect(EscalationPolicy(rules: []).firstMatch(Streaks(missed: 9)) == nil)
    }

    @Test func defaultsAndSubscript() {
        let rule = EscalationRule(id: "r", condition: .journalMissing, route: .phone)
        #expect(rule.streak == 1)
        let streaks = Streaks(missed: 1, journalMissing: 2, unreachable: 3)
        #expect(streaks[.missed] == 1)
        #expect(streaks[.journalMissing] == 2)
        #expect(streaks[.unreachable] == 3)
        #expect(EscalationCondition(rawValue: "journal_missing") == .journalMissing)
        #expect(EscalationCondition.allCases.map(\.rawValue) == ["missed", "journal_missing", "unreachable"])
    }

    @Test func agencyIsTheStrongerRoute() {
        #expect(Route.phone < Route.agency)
        #expect(!(Route.agency < Route.phone))
        #expect(!(Route.phone < Route.phone))
        #expect(!(Route.agency < Route.agency))
        #expect(max(Route.phone, Route.agency) == .agency)
        #expect(max(Route.agency, Route.phone) == .agency)
        #expect([Route.agency, .phone].sorted() == [.phone, .agency])
        #expect(Route(rawValue: "agency") == .agency)
        #expect(Route(rawValue: "email") == nil)
    }
}
