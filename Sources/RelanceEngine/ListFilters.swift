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
        guard let first = try problems(in: session).first else { return }
        throw RelanceError(.invalidInput, "--\(first.field) \(first.value): \(first.message)")
    }

    /// The filters that match nothing known, in the order period, jobseeker, advisor, agency:
    /// the filter's name, its value as shown in messages, and why.
    public func problems(in session: StoreSession) throws -> [(field: String, value: String, message: String)] {
        var problems: [(field: String, value: String, message: String)] = []
        if let period {
            let known = try session.trackedPeriods()
            if !known.contains(period) {
                let list = known.isEmpty ? "none" : known.map(\.description).joined(separator: ", ")
                problems.append(("period", period.description, "not a period relance tracks (known: \(list))"))
            }
        }
        if let jobseeker, try session.jobseekerTerritory(jobseeker) == nil {
            problems.append(("jobseeker", CSVRow.shown(jobseeker), "no such jobseeker"))
        }
        if let advisor, try !session.isKnownAdvisor(advisor) {
            problems.append(("advisor", CSVRow.shown(advisor), "no such advisor"))
        }
        if let agency, try !session.isKnownAgency(agency) {
            problems.append(("agency", CSVRow.shown(agency), "no such agency"))
        }
        return problems
    }
}
