import Foundation
import RelanceTestSupport
import Testing

/// Escalation at closing (SPEC section 4), period after period, checked against
/// ``EscalationModel`` and the business days of ``SpecTerritory``.
@Suite("escalation, end to end")
struct EscalationTests {
    /// Drives a sandbox through whole periods with two ticks each: noon in Paris on the opening
    /// day, and noon in Paris on the closing day, after the closing of every territory.
    struct Cycle {
        let sandbox: Sandbox
        let jobseekers: [JobseekerFixture]
        var models: [String: EscalationModel]
        private var actNumber = 0

        /// A sandbox with the sample agencies and advisors, `jobseekers`, one reminder step (so that
        /// jobseekers without a channel are unreachable) and the given escalation rules.
        init(
            _ jobseekers: [JobseekerFixture], rules: [PolicyRule] = Policy.sampleRules, sla: Int = 5,
            firstPeriod: String
        )
            throws
        {
            let step = PolicyStep(
                id: "opening", anchor: .opening, offsetDays: 0, at: LocalTime(10), channels: ["email", "sms"])
            sandbox = try Policy(steps: [step], slaBusinessDays: sla, rules: rules).sandbox()
            self.jobseekers = jobseekers
            models = Dictionary(uniqueKeysWithValues: jobseekers.map { ($0.id, EscalationModel(rules: rules)) })
            let before = Scenario.local("75", SpecWindow(firstPeriod).openingDay.adding(days: -7), LocalTime(12)).iso
            try sandbox.importSampleAdvisors(at: before)
            try sandbox.importJobseekers(jobseekers, at: before)
        }

        /// The tick that closes `period` everywhere.
        static func closingTick(_ period: String) -> Date {
            Scenario.local("75", SpecWindow(period).closingDay, LocalTime(12))
        }

        /// Runs one period: `acts` maps the jobseekers who declare on the opening day to their
        /// number of acts; the others miss it. `conditions` says what held for each jobseeker, for
        /// the model. Returns the cases listed after the closing.
        mutating func run(
            _ period: String, acts: [String: Int], conditions: [String: Set<PolicyRule.Condition>]
        ) throws -> [String: [CaseListing]] {
            let window = SpecWindow(period)
            _ = try sandbox.tick(at: Scenario.local("75", window.openingDay, LocalTime(12)).iso)
            let declared = Scenario.local("75", window.openingDay, LocalTime(13)).iso
            var lines: [String] = []
            for (id, count) in acts.sorted(by: { $0.key < $1.key }) {
                lines +=
                    count == 0
                    ? ["\(id),\(period),\(declared),,,"]
                    : (0..<count).map { _ in
                        actNumber += 1
                        return "\(id),\(period),\(declared),\(window.openingDay),entretien,Entretien \(actNumber)"
                    }
            }
            if !lines.isEmpty { try sandbox.importDeclarations(lines, at: declared) }
            _ = try sandbox.tick(at: Self.closingTick(period).iso)
            for (id, held) in conditions { models[id]!.close(period, conditions: held) }
            return Dictionary(grouping: try sandbox.cases(at: Self.closingTick(period).iso), by: \.jobseekerID)
        }

        /// Checks each jobseeker's open case (and that there is at most one) against the model.
        func verify(_ cases: [String: [CaseListing]], sourceLocation: SourceLocation = #_sourceLocation) {
            for jobseeker in jobseekers {
                let open = (cases[jobseeker.id] ?? []).filter { ["open", "contacted"].contains($0.state) }
                guard let expected = models[jobseeker.id]!.openCase else {
                    #expect(open.isEmpty, "\(jobseeker.id): unexpected case \(open)", sourceLocation: sourceLocation)
                    continue
                }
                #expect(open.count == 1, "\(jobseeker.id): \(open.count) open cases", sourceLocation: sourceLocation)
                #expect(open.first?.route == expected.route, "\(jobseeker.id): \(open)", sourceLocation: sourceLocation)
                #expect(
                    open.first?.reasonSet == expected.reasons, "\(jobseeker.id): \(open)",
                    sourceLocation: sourceLocation)
            }
        }
    }

    static func jobseeker(_ id: String, _ department: String = "75", email: Bool = true, advisor: String? = "ADV001")
        -> JobseekerFixture
    {
        JobseekerFixture(
            id: id, department: department, email: email ? "\(id.lowercased())@example.fr" : nil, agency: "PAR11",
            advisor: advisor)
    }

    @Test("missed opens a phone case, for the advisor or else the agency queue, due SLA business days after closing")
    func missedOpensPhoneCase() throws {
        let jobseekers = [
            Self.jobseeker("8000001A"), Self.jobseeker("8000002B", advisor: nil), Self.jobseeker("8000003C"),
        ]
        var cycle = try Cycle(jobseekers, firstPeriod: "2026-11")
        let cases = try cycle.run(
            "2026-11", acts: ["8000003C": 0],
            conditions: ["8000001A": [.missed], "8000002B": [.missed], "8000003C": []])
        cycle.verify(cases)
        try #require(cycle.models["8000001A"]?.openCase?.route == "phone")
        let paris = SpecTerritory(department: "75")!
        for jobseeker in jobseekers.prefix(2) {
            let row = try #require(cases[jobseeker.id]?.first)
            #expect(row.advisor == jobseeker.advisor)
            #expect(row.agency == "PAR11")
            #expect(row.state == "open")
            #expect(row.openedOn == paris.local(Cycle.closingTick("2026-11")).day.description)
            #expect(row.dueOn == paris.adding(businessDays: 5, to: SpecWindow("2026-11").closingDay).description)
        }
    }

    /// 18 (Cher) requires a journal. One jobseeker declares without acts three months running;
    /// another one keeps a journal in the second month, which breaks the streak.
    @Test("journal_missing: no case at streak 1, a phone case at streak 2, raised to the agency at streak 3")
    func journalStreaks() throws {
        let (always, once) = ("8000011L", "8000012M")
        var cycle = try Cycle([Self.jobseeker(always, "18"), Self.jobseeker(once, "18")], firstPeriod: "2026-11")
        let routes = try [("2026-11", 0), ("2026-12", 1), ("2027-01", 0)].map { period, actsOfOnce in
            let cases = try cycle.run(
                period, acts: [always: 0, once: actsOfOnce],
                conditions: [always: [.journalMissing], once: actsOfOnce == 0 ? [.journalMissing] : []])
            cycle.verify(cases)
            #expect(cycle.models[once]?.openCase == nil)
            return cycle.models[always]?.openCase?.route
        }
        try #require(routes == [nil, "phone", "agency"])
    }

    @Test("unreachable routes to the agency: no channel left for a reminder before closing")
    func unreachableGoesToAgency() throws {
        var landline = Self.jobseeker("8000022X", email: false)
        landline.phone = "01 44 55 66 77"
        var cycle = try Cycle([Self.jobseeker("8000021W", email: false), landline], firstPeriod: "2026-11")
        let cases = try cycle.run(
            "2026-11", acts: [:],
            conditions: ["8000021W": [.unreachable, .missed], "8000022X": [.unreachable, .missed]])
        cycle.verify(cases)
        try #require(cycle.models["8000021W"]?.openCase?.route == "agency")
    }

    static let ruleOrders = [
        Policy.sampleRules,
        [
            PolicyRule(id: "missed", condition: .missed, route: "phone"),
            PolicyRule(id: "unreachable", condition: .unreachable, route: "agency"),
        ],
    ]

    @Test("the first matching rule wins, in the configured order", arguments: ruleOrders)
    func firstMatchingRuleWins(_ rules: [PolicyRule]) throws {
        var cycle = try Cycle([Self.jobseeker("8000031G", email: false)], rules: rules, firstPeriod: "2026-11")
        let cases = try cycle.run("2026-11", acts: [:], conditions: ["8000031G": [.unreachable, .missed]])
        cycle.verify(cases)
        let first = try #require(rules.first { [.unreachable, .missed].contains($0.condition) })
        try #require(cycle.models["8000031G"]?.openCase?.reasons == ["\(first.condition.rawValue) 2026-11"])
    }

    /// One jobseeker is unreachable (agency) then only missed (phone rule): the case stays at the
    /// agency. The other missed (phone) then is unreachable (agency): the same case is raised.
    @Test("one open case per jobseeker: reasons accumulate, the route is raised and never lowered")
    func oneOpenCasePerJobseeker() throws {
        let (reachedLater, lostLater) = ("8000041S", "8000042T")
        var cycle = try Cycle(
            [Self.jobseeker(reachedLater, email: false), Self.jobseeker(lostLater)], firstPeriod: "2026-11")
        let first = try cycle.run(
            "2026-11", acts: [:], conditions: [reachedLater: [.unreachable, .missed], lostLater: [.missed]])
        cycle.verify(first)
        try cycle.sandbox.importJobseekers(
            [Self.jobseeker(reachedLater), Self.jobseeker(lostLater, email: false)],
            at: Scenario.local("75", Day(2026, 12, 20), LocalTime(12)).iso)
        let second = try cycle.run(
            "2026-12", acts: [:], conditions: [reachedLater: [.missed], lostLater: [.unreachable, .missed]])
        cycle.verify(second)
        for id in [reachedLater, lostLater] {
            try #require(cycle.models[id]?.openCase?.route == "agency")
            try #require(cycle.models[id]?.openCase?.reasons.count == 2)
        }
    }

    /// Period 2027-04 closes on Sunday 16 May 2027; Monday 17 May is Whit Monday and 27 May a
    /// holiday in Guadeloupe only. With 8 business days the due dates differ by zone.
    @Test("the due date counts SLA business days of the jobseeker's zone; past it the case is overdue")
    func dueDateInBusinessDaysOfTheZone() throws {
        let jobseekers = [
            Self.jobseeker("8000051C", "75"), Self.jobseeker("8000052D", "971"), Self.jobseeker("8000053E", "57"),
        ]
        let window = SpecWindow("2027-04")
        let rules = [PolicyRule(id: "missed", condition: .missed, route: "phone")]
        var cycle = try Cycle(jobseekers, rules: rules, sla: 8, firstPeriod: "2027-04")
        let cases = try cycle.run(
            "2027-04", acts: [:], conditions: Dictionary(uniqueKeysWithValues: jobseekers.map { ($0.id, [.missed]) }))
        cycle.verify(cases)
        let due = Dictionary(
            uniqueKeysWithValues: jobseekers.map { jobseeker in
                (
                    jobseeker.id,
                    SpecTerritory(department: jobseeker.department)!.adding(businessDays: 8, to: window.closingDay)
                )
            })
        try #require(due["8000051C"] != due["8000052D"])
        for jobseeker in jobseekers {
            #expect(cases[jobseeker.id]?.first?.dueOn == due[jobseeker.id]!.description, "\(jobseeker.department)")
        }
        // Listed at noon in Paris (the same day in every zone here): overdue only after the due day.
        for jobseeker in jobseekers {
            for (day, overdue) in [(due[jobseeker.id]!, false), (due[jobseeker.id]!.adding(days: 1), true)] {
                let row = try cycle.sandbox.cases(at: Scenario.local("75", day, LocalTime(12)).iso)
                    .first { $0.jobseekerID == jobseeker.id }
                #expect(row?.overdue == overdue, "\(jobseeker.id) listed on \(day)")
            }
        }
    }

    /// `contacted` is still being followed up, so it keeps collecting reasons; once resolved or
    /// closed without contact, the next match opens a new case.
    @Test("cases update records the advisor's follow-up", arguments: ["contacted", "resolved", "closed_no_contact"])
    func caseUpdate(state: String) throws {
        let id = "8000061N"
        var cycle = try Cycle([Self.jobseeker(id)], firstPeriod: "2026-11")
        let first = try #require(try cycle.run("2026-11", acts: [:], conditions: [id: [.missed]])[id]?.first)
        let now = Scenario.local("75", Day(2026, 12, 18), LocalTime(9)).iso
        let update = try cycle.sandbox.run(
            ["cases", "update", String(first.caseID), "--state", state, "--note", "Appel passé"], now: now)
        #expect(update.status == 0, "\(update.stderr)")
        #expect(try cycle.sandbox.cases(at: now).first { $0.caseID == first.caseID }?.state == state)
        if state != "contacted" { cycle.models[id]!.caseClosed() }

        let second = try cycle.run("2026-12", acts: [:], conditions: [id: [.missed]])
        cycle.verify(second)
        #expect(second[id]?.first { $0.caseID == first.caseID }?.state == state)
        #expect(second[id]?.count == (state == "contacted" ? 1 : 2))
    }
}
