import GRDB
import GRDBSQLite
public import RelanceCore

/// The rows of a declarations file, staged in a temporary table so that the store's checks and
/// the writes are made for all of them at once, in the order of the declarations' key (a file of
/// 1,000,000 rows took 80 s row by row; staged but read in the file's order, every look-up and
/// every write landed on a page the cache had dropped).
///
/// Use: ``add(line:jobseeker:period:declaredAt:act:problem:)`` for every row, then
/// ``reject(notOpened:)`` for the rows the store refuses, then ``record(at:)``.
/// The tables live in the session's transaction; ``record(at:)`` drops them.
public final class DeclarationStaging {
    let db: Database
    private let insert: Statement
    /// The rows ``reject(notOpened:)`` found to change something, once it ran.
    private var written = 0
    /// The text of the period of the latest row (nearly every row of a file has the same).
    private var periodText: (period: Period, text: String)?

    /// Why a staged row is refused.
    public enum Refusal: Sendable, Equatable {
        /// No jobseeker has the row's id.
        case unknownJobseeker(String)
        /// The window of the row's period (`YYYY-MM`) has not opened in the jobseeker's territory.
        case notOpened(String)
        /// The problem the row was staged with.
        case invalid(Problem)
    }

    /// A field found invalid without the store, checked before (`period`) or after (a later
    /// field) the window's opening.
    public struct Problem: Sendable, Equatable {
        public let isPeriod: Bool
        public let column: String
        public let message: String

        public init(isPeriod: Bool, column: String, message: String) {
            self.isPeriod = isPeriod
            self.column = column
            self.message = message
        }
    }

    static let insertSQL = "INSERT INTO staged_declarations VALUES (?, ?, ?, ?, ?, ?, ?)"

    /// Valid rows and rows with a problem are staged apart: the writes read only the first table,
    /// kept narrow. The temporary tables are dropped at the end, and their file is unlinked:
    /// zeroing the pages they freed (`secure_delete`, kept on for the database) cost a second.
    /// Their cache is as large as the database's (16 MiB, SQLite's default 2 MiB for temporary
    /// data made the stage and its sort write and read most pages through the kernel twice).
    init(db: Database) throws {
        self.db = db
        try db.execute(
            sql: """
                PRAGMA temp.secure_delete = OFF;
                PRAGMA temp.cache_size = -16384;
                DROP TABLE IF EXISTS temp.staged_declarations;
                DROP TABLE IF EXISTS temp.staged_problems;
                CREATE TEMP TABLE staged_declarations (
                    line INTEGER PRIMARY KEY, jobseeker_id TEXT NOT NULL, period TEXT NOT NULL,
                    declared_at INTEGER NOT NULL, act_date TEXT, act_type TEXT, act_label TEXT);
                CREATE TEMP TABLE staged_problems (
                    line INTEGER PRIMARY KEY, jobseeker_id TEXT NOT NULL, period TEXT,
                    problem_is_period INTEGER NOT NULL, problem_column TEXT NOT NULL, problem_message TEXT NOT NULL);
                """)
        insert = try db.makeStatement(sql: Self.insertSQL)
    }

    /// Stages one row; `period` and `declaredAt` are nil when `problem` says they are invalid.
    /// The row's problem is reported only if the store finds none before it.
    public func add(line: Int, jobseeker: String, period: Period?, declaredAt: Instant?, act: Act?, problem: Problem?)
        throws
    {
        if let problem {
            try db.execute(
                sql: "INSERT INTO staged_problems VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [line, jobseeker, period?.description, problem.isPeriod, problem.column, problem.message])
            return
        }
        guard let period, let declaredAt else {
            preconditionFailure("a row without a problem has a period and an instant")
        }
        let binding = StatementBinding(handle: insert.sqliteStatement)
        binding.bind(Int64(line), 1)
        binding.bind(jobseeker, 2)
        if periodText?.period != period { periodText = (period, period.description) }
        binding.bind(periodText?.text, 3)
        binding.bind(declaredAt.seconds, 4)
        binding.bind(act?.date.description, 5)
        binding.bind(act?.kind.rawValue, 6)
        binding.bind(act?.label, 7)
        try binding.step(db, sql: Self.insertSQL)
    }

    /// Takes the rows the store refuses, or that were staged with a problem, out of the stage,
    /// each with its first reason in the order of SPEC 7's checks (unknown jobseeker, invalid
    /// period, window not opened, a later field), by line.
    ///
    /// The valid rows are sorted by declaration first, and read in that order with the
    /// jobseekers, the stored declarations and acts beside them: one pass counts the refused
    /// rows and the rows that change something (``DeclarationChanges``; a refusal takes a whole
    /// declaration, whose rows have one jobseeker and one period, so the count holds once the
    /// refused rows are out).
    public func reject(notOpened: [(period: Period, territory: Territory)]) throws -> [(line: Int, refusal: Refusal)] {
        try db.execute(
            sql: """
                CREATE INDEX temp.staged_by_declaration ON staged_declarations (
                    jobseeker_id, period, line, declared_at, act_date, act_type, act_label);
                DROP TABLE IF EXISTS temp.unopened_windows;
                CREATE TEMP TABLE unopened_windows (period TEXT, territory TEXT, PRIMARY KEY (period, territory));
                DROP TABLE IF EXISTS temp.staged_changes;
                CREATE TEMP TABLE staged_changes (
                    jobseeker_id TEXT NOT NULL, period TEXT NOT NULL, declared_at INTEGER NOT NULL,
                    new_acts INTEGER NOT NULL);
                """)
        for window in notOpened {
            try db.execute(
                sql: "INSERT INTO unopened_windows VALUES (?, ?)",
                arguments: [window.period.description, window.territory.key])
        }
        let changes = try DeclarationChanges(db)
        written = changes.written
        let problems = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM staged_problems)") ?? false
        defer { try? db.execute(sql: "DROP TABLE temp.unopened_windows") }
        guard changes.refused > 0 || problems else { return [] }
        return try refusals(amongValid: changes.refused > 0)
    }

    /// The refused rows with their first reason, by line, taken out of the stage: the rows staged
    /// with a problem, and the valid ones when `amongValid`.
    private func refusals(amongValid: Bool) throws -> [(line: Int, refusal: Refusal)] {
        let valid = """
            SELECT line, jobseeker_id, period, NULL AS problem_is_period, NULL AS problem_column,
                NULL AS problem_message
            FROM staged_declarations UNION ALL
            """
        try db.execute(
            sql: """
                CREATE TEMP TABLE refused_declarations AS
                    SELECT s.line, s.jobseeker_id, s.period, j.id IS NULL AS unknown, s.problem_is_period,
                        s.problem_column, s.problem_message, u.period IS NOT NULL AS unopened
                    FROM (\(amongValid ? valid : "") SELECT * FROM staged_problems) s
                    LEFT JOIN jobseekers j ON j.id = s.jobseeker_id
                    LEFT JOIN unopened_windows u ON u.period = s.period AND u.territory = j.territory
                    WHERE j.id IS NULL OR s.problem_column IS NOT NULL OR u.period IS NOT NULL;
                DELETE FROM staged_declarations WHERE line IN (SELECT line FROM refused_declarations);
                """)
        let refused = try Row.fetchAll(db, sql: "SELECT * FROM refused_declarations ORDER BY line").map {
            row -> (line: Int, refusal: Refusal) in
            let line: Int = row["line"]
            if row["unknown"] as Bool { return (line, .unknownJobseeker(row["jobseeker_id"])) }
            let problem = (row["problem_column"] as String?).map {
                Problem(isPeriod: row["problem_is_period"], column: $0, message: row["problem_message"])
            }
            if let problem, problem.isPeriod || !(row["unopened"] as Bool) { return (line, .invalid(problem)) }
            return (line, .notOpened(row["period"]))
        }
        try db.execute(sql: "DROP TABLE temp.refused_declarations")
        return refused
    }

    /// Records the staged rows as the same rows recorded one by one in line order would be
    /// (the earliest `declared_at` of a declaration counts, acts are a set), in the order of the
    /// declarations' key, with one write per declaration that changes (found by
    /// ``reject(notOpened:)``); drops the stage.
    ///
    /// - Returns: the number of rows that changed something.
    public func record(at recordedAt: Instant) throws -> Int {
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO acts (jobseeker_id, period, act_date, act_type, act_label)
                    SELECT jobseeker_id, period, act_date, act_type, act_label
                    FROM staged_declarations INDEXED BY staged_by_declaration WHERE act_date IS NOT NULL;
                INSERT INTO declarations (jobseeker_id, period, declared_at, recorded_at, acts_count)
                    SELECT jobseeker_id, period, declared_at, ?, new_acts FROM staged_changes WHERE true
                ON CONFLICT (jobseeker_id, period) DO UPDATE SET
                    declared_at = excluded.declared_at, acts_count = acts_count + excluded.acts_count;
                DROP TABLE temp.staged_changes;
                DROP TABLE temp.staged_declarations;
                DROP TABLE temp.staged_problems;
                """, arguments: [recordedAt.seconds])
        return written
    }
}

extension StoreSession {
    /// An empty stage for the rows of a declarations file, in this session's transaction.
    public func stageDeclarations() throws -> DeclarationStaging { try DeclarationStaging(db: db) }
}
