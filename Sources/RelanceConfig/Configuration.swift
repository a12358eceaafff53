public import RelanceCore

/// The whole configuration of relance, loaded from one YAML file (SPEC section 6).
public struct Configuration: Sendable {
    /// The file it was read from.
    public var file: String
    /// The database path, absolute or relative to the working directory.
    public var databasePath: String
    /// The rule identifiers of jobseekers must match.
    public var identifierPattern: IdentifierPattern
    /// Windows of periods and whose clock applies.
    public var cycle: CycleCalendar
    /// Journal obligations.
    public var journal: JournalRules
    /// Local hours during which attempts may happen.
    public var sendWindow: SendWindow
    /// The reminder policy.
    public var steps: [Step]
    /// Escalation rules and SLA.
    public var escalation: EscalationSettings
    /// When advisors receive their digest (Europe/Paris).
    public var digestAt: TimeOfDay
    /// Operations' address (`alerts.email`): the digest of cases that reach no advisor and no
    /// agency goes there. Nil when not configured.
    public var alertsEmail: String?
    /// How messages leave.
    public var delivery: DeliverySettings
    /// What is purged, and when.
    public var retention: RetentionSettings
    /// The HTTP interface, nil when the file has no `http` section.
    public var http: HTTPSettings? = nil
    /// What the reports may show (`report`).
    public var report = ReportSettings()
    /// The advisors' desk, nil when the file has no `desk` section.
    public var desk: DeskSettings? = nil
    /// Warnings of the file (`warning: FILE:LINE: key.path: message`), in file order: what is
    /// valid but probably not meant, such as a step's `at` outside `send_window`.
    public var warnings: [String] = []
}

/// Journal obligations (`journal`).
public struct JournalRules: Sendable {
    /// Fewer acts than this, when the journal is required, is a missing journal.
    public var minActs: Int
    /// The obligations in time (`journal.obligations`, or the short form `required_departments`).
    public var obligations: JournalObligations

    public init(minActs: Int, obligations: JournalObligations) {
        self.minActs = minActs
        self.obligations = obligations
    }

    /// Whether a period requires the journal of a jobseeker (SPEC section 16).
    public func isRequired(explicit: Bool?, department: String, period: Period) -> Bool {
        obligations.isRequired(explicit: explicit, department: department, period: period)
    }
}

/// `report`: what the reports may show.
public struct ReportSettings: Sendable {
    /// Counts under this are suppressed in the evaluation (statistical secrecy, SPEC section 16).
    public var minCell: Int = 11

    public init(minCell: Int = 11) { self.minCell = minCell }
}

/// The local hours during which attempts happen: `from <= t < to`.
public struct SendWindow: Sendable {
    public var from: TimeOfDay
    public var to: TimeOfDay

    /// Whether a local time is inside the window.
    public func contains(_ time: TimeOfDay) -> Bool { from <= time && time < to }
}

/// `escalation`.
public struct EscalationSettings: Sendable {
    public var slaBusinessDays: Int
    public var policy: EscalationPolicy
}

/// `retention`.
public struct RetentionSettings: Sendable {
    /// Seconds after which rendered bodies and addresses of sent messages are purged.
    public var messageContent: Int64
    /// Months of outcomes of closed periods kept.
    public var closedPeriods: Int
    /// Months the audit trail of case reads and changes is kept (SPEC 14).
    public var audit: Int = 12
}
