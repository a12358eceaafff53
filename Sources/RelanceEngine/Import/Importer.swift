import Foundation
import RelanceCore
import RelanceStore

/// Imports a CSV file atomically (SPEC section 7): the whole file is validated in one
/// transaction; if any row is invalid, nothing is written unless `skipInvalid`.
public struct Importer {
    let relance: Relance

    public init(_ relance: Relance) { self.relance = relance }

    /// Thrown inside the transaction to roll it back while keeping the report.
    private struct Rollback: Error {
        let report: ImportReport
    }

    /// Imports one file.
    ///
    /// - Throws: ``RelanceError`` `invalidInput` for an unreadable file or a bad header.
    public func run(_ kind: ImportKind, path: String, skipInvalid: Bool, dryRun: Bool) throws -> ImportReport {
        let now = relance.clock.now
        let body: (StoreSession) throws -> ImportReport = { session in
            var report = try self.importRows(kind, path: path, session: session, now: now)
            if report.invalid > 0 && !skipInvalid { throw Rollback(report: report) }
            if kind == .declarations {
                _ = try session.settleLateDeclarations(journal: relance.journalQuery, now: now)
            }
            report.committed = !dryRun
            return report
        }
        do {
            return dryRun ? try relance.store.dryRun(body) : try relance.store.write(body)
        } catch let rollback as Rollback {
            return rollback.report
        }
    }

    private func importRows(_ kind: ImportKind, path: String, session: StoreSession, now: Instant) throws
        -> ImportReport
    {
        var seen = Set<String>()
        let configuration = relance.configuration
        switch kind {
        case .jobseekers:
            let revision = try session.beginJobseekerImport()
            let today = Zone.paris.date(of: now)
            let file = CSVImport(path: path, columns: Rows.jobseekerColumns, requiredColumns: ["id", "department"])
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            let stage = try session.stageJobseekers()
            var (report, valid) = try JobseekerImport(
                file: file, fileBytes: size, pattern: configuration.identifierPattern, stage: stage,
                routing: RoutingCheck(path: path, known: try session.knownRecipients())
            ).run()
            report.written = try stage.write(today: today, revision: revision)
            report.unchanged = valid - report.written
            return report
        case .advisors:
            return try CSVImport(
                path: path, columns: ["id", "name", "email", "agency", "role"],
                requiredColumns: ["id", "email", "agency"]
            ).run { try session.upsert(Rows.advisor($0, seen: &seen)) ? .written : .unchanged }
        case .agencies:
            return try CSVImport(
                path: path, columns: ["code", "name", "email", "department"],
                requiredColumns: ["code", "email", "department"]
            ).run { try session.upsert(Rows.agency($0, seen: &seen)) ? .written : .unchanged }
        case .declarations:
            let file = CSVImport(
                path: path, columns: DeclarationRow.columns, requiredColumns: ["jobseeker_id", "period", "declared_at"])
            return try DeclarationImport(file: file, session: session, calendar: configuration.cycle, now: now).run()
        }
    }

    /// Records one declaration (`relance declare`): `acts` as `TYPE:YYYY-MM-DD:LABEL`.
    ///
    /// - Throws: ``RelanceError`` `invalidInput` naming the field at fault.
    public func declare(jobseeker: String, period: String, at: String?, acts: [String]) throws -> Bool {
        let now = relance.clock.now
        return try relance.store.write { session in
            var changed = false
            let rows = acts.isEmpty ? [nil] : acts.map { Optional($0) }
            for (index, act) in rows.enumerated() {
                var values = ["jobseeker_id": jobseeker, "period": period, "declared_at": at ?? Zone.utc.format(now)]
                if let act {
                    let parts = act.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(
                        String.init)
                    guard parts.count >= 2 else {
                        throw RelanceError(.invalidInput, "--act \(index + 1): expected TYPE:YYYY-MM-DD:LABEL")
                    }
                    values["act_type"] = parts[0]
                    values["act_date"] = parts[1]
                    values["act_label"] = parts.count > 2 ? parts[2] : ""
                }
                do {
                    let row = try DeclarationRow.parse(
                        CSVRow(line: index + 1, values: values), session: session,
                        calendar: relance.configuration.cycle, now: now)
                    changed =
                        try session.recordDeclaration(
                            jobseeker: row.jobseekerID, period: row.period, declaredAt: row.declaredAt,
                            acts: row.act.map { [$0] } ?? [], recordedAt: now) || changed
                } catch let error as FieldError {
                    throw RelanceError(.invalidInput, "\(Self.option(for: error.column)): \(error.message)")
                }
            }
            _ = try session.settleLateDeclarations(journal: relance.journalQuery, now: now)
            return changed
        }
    }

    private static func option(for column: String) -> String {
        switch column {
        case "jobseeker_id": "ID"
        case "period": "PERIOD"
        case "declared_at": "--at"
        default: "--act (\(column))"
        }
    }
}
