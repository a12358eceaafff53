import Testing

@testable import RelanceCore

@Suite("Journal obligations in time and the regions (SPEC section 16)")
struct JournalObligationTests {
    static let experiment = JournalObligation(
        id: "experimentation", from: Period("2021-11"), until: Period("2023-01"),
        coverage: .departments(Set(Region.departments["bourgogne-franche-comte"]! + ["18"])))
    static let generalisation = JournalObligation(
        id: "generalisation", from: Period("2025-01"), until: nil, coverage: .all)
    static let rules = JournalObligations([experiment, generalisation])

    @Test("the 18 regions hold 96 metropolitan and 5 overseas departments, each once; 975, 977, 978 none")
    func regions() {
        #expect(Region.departments.count == 18)
        let listed = Region.departments.values.flatMap { $0 }
        #expect(listed.count == Set(listed).count)
        #expect(listed.count == 101)
        #expect(Set(listed).isDisjoint(with: ["975", "977", "978"]))
        #expect(Set(listed).union(["975", "977", "978"]) == Set(Region.allDepartments))
        #expect(listed.allSatisfy { Territory(department: $0) != nil })
    }

    @Test("a period requires the journal when an obligation in force covers the department")
    func requirement() {
        let cases: [(String, String, Bool)] = [
            ("21", "2021-10", false), ("21", "2021-11", true), ("18", "2022-12", true), ("21", "2023-01", false),
            ("75", "2022-06", false), ("75", "2025-01", true), ("978", "2030-05", true), ("21", "2024-12", false),
        ]
        for (department, period, required) in cases {
            #expect(
                Self.rules.isRequired(explicit: nil, department: department, period: Period(period)!) == required,
                "\(department) \(period)")
        }
        #expect(!Self.rules.isRequired(explicit: false, department: "21", period: Period("2022-01")!))
        #expect(Self.rules.isRequired(explicit: true, department: "75", period: Period("2022-01")!))
        #expect(Self.rules.obligation(covering: "21", in: Period("2022-01")!)?.id == "experimentation")
    }

    @Test("ranges overlap when they share a period; until is exclusive")
    func overlaps() {
        let next = JournalObligation(id: "next", from: Period("2023-01"), until: nil, coverage: .all)
        let earlier = JournalObligation(id: "earlier", from: nil, until: Period("2021-12"), coverage: .all)
        #expect(!Self.experiment.overlaps(next))
        #expect(Self.experiment.overlaps(earlier) && earlier.overlaps(Self.experiment))
        #expect(next.overlaps(Self.generalisation))
        #expect(!earlier.overlaps(next))
    }
}
