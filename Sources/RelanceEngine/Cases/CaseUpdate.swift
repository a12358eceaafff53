public import RelanceCore
public import RelanceStore

/// An advisor's follow-up of a case, as `cases update` and `PATCH /v1/cases/{id}` record it:
/// validated here once for both.
public struct CaseUpdate: Sendable {
    public let caseID: Int64
    public let state: CaseState
    /// Replaces the case's note; nil keeps it.
    public let note: String?
    /// Who makes the change: `cli:USER`, `client:ID` (SPEC 14).
    public let author: String

    /// What applying an update did.
    public enum Outcome: Sendable, Equatable {
        /// The case took the state (and note): recorded in its history.
        case changed
        /// The case already had them: nothing written.
        case unchanged
        /// No such case.
        case missing
        /// The case is no longer as the caller saw it (its ``CaseDocument`` was refused).
        case stale
        /// Reopening it would give its jobseeker a second active case, this one.
        case conflict(activeCase: Int64)
    }

    /// The longest note accepted.
    public static let maxNoteLength = 1000

    /// - Throws: ``InvalidCaseUpdate`` naming each field that breaks the rules (`state`, `note`):
    ///   a note longer than ``maxNoteLength`` or with control characters; closing a case without
    ///   contact without a note.
    public init(caseID: Int64, state: CaseState, note: String?, author: String) throws {
        var problems: [InvalidCaseUpdate.Problem] = []
        if let note, let problem = TextRules.problem(inText: note, maxLength: Self.maxNoteLength) {
            problems.append(.init(field: "note", message: problem))
        }
        if state == .closedNoContact, (note ?? "").allSatisfy(\.isWhitespace) {
            problems.append(.init(field: "note", message: "is required to close a case without contact"))
        }
        guard problems.isEmpty else { throw InvalidCaseUpdate(problems: problems) }
        self.caseID = caseID
        self.state = state
        self.note = note
        self.author = author
    }

    /// Records the update in one transaction, at the context's clock; `expecting`, when given,
    /// sees the case as it stands and refuses it (``Outcome/stale``) when it is not the one the
    /// caller last read.
    public func apply(
        _ relance: Relance, auditedAs actor: AuditActor, expecting: (@Sendable (CaseDocument) -> Bool)? = nil
    ) throws -> Outcome {
        let now = relance.clock.now
        return try relance.store.write { session in
            if let expecting {
                guard let current = try CaseDocument.load(caseID, in: session, now: now) else { return .missing }
                guard expecting(current) else { return .stale }
            }
            switch try session.updateCase(id: caseID, state: state, note: note, by: author, now: now) {
            case .changed:
                try Audit.record(actor, .update, case: caseID, detail: state.rawValue, at: now, in: session)
                return .changed
            case .unchanged: return .unchanged
            case .missing: return .missing
            case .conflict(let other): return .conflict(activeCase: other)
            }
        }
    }
}

/// The fields of a case update that break the rules.
public struct InvalidCaseUpdate: Error, Sendable {
    public struct Problem: Sendable, Equatable {
        /// `state` or `note`.
        public let field: String
        public let message: String
    }

    public let problems: [Problem]
}
