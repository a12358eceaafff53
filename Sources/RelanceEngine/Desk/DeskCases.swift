import Crypto
import Foundation
public import RelanceCore
public import RelanceStore

/// The cases of the advisors' desk (SPEC 14): lists, a case's file, and changes, each asked of
/// ``CasePolicy`` and recorded in the audit trail in the same transaction.
public struct DeskCases: Sendable {
    let relance: Relance

    public init(relance: Relance) { self.relance = relance }

    /// The filters of the lists.
    public struct Filter: Sendable, Equatable {
        public var state: CaseState?
        public var route: Route?
        /// A reason code (`missed`, `journal_missing`, `unreachable`).
        public var reason: String?

        public init(state: CaseState? = nil, route: Route? = nil, reason: String? = nil) {
            self.state = state
            self.route = route
            self.reason = reason
        }
    }

    /// Which list.
    public enum Listing: Sendable {
        /// An advisor's own cases; for a manager, every case of the agency.
        case mine
        /// The agency's unassigned cases.
        case queue
    }

    /// A case as its page shows it.
    public struct Opened: Sendable {
        public var row: CaseRow
        public var file: CaseFile
        public var history: [CaseEvent]
        /// The advisors of the agency a manager may reassign to (empty for an advisor).
        public var colleagues: [AdvisorProfile]
        /// What the page's forms send back, so that a change made since is refused.
        public var version: String
    }

    /// A change asked on the desk.
    public enum Change: Sendable, Equatable {
        case state(CaseState, note: String?)
        case take
        case reassign(to: String)
    }

    /// What became of a change.
    public enum Outcome: Sendable, Equatable {
        case done
        /// The case changed since the page was shown: nothing was written.
        case conflict
        /// No such case, or one the person may not see.
        case notFound
        /// Not allowed, or invalid (the message says why, in French).
        case refused(String)
    }

    /// Today in Paris, which decides `overdue`.
    public var today: LocalDate { Zone.paris.date(of: relance.clock.now) }

    /// A list for a signed-in person: active cases first, then by due date.
    public func list(_ listing: Listing, for person: CasePolicy, filter: Filter = Filter()) throws -> [CaseRow] {
        let now = relance.clock.now
        return try relance.store.write { session in
            let rows = try Self.visible(listing, for: person, filter: filter, in: session)
            try Audit.record(.advisor(person.advisorID), .list, cases: rows.map(\.id), at: now, in: session)
            return rows
        }
    }

    /// The person's list (``Listing/mine``) as the CSV of `cases list`.
    public func export(for person: CasePolicy) throws -> String {
        let now = relance.clock.now
        let rows = try relance.store.write { session in
            let rows = try Self.visible(.mine, for: person, filter: Filter(), in: session)
            try Audit.record(.advisor(person.advisorID), .export, cases: rows.map(\.id), at: now, in: session)
            return rows
        }
        return CaseListing(rows: rows, today: today).csv
    }

    /// A case's page; nil when it does not exist or the person may not see it.
    public func open(_ id: Int64, for person: CasePolicy) throws -> Opened? {
        let now = relance.clock.now
        return try relance.store.write { session in
            guard let row = try session.cases(CaseFilter(id: id)).first, person.canSee(Self.placement(row)) else {
                return nil
            }
            try Audit.record(.advisor(person.advisorID), .view, case: id, at: now, in: session)
            let colleagues =
                person.role == .manager ? try session.advisorProfiles(agency: person.agency) : []
            return Opened(
                row: row, file: try session.caseFile(jobseeker: row.jobseekerID),
                history: try session.caseHistory(id: id) ?? [], colleagues: colleagues, version: Self.version(of: row))
        }
    }

    /// Applies a change if the person may make it and the case is still at `version`.
    public func change(_ id: Int64, _ change: Change, version: String, by person: CasePolicy) throws -> Outcome {
        let now = relance.clock.now
        let actor = AuditActor.advisor(person.advisorID)
        return try relance.store.write { session in
            guard let row = try session.cases(CaseFilter(id: id)).first, person.canSee(Self.placement(row)) else {
                return .notFound
            }
            guard Self.version(of: row) == version else { return .conflict }
            let placement = Self.placement(row)
            switch change {
            case .state(let state, let note):
                guard person.canUpdate(placement) else {
                    return .refused("Seul le conseiller du dossier ou un responsable peut le modifier.")
                }
                if let problem = Self.noteProblem(note, state: state) { return .refused(problem) }
                do {
                    _ = try session.updateCase(id: id, state: state, note: note, by: actor.description, now: now)
                } catch let error as RelanceError where error.code == .invalidInput {
                    return .refused(
                        "Ce dossier ne peut pas être rouvert : la personne a déjà un autre dossier en cours.")
                }
                try Audit.record(actor, .update, case: id, detail: state.rawValue, at: now, in: session)
            case .take:
                guard person.canTake(placement) else {
                    return .refused("Ce dossier n’est pas dans la file de l’agence.")
                }
                _ = try session.assignCase(id: id, to: person.advisorID, by: actor.description, now: now)
                try Audit.record(actor, .take, case: id, detail: person.advisorID, at: now, in: session)
            case .reassign(let target):
                guard let advisor = try session.advisorProfile(id: target),
                    person.canReassign(placement, toAgency: advisor.agency)
                else {
                    return .refused(
                        "Un dossier ne se réaffecte qu’à un conseiller de la même agence, par un responsable.")
                }
                _ = try session.assignCase(id: id, to: target, by: actor.description, now: now)
                try Audit.record(actor, .reassign, case: id, detail: target, at: now, in: session)
            }
            return .done
        }
    }

    /// Why a note cannot go with a change, in French; nil when it can.
    static func noteProblem(_ note: String?, state: CaseState) -> String? {
        if state == .closedNoContact, (note ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return "Une note est obligatoire pour clore un dossier sans contact."
        }
        if let note, TextRules.problem(inText: note, maxLength: 1000) != nil {
            return "La note doit faire au plus 1 000 caractères, sans caractères de contrôle."
        }
        return nil
    }

    static func placement(_ row: CaseRow) -> CasePolicy.Placement {
        CasePolicy.Placement(agency: row.agency, advisor: row.advisor)
    }

    /// A digest of what the page shows and a change would overwrite: state, advisor, note, and
    /// the last change's time and author.
    public static func version(of row: CaseRow) -> String {
        let text = [
            row.state.rawValue, row.advisor ?? "", row.note ?? "", String(row.updatedAt.seconds), row.updatedBy,
        ].joined(separator: "\u{1F}")
        return SHA256.hash(data: Data(text.utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
    }

    private static func visible(_ listing: Listing, for person: CasePolicy, filter: Filter, in session: StoreSession)
        throws -> [CaseRow]
    {
        var rows: [CaseRow]
        switch (listing, person.role) {
        case (.queue, _): rows = try session.cases(CaseFilter(agency: person.agency, unassignedOnly: true))
        case (.mine, .manager): rows = try session.cases(CaseFilter(agency: person.agency))
        case (.mine, .advisor): rows = try session.cases(CaseFilter(advisor: person.advisorID))
        }
        rows = rows.filter { row in
            person.canSee(placement(row)) && filter.state.map { row.state == $0 } ?? true
                && filter.route.map { row.route == $0 } ?? true
                && filter.reason.map { reason in row.reasons.contains { $0.reason == reason } } ?? true
        }
        return rows.sorted {
            ($0.state.isActive ? 0 : 1, $0.dueOn, $0.id) < ($1.state.isActive ? 0 : 1, $1.dueOn, $1.id)
        }
    }
}
