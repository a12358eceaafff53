import RelanceCore
import Testing

/// The desk's one authorisation type (SPEC 14), as a table: who sees, changes, takes and
/// reassigns which case.
@Suite("case policy")
struct CasePolicyTests {
    static let advisor = CasePolicy(advisorID: "ADV001", agency: "PAR11", role: .advisor)
    static let manager = CasePolicy(advisorID: "ADV002", agency: "PAR11", role: .manager)

    static let mine = CasePolicy.Placement(agency: "PAR11", advisor: "ADV001")
    static let colleague = CasePolicy.Placement(agency: "PAR11", advisor: "ADV009")
    static let queue = CasePolicy.Placement(agency: "PAR11", advisor: nil)
    static let otherAgency = CasePolicy.Placement(agency: "LYO03", advisor: "ADV003")
    static let otherQueue = CasePolicy.Placement(agency: "LYO03", advisor: nil)

    @Test(
        "who sees and changes what",
        arguments: [
            // person, case, sees, updates, takes
            (advisor, mine, true, true, false),
            (advisor, colleague, false, false, false),
            (advisor, queue, true, false, true),
            (advisor, otherAgency, false, false, false),
            (advisor, otherQueue, false, false, false),
            (manager, mine, true, true, false),
            (manager, colleague, true, true, false),
            (manager, queue, true, true, true),
            (manager, otherAgency, false, false, false),
            (manager, otherQueue, false, false, false),
        ])
    func table(person: CasePolicy, placement: CasePolicy.Placement, sees: Bool, updates: Bool, takes: Bool) {
        #expect(person.canSee(placement) == sees)
        #expect(person.canUpdate(placement) == updates)
        #expect(person.canTake(placement) == takes)
    }

    @Test("only a manager reassigns, and only within their agency")
    func reassign() {
        #expect(Self.manager.canReassign(Self.colleague, toAgency: "PAR11"))
        #expect(Self.manager.canReassign(Self.queue, toAgency: "PAR11"))
        #expect(!Self.manager.canReassign(Self.colleague, toAgency: "LYO03"), "to another agency's advisor")
        #expect(!Self.manager.canReassign(Self.otherAgency, toAgency: "PAR11"), "another agency's case")
        #expect(!Self.advisor.canReassign(Self.mine, toAgency: "PAR11"))
    }

    @Test("the audit actors print and parse as the trail stores them")
    func actors() {
        for actor in [AuditActor.advisor("ADV001"), .client("crm"), .cli("root")] {
            #expect(AuditActor(actor.description) == actor)
        }
        #expect(AuditActor.client("crm").description == "client:crm")
        #expect(AuditActor("nobody") == nil && AuditActor("advisor:") == nil && AuditActor("root:x") == nil)
    }
}
