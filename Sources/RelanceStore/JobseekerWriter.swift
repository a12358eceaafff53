import GRDB
import GRDBSQLite
import RelanceCore

/// Adds or updates one jobseeker at a time (`PUT /v1/jobseekers/{id}`) with one prepared
/// statement; a file goes through ``JobseekerStaging``.
struct JobseekerWriter {
    /// The columns a new row replaces, and compares first: an import equal to what is stored
    /// changes nothing (re-importing a file is a no-op) and stamps no revision.
    static let onConflict: String = {
        let compared = [
            "department", "first_name", "last_name", "email", "phone", "agency", "advisor", "registered_on",
            "channels", "journal_required", "status",
        ]
        let set = (["territory"] + compared + ["revision"]).map { "\($0) = excluded.\($0)" }
        let changed = compared.map { "\($0) IS NOT excluded.\($0)" }
        return "ON CONFLICT(id) DO UPDATE SET \(set.joined(separator: ", ")) WHERE \(changed.joined(separator: " OR "))"
    }()

    static let sql = """
        INSERT INTO jobseekers (id, department, territory, first_name, last_name, email, phone, agency,
            advisor, registered_on, channels, journal_required, status, revision)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,
            COALESCE(?10, (SELECT registered_on FROM jobseekers WHERE id = ?1), ?11), ?12, ?13, ?14, ?15)
        \(onConflict)
        """

    let db: Database
    let statement: Statement
    /// The day of import, for new jobseekers without `registered_on`.
    let today: String
    let revision: Int

    /// Adds or updates a jobseeker; returns whether anything changed.
    ///
    /// A row equal to the stored one changes nothing, so re-importing a file is a no-op.
    func upsert(_ record: JobseekerRecord) throws -> Bool {
        let binding = StatementBinding(handle: statement.sqliteStatement)
        sqlite3_reset(binding.handle)
        binding.bind(record)
        binding.bind(today, 11)
        sqlite3_bind_int64(binding.handle, 15, Int64(revision))
        try binding.step(db, sql: Self.sql)
        return sqlite3_changes(db.sqliteConnection) > 0
    }
}
