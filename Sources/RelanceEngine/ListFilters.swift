public import RelanceCore
public import RelanceStore

/// What a listing command (`status`, `reminders list`, `cases list`) is asked to filter on.
///
/// A filter must name something relance knows: an unknown period, jobseeker, advisor or agency
/// is invalid input (SPEC section 8: 65), said on stderr, never an empty list that reads as
/// "nothing there".
public struct ListFilters: Sendable {
    public var period: Period?
    public var jobseeker: String?
    public var advisor: String?
    public var agency: String?

    public init(period: Period? = nil, jobseeker: String? = nil, advisor: String? = nil, agency: String? = nil) {
        self.period = period
        self.jobseeker = jobseeker
        self.advisor = advisor
        self.agency = agency
    }

    /// - Throws: ``RelanceError`` (`invalidInput`) naming the first filter that matches nothing known.
    public func check(in session: StoreSession) throws {
        if let period {
            let known = try session.trackedPeriods()
            guard known.contains(period) else {
                let list = known.isEmpty ? "none" : known.map(\.description).joined(separator: ", ")
                throw RelanceError(.invalidInput, "--period \(period): not a period relance tracks (known: \(list))")
            }
        }
        if let jobseeker, try session.jobseekerTerritory(jobseeker) == nil {
            throw RelanceError(.invalidInput, "--jobseeker \(CSVRow.shown(jobseeker)): no such jobseeker")
        }
        if let advisor, try !session.isKnownAdvisor(advisor) {
            throw RelanceError(.invalidInput, "--advisor \(CSVRow.shown(advisor)): no such advisor")
        }
        if let agency, try !session.isKnownAgency(agency) {
            throw RelanceError(.invalidInput, "--agency \(CSVRow.shown(agency)): no such agency")
        }
    }
}
