public import RelanceCore

/// A jobseeker's registration status.
public enum JobseekerStatus: String, Sendable, CaseIterable {
    case active, suspended, left
}

/// One validated row of a jobseekers file.
public struct JobseekerRecord: Sendable {
    public var id: String
    public var department: String
    public var territory: Territory
    public var firstName: String?
    public var lastName: String?
    public var email: String?
    public var phone: PhoneNumber?
    public var agency: String?
    public var advisor: String?
    /// Nil keeps the stored day, or the day of import for a new jobseeker.
    public var registeredOn: LocalDate?
    public var channels: [Channel]?
    public var journalRequired: Bool?
    public var status: JobseekerStatus

    public init(id: String, department: String, territory: Territory, status: JobseekerStatus = .active) {
        self.id = id
        self.department = department
        self.territory = territory
        self.status = status
    }
}

/// One validated row of an advisors file.
public struct AdvisorRecord: Sendable {
    public var id: String
    public var name: String?
    public var email: String
    public var agency: String
    /// What the advisor may do on the desk.
    public var role: AdvisorRole

    public init(id: String, name: String?, email: String, agency: String, role: AdvisorRole = .advisor) {
        self.id = id
        self.name = name
        self.email = email
        self.agency = agency
        self.role = role
    }
}

/// One validated row of an agencies file.
public struct AgencyRecord: Sendable {
    public var code: String
    public var name: String?
    public var email: String
    public var department: String

    public init(code: String, name: String?, email: String, department: String) {
        self.code = code
        self.name = name
        self.email = email
        self.department = department
    }
}

/// One journal act.
public struct Act: Hashable, Sendable {
    /// The kinds of act of the journal.
    public enum Kind: String, Sendable, CaseIterable {
        case candidature, entretien, formation, prospection, reseau
        case creationEntreprise = "creation_entreprise"
        case autre
    }

    public var date: LocalDate
    public var kind: Kind
    public var label: String

    public init(date: LocalDate, kind: Kind, label: String) {
        self.date = date
        self.kind = kind
        self.label = label
    }
}

/// The parameters of the journal obligation, as the store needs them in queries.
public struct JournalQuery: Sendable {
    public var minActs: Int
    /// The obligations in time; the SQL of ``required(_:department:period:)`` is built from them,
    /// mirroring ``JournalObligations/isRequired(explicit:department:period:)``.
    public var obligations: JournalObligations

    public init(minActs: Int, obligations: JournalObligations) {
        self.minActs = minActs
        self.obligations = obligations
    }
}
