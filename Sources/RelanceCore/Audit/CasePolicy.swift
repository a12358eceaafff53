/// Who may see and change which case on the desk (SPEC 14), in one place: every page and action
/// asks this type, none decides alone.
///
/// An advisor sees the cases assigned to them and their agency's unassigned queue, and may take
/// a case from the queue. A manager sees every case of their agency and may reassign it to an
/// advisor of the same agency. A case someone may not see is, for them, a case that does not
/// exist (404).
public struct CasePolicy: Sendable, Equatable {
    /// The signed-in person.
    public var advisorID: String
    public var agency: String
    public var role: AdvisorRole

    public init(advisorID: String, agency: String, role: AdvisorRole) {
        self.advisorID = advisorID
        self.agency = agency
        self.role = role
    }

    /// Where a case is: its agency, and its advisor (nil in the agency queue).
    public struct Placement: Sendable, Equatable {
        public var agency: String?
        public var advisor: String?

        public init(agency: String?, advisor: String?) {
            self.agency = agency
            self.advisor = advisor
        }
    }

    /// Whether the person may see the case at all.
    public func canSee(_ placement: Placement) -> Bool {
        guard placement.agency == agency else { return placement.advisor == advisorID }
        switch role {
        case .manager: return true
        case .advisor: return placement.advisor == nil || placement.advisor == advisorID
        }
    }

    /// Whether the person may change its state (contacted, resolved, closed without contact).
    public func canUpdate(_ placement: Placement) -> Bool {
        placement.advisor == advisorID || (role == .manager && canSee(placement))
    }

    /// Whether the person may take the case from the agency queue.
    public func canTake(_ placement: Placement) -> Bool { placement.advisor == nil && canSee(placement) }

    /// Whether the person may reassign the case to `target`, an advisor of `targetAgency`.
    public func canReassign(_ placement: Placement, toAgency targetAgency: String) -> Bool {
        role == .manager && placement.agency == agency && targetAgency == agency
    }
}
