import RelanceCore
import RelanceStore
import Testing

/// The closing and its escalation (SPEC section 4) through the store's interface: one whole
/// operation per chunk of members, with the same result whatever the chunks.
@Suite("store: closing and escalation")
struct ClosingStoreTests {
    static let ids = ["1000001A", "1000002B", "1000003C", "1000004D", "1000005E"]
    static let missedOnce = EscalationPolicy(rules: [
        EscalationRule(id: "unreachable-1", condition: .unreachable, streak: 1, route: .agency),
        EscalationRule(id: "missed-1", condition: .missed, streak: 1, route: .phone),
    ])

    @Test("every member without a declaration is missed, and each gets one case", arguments: [1, 2, 1_000])
    func missedMembersEscalate(chunkSize: Int) throws {
        let scene = try StoreScene.opened(with: Self.ids)
        try scene.store.write { session in
            try session.markUnreachable(jobseeker: Self.ids[4], period: scene.period)
        }
        let counts = try scene.closePeriod(policy: Self.missedOnce, size: chunkSize)
        #expect(counts == ClosingCounts(declared: 0, missed: 5, journalMissing: 0, casesOpened: 5))

        let cases = try scene.store.read { try $0.cases(CaseFilter()) }
        #expect(cases.map(\.jobseekerID).sorted() == Self.ids)
        #expect(cases.allSatisfy { $0.state == .open && $0.reasons.map(\.period) == [scene.period] })
        // The first rule that matches decides: the unreachable member goes to the agency.
        let routes = Dictionary(uniqueKeysWithValues: cases.map { ($0.jobseekerID, $0.route) })
        #expect(routes[Self.ids[4]] == .agency)
        #expect(Self.ids.dropLast().allSatisfy { routes[$0] == .phone })
        #expect(try scene.store.read { try $0.territoryProgress(scene.period, scene.territory) } == (true, true))
    }

    @Test("a streak rule waits for its second period; one no longer active then has no outcome")
    func streakOfTwo() throws {
        let policy = EscalationPolicy(rules: [
            EscalationRule(id: "missed-2", condition: .missed, streak: 2, route: .agency)
        ])
        let scene = try StoreScene.opened(with: Self.ids)
        #expect(try scene.closePeriod(policy: policy, size: 2) == ClosingCounts(missed: 5, casesOpened: 0))

        try scene.addJobseekers([Self.ids[0]], status: .suspended)
        try scene.openPeriod(scene.nextPeriod)
        #expect(
            try scene.closePeriod(scene.nextPeriod, policy: policy, size: 2) == ClosingCounts(missed: 4, casesOpened: 4)
        )
        let cases = try scene.store.read { try $0.cases(CaseFilter()) }
        #expect(cases.map(\.jobseekerID).sorted() == Array(Self.ids.dropFirst()))
        #expect(cases.allSatisfy { $0.route == .agency && $0.reasons.map(\.period) == [scene.nextPeriod] })
    }

    @Test("a policy without rules records the outcomes and opens no case")
    func noRules() throws {
        let scene = try StoreScene.opened(with: Self.ids)
        let counts = try scene.closePeriod(policy: EscalationPolicy(rules: []), size: 2)
        #expect(counts == ClosingCounts(declared: 0, missed: 5, journalMissing: 0, casesOpened: 0))
        #expect(try scene.store.read { try $0.cases(CaseFilter()) }.isEmpty)
    }
}
