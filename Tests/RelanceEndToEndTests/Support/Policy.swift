import Foundation
import RelanceTestSupport

/// One reminder step as a test writes it into the sandbox configuration (SPEC section 3).
struct PolicyStep: Sendable, Hashable {
    enum Anchor: String, Sendable { case opening, deadline, closing }
    enum Condition: String, Sendable {
        case notDeclared = "not_declared"
        case journalMissing = "journal_missing"
        case missed, always
    }

    var id: String
    var anchor: Anchor
    var offsetDays: Int
    var at: LocalTime
    var channels: [String]
    /// Written to the configuration only when set.
    var onlyIf: Condition?
    var skipNonBusinessDays = false

    /// The condition in force: the default of the anchor unless `only_if` is given.
    var condition: Condition { onlyIf ?? (anchor == .closing ? .missed : .notDeclared) }

    var yaml: String {
        var fields = [
            "id: \(id)", "anchor: \(anchor.rawValue)", "offset_days: \(offsetDays)", "at: \"\(at)\"",
            "channels: [\(channels.joined(separator: ", "))]",
        ]
        if let onlyIf { fields.append("only_if: \(onlyIf.rawValue)") }
        if skipNonBusinessDays { fields.append("skip_non_business_days: true") }
        return "  - { " + fields.joined(separator: ", ") + " }"
    }

    /// The local day the step is sent on in a territory.
    func day(in window: SpecWindow, _ territory: SpecTerritory) -> Day {
        let anchorDay =
            switch anchor {
            case .opening: window.openingDay
            case .deadline: window.deadlineDay
            case .closing: window.closingDay
            }
        let day = anchorDay.adding(days: offsetDays)
        return skipNonBusinessDays ? territory.businessDay(onOrAfter: day) : day
    }

    /// When the step falls due in a territory.
    func due(in window: SpecWindow, _ territory: SpecTerritory) -> Date {
        territory.instant(day(in: window, territory), at)
    }

    /// When it stops being relevant: closing, or 72 hours after due for closing anchors.
    func expiry(in window: SpecWindow, _ territory: SpecTerritory) -> Date {
        anchor == .closing ? due(in: window, territory).addingTimeInterval(72 * 3600) : window.closing(in: territory)
    }
}

/// One escalation rule (SPEC section 4).
struct PolicyRule: Sendable, Hashable {
    enum Condition: String, Sendable {
        case missed
        case journalMissing = "journal_missing"
        case unreachable
    }

    var id: String
    var condition: Condition
    var streak = 1
    var route: String

    var yaml: String {
        "    - { id: \(id), if: \(condition.rawValue), streak: \(streak), route: \(route) }"
    }
}

/// The part of the configuration the tests control, written into the sandbox so that the
/// expected values and the configuration under test come from the same values.
struct Policy: Sendable {
    var steps: [PolicyStep]
    var minActs = 1
    var requiredDepartments: Set<String> = [
        "18", "21", "25", "28", "36", "37", "39", "41", "45", "58", "70", "71", "89", "90",
    ]
    var sendWindow = (from: LocalTime(8), to: LocalTime(20))
    var slaBusinessDays = 5
    var rules: [PolicyRule] = Policy.sampleRules

    /// The reminder steps of the sample configuration (`config/relance.yaml`).
    static let sampleSteps = [
        PolicyStep(id: "opening", anchor: .opening, offsetDays: 0, at: LocalTime(10), channels: ["email"]),
        PolicyStep(id: "d-5", anchor: .deadline, offsetDays: -5, at: LocalTime(10), channels: ["sms", "email"]),
        PolicyStep(id: "d-1", anchor: .deadline, offsetDays: -1, at: LocalTime(18), channels: ["sms", "email"]),
        PolicyStep(
            id: "journal", anchor: .deadline, offsetDays: -3, at: LocalTime(10), channels: ["email"],
            onlyIf: .journalMissing),
        PolicyStep(
            id: "missed", anchor: .closing, offsetDays: 0, at: LocalTime(10), channels: ["email", "sms"],
            onlyIf: .missed),
    ]

    /// The escalation rules of the sample configuration.
    static let sampleRules = [
        PolicyRule(id: "unreachable", condition: .unreachable, route: "agency"),
        PolicyRule(id: "journal-3", condition: .journalMissing, streak: 3, route: "agency"),
        PolicyRule(id: "journal-2", condition: .journalMissing, streak: 2, route: "phone"),
        PolicyRule(id: "missed", condition: .missed, route: "phone"),
    ]

    /// The sample configuration's policy.
    static let sample = Policy(steps: sampleSteps)

    /// Whether a jobseeker must keep a journal: their own column, else their department.
    func journalRequired(_ jobseeker: JobseekerFixture) -> Bool {
        jobseeker.journalRequired ?? requiredDepartments.contains(jobseeker.department)
    }

    /// Whether a local time is inside the send window.
    func inSendWindow(_ time: LocalTime) -> Bool { sendWindow.from <= time && time < sendWindow.to }

    /// A sandbox configured with this policy; steps the sample templates lack get copies of `opening`'s.
    /// Scenarios read every message back from the spool at the end, so spool files are kept
    /// longer than a month (`retention.message_content: 60d`; the sample's 7 days would delete
    /// the opening's before the closing).
    func sandbox() throws -> Sandbox {
        let departments = requiredDepartments.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
        let sandbox = try Sandbox(
            edit: Sandbox.replacingBlocks([
                "journal": "journal:\n  min_acts: \(minActs)\n  required_departments: [\(departments)]",
                "send_window": "send_window: { from: \"\(sendWindow.from)\", to: \"\(sendWindow.to)\" }",
                "reminders": "reminders:\n" + steps.map(\.yaml).joined(separator: "\n"),
                "escalation": "escalation:\n  sla_business_days: \(slaBusinessDays)\n  rules:"
                    + (rules.isEmpty ? " []" : "\n" + rules.map(\.yaml).joined(separator: "\n")),
                "retention": "retention:\n  message_content: 60d\n  closed_periods: 24",
            ]))
        try sandbox.addTemplates(for: steps.map(\.id))
        return sandbox
    }
}
