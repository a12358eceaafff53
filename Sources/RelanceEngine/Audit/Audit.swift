public import RelanceCore
public import RelanceStore

/// The audit trail of SPEC 14: every read of a case's personal data and every change, wherever it
/// happens (desk `advisor:ID`, HTTP API `client:ID`, command line `cli:USER`).
///
/// Record in the same transaction as the read or the change, so that neither exists without the
/// other:
///
/// ```swift
/// try relance.store.write { session in
///     let rows = try session.cases(filter)
///     try Audit.record(.client("crm"), .list, cases: rows.map(\.id), at: now, in: session)
///     return rows
/// }
/// ```
public enum Audit {
    /// Records that `actor` did `action` with one case (nil: with no single case).
    public static func record(
        _ actor: AuditActor, _ action: AuditAction, case caseID: Int64?, detail: String? = nil, at now: Instant,
        in session: StoreSession
    ) throws {
        try session.recordAudit([AuditEntry(at: now, actor: actor, action: action, caseID: caseID, detail: detail)])
    }

    /// Records that `actor` did `action` with each of `cases` (a list or an export shows them all).
    public static func record(
        _ actor: AuditActor, _ action: AuditAction, cases: [Int64], at now: Instant, in session: StoreSession
    ) throws {
        try session.recordAudit(cases.map { AuditEntry(at: now, actor: actor, action: action, caseID: $0) })
    }
}
