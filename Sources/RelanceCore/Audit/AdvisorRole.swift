/// An advisor's role on the desk (advisors.csv `role`, SPEC 14).
public enum AdvisorRole: String, Sendable, CaseIterable {
    /// Sees the cases assigned to them and their agency's unassigned queue; may take from it.
    case advisor
    /// Sees every case of their agency and may reassign within it.
    case manager
}
