import GRDB
import GRDBSQLite
public import RelanceCore

/// The rows of a jobseekers file, staged in a temporary table and written at once in key order.
///
/// SQLite sorts the staged rows (on disk past its cache) and writes each page of `jobseekers`
/// once; written in the file's order, even in sorted batches, every batch rewrote pages the
/// 16 MiB cache could not hold (1,000,000 rows: 17.5 s, a third of it writing spilled pages).
///
/// Use: ``add(_:line:)`` for every valid row, ``addInvalid(id:line:)`` for a row whose id is
/// valid but another field is not (a later row with its id is a duplicate), then
/// ``write(today:revision:)``. The table lives in the session's transaction.
public struct JobseekerStaging {
    let db: Database
    private let insert: Statement

    static let insertSQL = """
        INSERT INTO staged_jobseekers (line, id, department, territory, first_name, last_name, email, phone,
            agency, advisor, registered_on, channels, journal_required, status)
        VALUES (?16, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?12, ?13, ?14)
        """

    init(db: Database) throws {
        self.db = db
        // Invalid rows have only their line and id.
        try db.execute(
            sql: """
                DROP TABLE IF EXISTS temp.staged_jobseekers;
                CREATE TEMP TABLE staged_jobseekers (
                    line INTEGER PRIMARY KEY, id TEXT NOT NULL, department TEXT, territory TEXT,
                    first_name TEXT, last_name TEXT, email TEXT, phone TEXT, agency TEXT, advisor TEXT,
                    registered_on TEXT, channels TEXT, journal_required INTEGER, status TEXT);
                """)
        insert = try db.makeStatement(sql: Self.insertSQL)
    }

    /// Stages a valid row.
    public func add(_ record: JobseekerRecord, line: Int) throws {
        let binding = StatementBinding(handle: insert.sqliteStatement)
        binding.bind(record)
        sqlite3_bind_int64(binding.handle, 16, Int64(line))
        try binding.step(db, sql: Self.insertSQL)
    }

    /// Stages the id of an invalid row, so that a later row with the same id is a duplicate.
    public func addInvalid(id: String, line: Int) throws {
        try db.execute(sql: "INSERT INTO staged_jobseekers (line, id) VALUES (?, ?)", arguments: [line, id])
    }

    /// Those of `ids` that a staged row has, in one pass over the stage.
    public func staged(among ids: Set<String>) throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        try db.execute(sql: "CREATE TEMP TABLE staged_candidates (id TEXT PRIMARY KEY) WITHOUT ROWID")
        for id in ids { try db.execute(sql: "INSERT INTO staged_candidates VALUES (?)", arguments: [id]) }
        // CROSS JOIN keeps the stage as the outer loop: one scan, a key look-up per row.
        let found = try String.fetchSet(
            db, sql: "SELECT s.id FROM staged_jobseekers s CROSS JOIN staged_candidates c ON c.id = s.id")
        try db.execute(sql: "DROP TABLE temp.staged_candidates")
        return found
    }

    /// Adds or updates the staged valid rows (a new jobseeker without `registered_on` gets
    /// `today`; a known one keeps its day), stamping `revision` on those that change; drops the
    /// stage.
    ///
    /// - Returns: how many rows added or changed a jobseeker.
    public func write(today: LocalDate, revision: Int) throws -> Int {
        try db.execute(
            sql: """
                INSERT INTO jobseekers (id, department, territory, first_name, last_name, email, phone, agency,
                    advisor, registered_on, channels, journal_required, status, revision)
                SELECT s.id, s.department, s.territory, s.first_name, s.last_name, s.email, s.phone, s.agency,
                    s.advisor, COALESCE(s.registered_on, j.registered_on, ?), s.channels, s.journal_required,
                    s.status, ?
                FROM staged_jobseekers s LEFT JOIN jobseekers j ON j.id = s.id
                WHERE s.department IS NOT NULL
                ORDER BY s.id
                \(JobseekerWriter.onConflict)
                """, arguments: [today.description, revision])
        let written = db.changesCount
        try db.execute(sql: "DROP TABLE temp.staged_jobseekers")
        return written
    }
}

extension StoreSession {
    /// An empty stage for the rows of a jobseekers file, in this session's transaction.
    public func stageJobseekers() throws -> JobseekerStaging { try JobseekerStaging(db: db) }
}
