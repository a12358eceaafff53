import Foundation
import RelanceTestSupport

/// A declaration (or more acts for one) as the sandbox recorded it.
struct DeclarationRecord: Sendable {
    var jobseekerID: String
    var period: String
    var declaredAt: Date
    /// When it was imported: the jobseeker counts as declared for ticks at or after this instant.
    var recordedAt: Date
    /// Distinct acts it adds to the journal.
    var acts: Int
}

/// A jobseeker's status changed (re-imported) at an instant.
struct StatusChange: Sendable {
    var jobseekerID: String
    var status: String
    var at: Date
}

/// An independent model of SPEC sections 3 and 4 for one period: given the jobseekers, the policy,
/// the declarations and the instants at which ticks ran, what each reminder must have become.
///
/// Assumptions, which the scenarios respect: a jobseeker inactive when their territory opens is
/// never reactivated; delivery never fails except for a missing channel (spool mode).
struct ReminderModel {
    /// What must have happened to one reminder.
    enum Outcome: Equatable, CustomStringConvertible {
        /// Never created, or created and skipped: either way not sent.
        case notPlanned
        case pending
        case sent(channel: String, at: Date)
        case failed(at: Date)
        case skipped(at: Date)
        case expired

        /// The state `reminders list` must show, nil when not sent either way.
        var state: String? {
            switch self {
            case .notPlanned: nil
            case .pending: "pending"
            case .sent: "sent"
            case .failed: "failed"
            case .skipped: "skipped"
            case .expired: "expired"
            }
        }

        var description: String {
            switch self {
            case .notPlanned: "not planned"
            case .pending: "pending"
            case .sent(let channel, let at): "sent by \(channel) at \(at.iso)"
            case .failed(let at): "failed at \(at.iso)"
            case .skipped(let at): "skipped at \(at.iso)"
            case .expired: "expired"
            }
        }
    }

    /// One step for one jobseeker.
    struct Expectation {
        var jobseeker: JobseekerFixture
        var territory: SpecTerritory
        var step: PolicyStep
        var due: Date
        var expires: Date
        var outcome: Outcome
        var key: String
    }

    /// A jobseeker's outcome when the period closed in their territory.
    struct Closing: Equatable {
        /// `declared` or `missed`.
        var outcome: String
        /// `complete`, `missing` or `not_required` when declared.
        var journal: String?
        /// No channel was left for some reminder before closing.
        var unreachable: Bool
    }

    let policy: Policy
    let window: SpecWindow
    let jobseekers: [JobseekerFixture]
    var declarations: [DeclarationRecord] = []
    var statusChanges: [StatusChange] = []
    /// Every tick instant, in order.
    let ticks: [Date]

    func territory(_ jobseeker: JobseekerFixture) -> SpecTerritory { SpecTerritory(department: jobseeker.department)! }

    func status(_ jobseeker: JobseekerFixture, at instant: Date) -> String {
        statusChanges.filter { $0.jobseekerID == jobseeker.id && $0.at <= instant }.max { $0.at < $1.at }?.status
            ?? jobseeker.status
    }

    /// Registered on or before the opening day and active when the first tick opened their territory.
    func isMember(_ jobseeker: JobseekerFixture) -> Bool {
        guard let registered = Day(iso: jobseeker.registeredOn), registered <= window.openingDay,
            let opening = ticks.first(where: { $0 >= window.opening(in: territory(jobseeker)) })
        else { return false }
        return status(jobseeker, at: opening) == "active"
    }

    /// The declaration records of a jobseeker for the period, recorded by `instant`.
    func recorded(_ jobseeker: JobseekerFixture, by instant: Date) -> [DeclarationRecord] {
        declarations.filter { $0.jobseekerID == jobseeker.id && $0.period == window.period && $0.recordedAt <= instant }
    }

    /// Whether a step's `only_if` holds for a jobseeker at a tick.
    func holds(_ condition: PolicyStep.Condition, for jobseeker: JobseekerFixture, at instant: Date) -> Bool {
        let records = recorded(jobseeker, by: instant)
        switch condition {
        case .notDeclared: return records.isEmpty
        case .journalMissing:
            return !records.isEmpty && policy.journalRequired(jobseeker)
                && records.map(\.acts).reduce(0, +) < policy.minActs
        case .missed: return records.isEmpty && instant >= window.closing(in: territory(jobseeker))
        case .always: return true
        }
    }

    /// The first usable channel of the jobseeker's preference, else of the step (SPEC 3, fallback).
    static func channel(for jobseeker: JobseekerFixture, step: PolicyStep) -> String? {
        (jobseeker.channels ?? step.channels).first { channel in
            switch channel {
            case "email": jobseeker.email != nil
            case "sms": isMobile(jobseeker.phone)
            default: true
            }
        }
    }

    /// A French mobile (06 or 07 once written nationally); landlines cannot receive SMS.
    static func isMobile(_ phone: String?) -> Bool {
        guard var digits = phone?.filter({ $0.isNumber || $0 == "+" }) else { return false }
        if digits.hasPrefix("+33") { digits = "0" + digits.dropFirst(3) }
        if digits.hasPrefix("0033") { digits = "0" + digits.dropFirst(4) }
        return digits.count == 10 && (digits.hasPrefix("06") || digits.hasPrefix("07"))
    }

    /// What every step must have become for every jobseeker of the cohort.
    func expectations() -> [Expectation] {
        jobseekers.flatMap { jobseeker in
            policy.steps.map { step in
                let territory = territory(jobseeker)
                let due = step.due(in: window, territory)
                let expires = step.expiry(in: window, territory)
                return Expectation(
                    jobseeker: jobseeker, territory: territory, step: step, due: due, expires: expires,
                    outcome: isMember(jobseeker)
                        ? outcome(jobseeker, step, territory, due: due, expires: expires) : .notPlanned,
                    key: "\(jobseeker.id)/\(window.period)/\(step.id)")
            }
        }
    }

    private func outcome(
        _ jobseeker: JobseekerFixture, _ step: PolicyStep, _ territory: SpecTerritory, due: Date, expires: Date
    ) -> Outcome {
        let closing = window.closing(in: territory)
        // Planned at the first tick after it fell due (closing anchors once the territory closed),
        // for the jobseekers who are active and for whom its condition holds then.
        guard let planned = ticks.first(where: { $0 >= due && (step.anchor != .closing || $0 >= closing) }),
            status(jobseeker, at: planned) == "active", holds(step.condition, for: jobseeker, at: planned)
        else { return .notPlanned }
        let later = policy.steps.filter { other in
            other.condition == step.condition && (other.due(in: window, territory), other.id) > (due, step.id)
        }.map { $0.due(in: window, territory) }
        for tick in ticks where tick >= planned {
            if expires <= tick || later.contains(where: { $0 <= tick }) { return .expired }
            if status(jobseeker, at: tick) != "active" || !holds(step.condition, for: jobseeker, at: tick) {
                return .skipped(at: tick)
            }
            guard policy.inSendWindow(territory.local(tick).time) else { continue }
            guard let channel = Self.channel(for: jobseeker, step: step) else { return .failed(at: tick) }
            return .sent(channel: channel, at: tick)
        }
        return .pending
    }

    /// The outcome of each member when the period closed in their territory (nil: not a member,
    /// or not closed by the last tick).
    func closing(of jobseeker: JobseekerFixture, expectations: [Expectation]) -> Closing? {
        let territory = territory(jobseeker)
        let closingInstant = window.closing(in: territory)
        guard isMember(jobseeker), let tick = ticks.first(where: { $0 >= closingInstant }),
            status(jobseeker, at: tick) == "active"
        else { return nil }
        let unreachable = expectations.contains { expectation in
            guard expectation.jobseeker.id == jobseeker.id, case .failed(let at) = expectation.outcome else {
                return false
            }
            return at < closingInstant
        }
        let onTime = recorded(jobseeker, by: tick).filter { $0.declaredAt < closingInstant }
        guard !onTime.isEmpty else { return Closing(outcome: "missed", journal: nil, unreachable: unreachable) }
        let acts = recorded(jobseeker, by: tick).map(\.acts).reduce(0, +)
        let journal =
            !policy.journalRequired(jobseeker) ? "not_required" : acts < policy.minActs ? "missing" : "complete"
        return Closing(outcome: "declared", journal: journal, unreachable: unreachable)
    }
}
