/// One obligation of the journal in time (`journal.obligations`, SPEC section 16): the periods
/// `from <= P < until` of the departments it covers.
public struct JournalObligation: Sendable, Equatable {
    /// Which departments an obligation covers.
    public enum Coverage: Sendable, Equatable {
        /// Every department, whatever its region.
        case all
        /// The listed department codes.
        case departments(Set<String>)
    }

    /// The obligation's identifier, `required_departments` for the short form.
    public var id: String
    /// The first period covered, nil for no start.
    public var from: Period?
    /// The first period no longer covered, nil for no end.
    public var until: Period?
    public var coverage: Coverage

    public init(id: String, from: Period?, until: Period?, coverage: Coverage) {
        self.id = id
        self.from = from
        self.until = until
        self.coverage = coverage
    }

    /// Whether the obligation is in force for a period.
    public func isInForce(in period: Period) -> Bool {
        (from.map { $0 <= period } ?? true) && (until.map { period < $0 } ?? true)
    }

    /// Whether the obligation covers a department, whatever the period.
    public func covers(department: String) -> Bool {
        switch coverage {
        case .all: true
        case .departments(let codes): codes.contains(department)
        }
    }

    /// The departments covered, every code of SPEC section 2 for `all`, sorted.
    public var departments: [String] {
        switch coverage {
        case .all: Region.allDepartments
        case .departments(let codes): Region.allDepartments.filter(codes.contains)
        }
    }

    /// Whether two obligations share a period.
    public func overlaps(_ other: JournalObligation) -> Bool {
        let startsBeforeOtherEnds = other.until.map { end in from.map { $0 < end } ?? true } ?? true
        let otherStartsBeforeEnd = until.map { end in other.from.map { $0 < end } ?? true } ?? true
        return startsBeforeOtherEnds && otherStartsBeforeEnd
    }
}

/// The journal's obligations in time. The single rule of SPEC section 16 deciding whether a
/// period requires a jobseeker's journal; the store's SQL is built from the same obligations.
public struct JournalObligations: Sendable, Equatable {
    /// The obligations, in the order of the file; config check guarantees they do not overlap.
    public var obligations: [JournalObligation]

    public init(_ obligations: [JournalObligation]) { self.obligations = obligations }

    /// The obligation covering a department in a period, if any.
    public func obligation(covering department: String, in period: Period) -> JournalObligation? {
        obligations.first { $0.isInForce(in: period) && $0.covers(department: department) }
    }

    /// Whether a period requires the journal of a jobseeker: their own `journal_required` column
    /// when set, else whether an obligation in force covers their department.
    public func isRequired(explicit: Bool?, department: String, period: Period) -> Bool {
        explicit ?? (obligation(covering: department, in: period) != nil)
    }

    /// The obligation with an identifier.
    public func obligation(id: String) -> JournalObligation? { obligations.first { $0.id == id } }
}
