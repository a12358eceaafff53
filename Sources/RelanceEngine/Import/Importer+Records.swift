import RelanceCore
import RelanceStore

/// A field of one record (a declaration or a jobseeker sent over the HTTP interface) that breaks
/// a rule of SPEC section 7, with the message the CSV import gives for it.
public struct FieldProblem: Sendable, Equatable {
    /// The column of section 7 (`period`, `act_date`…).
    public let column: String
    /// The position of the act, for the act columns of a declaration.
    public let act: Int?
    public let message: String
}

/// A record with invalid fields: nothing was written.
public struct InvalidRecord: Error, Sendable {
    public let problems: [FieldProblem]
}

/// What a write of one record found.
public enum RecordOutcome: Sendable, Equatable {
    /// The record is new.
    case created
    /// The record existed; it was updated to the request, or was already so.
    case existed
}

extension Importer {
    /// Records one declaration given as the columns of a declarations row (`jobseeker_id`,
    /// `period`, `declared_at`) and its acts (`act_date`, `act_type`, `act_label`): each act is
    /// validated as one row of a declarations file, and all are recorded in one transaction, the
    /// same way as an import (acts are a set, the earliest `declared_at` counts).
    ///
    /// - Throws: ``InvalidRecord`` with the import's messages; ``RelanceError`` for the database.
    public func record(declaration fields: [String: String], acts: [[String: String]]) throws -> RecordOutcome {
        let now = relance.clock.now
        let configuration = relance.configuration
        return try relance.store.writeImmediately { session in
            var rows: [DeclarationRow] = []
            var problems: [FieldProblem] = []
            for (index, act) in (acts.isEmpty ? [[:]] : acts).enumerated() {
                do {
                    rows.append(
                        try DeclarationRow.parse(
                            CSVRow(line: index + 1, values: fields.merging(act) { first, _ in first }),
                            session: session, calendar: configuration.cycle, now: now))
                } catch let error as FieldError {
                    let isAct = error.column.hasPrefix("act_")
                    let problem = FieldProblem(
                        column: error.column, act: isAct ? index : nil, message: error.message)
                    if !problems.contains(problem) { problems.append(problem) }
                }
            }
            guard problems.isEmpty, let first = rows.first else { throw InvalidRecord(problems: problems) }
            let existed = try session.hasDeclaration(jobseeker: first.jobseekerID, period: first.period)
            try session.recordDeclaration(
                jobseeker: first.jobseekerID, period: first.period,
                declaredAt: rows.map(\.declaredAt).min() ?? first.declaredAt, acts: rows.compactMap(\.act),
                recordedAt: now)
            _ = try session.settleLateDeclarations(
                journal: relance.journalQuery, now: now, only: (first.jobseekerID, first.period))
            return existed ? .existed : .created
        }
    }

    /// Creates or replaces one jobseeker given as the columns of a jobseekers row (`id` comes
    /// from `id`): validated as a row of a jobseekers file; a column left out is emptied, except
    /// `registered_on`, which a stored jobseeker keeps.
    ///
    /// - Throws: ``InvalidRecord`` with the import's message; ``RelanceError`` for the database.
    public func put(jobseeker id: String, columns: [String: String]) throws -> RecordOutcome {
        let record: JobseekerRecord
        do {
            let row = CSVRow(line: 1, values: columns.merging(["id": id]) { _, path in path })
            record = try Rows.jobseeker(
                row, id: Rows.jobseekerID(row, pattern: relance.configuration.identifierPattern))
        } catch let error as FieldError {
            throw InvalidRecord(problems: [FieldProblem(column: error.column, act: nil, message: error.message)])
        }
        let today = Zone.paris.date(of: relance.clock.now)
        return try relance.store.writeImmediately { session in
            let existed = try session.jobseekerRevision(id) != nil
            // A change takes the next revision, as an import would, so the next tick sees it; a
            // request that changes nothing leaves the counter as it is.
            let next = (Int(try session.meta("jobseekers_revision") ?? "0") ?? 0) + 1
            if try session.upsert(record, today: today, revision: next) { _ = try session.beginJobseekerImport() }
            return existed ? .existed : .created
        }
    }
}
