import GRDB
public import RelanceCore

/// The rows of a declarations file, staged in a temporary table so that the store's checks and
/// the writes are made for all of them at once (a file of 1,000,000 rows took 80 s row by row:
/// each act wrote the declaration, the act and the member row, through two triggers).
///
/// Use: ``add(line:jobseeker:period:declaredAt:act:problem:)`` for every row, then
/// ``reject(notOpened:)`` for the rows the store refuses, then ``record(at:)``.
/// The table lives in the session's transaction; ``record(at:)`` drops it.
public struct DeclarationStaging {
    let db: Database

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

    init(db: Database) throws {
        self.db = db
        try db.execute(
            sql: """
                DROP TABLE IF EXISTS temp.staged_declarations;
                CREATE TEMP TABLE staged_declarations (
                    line INTEGER PRIMARY KEY, jobseeker_id TEXT NOT NULL, period TEXT, declared_at INTEGER,
                    act_date TEXT, act_type TEXT, act_label TEXT,
                    problem_is_period INTEGER, problem_column TEXT, problem_message TEXT);
                """)
    }

    /// Stages one row; `period` and `declaredAt` are nil when `problem` says they are invalid.
    /// The row's problem is reported only if the store finds none before it.
    public func add(line: Int, jobseeker: String, period: Period?, declaredAt: Instant?, act: Act?, problem: Problem?)
        throws
    {
        try db.cachedStatement(sql: "INSERT INTO staged_declarations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").execute(
            arguments: [
                line, jobseeker, period?.description, declaredAt?.seconds, act?.date.description,
                act?.kind.rawValue, act?.label, problem?.isPeriod, problem?.column, problem?.message,
            ])
    }

    /// Takes the rows the store refuses, or that were staged with a problem, out of the stage,
    /// each with its first reason in the order of SPEC 7's checks (unknown jobseeker, invalid
    /// period, window not opened, a later field), by line.
    public func reject(notOpened: [(period: Period, territory: Territory)]) throws -> [(line: Int, refusal: Refusal)] {
        try db.execute(
            sql: """
                DROP TABLE IF EXISTS temp.unopened_windows;
                CREATE TEMP TABLE unopened_windows (period TEXT, territory TEXT, PRIMARY KEY (period, territory));
                """)
        for window in notOpened {
            try db.execute(
                sql: "INSERT INTO unopened_windows VALUES (?, ?)",
                arguments: [window.period.description, window.territory.key])
        }
        try db.execute(
            sql: """
                CREATE TEMP TABLE refused_declarations AS
                    SELECT s.line, s.jobseeker_id, s.period, j.id IS NULL AS unknown, s.problem_is_period,
                        s.problem_column, s.problem_message, u.period IS NOT NULL AS unopened
                    FROM staged_declarations s
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
        try db.execute(sql: "DROP TABLE temp.refused_declarations; DROP TABLE temp.unopened_windows")
        return refused
    }

    /// Records the staged rows as the same rows recorded one by one in line order would be
    /// (the earliest `declared_at` of a declaration counts, acts are a set), with one write per
    /// declaration; drops the stage.
    ///
    /// - Returns: the number of rows that changed something (a row is counted when it created
    ///   its declaration, made it earlier, or added an act no earlier row or stored act has).
    public func record(at recordedAt: Instant) throws -> Int {
        // The acts no stored act nor earlier row has, with the row that brings each (the rows are
        // read in line order, and the first one stays).
        try db.execute(
            sql: """
                CREATE INDEX temp.staged_by_declaration ON staged_declarations (jobseeker_id, period, line, declared_at);
                CREATE TEMP TABLE staged_new_acts (
                    jobseeker_id TEXT, period TEXT, act_date TEXT, act_type TEXT, act_label TEXT, line INTEGER,
                    PRIMARY KEY (jobseeker_id, period, act_date, act_type, act_label)) WITHOUT ROWID;
                INSERT OR IGNORE INTO staged_new_acts
                    SELECT s.jobseeker_id, s.period, s.act_date, s.act_type, s.act_label, s.line
                    FROM staged_declarations s
                    WHERE s.act_date IS NOT NULL AND NOT EXISTS (
                        SELECT 1 FROM acts a WHERE a.jobseeker_id = s.jobseeker_id AND a.period = s.period
                            AND a.act_date = s.act_date AND a.act_type = s.act_type AND a.act_label = s.act_label)
                    ORDER BY s.line;
                """)
        // A row that makes its declaration earlier than the stored one and the earlier rows', or
        // brings a new act.
        let written =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM (
                        SELECT s.line, s.declared_at, d.declared_at AS stored,
                            MIN(s.declared_at) OVER (PARTITION BY s.jobseeker_id, s.period ORDER BY s.line
                                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier
                        FROM staged_declarations s
                        LEFT JOIN declarations d ON d.jobseeker_id = s.jobseeker_id AND d.period = s.period)
                    WHERE (earlier IS NULL AND stored IS NULL)
                        OR declared_at < MIN(COALESCE(earlier, stored), COALESCE(stored, earlier))
                        OR line IN (SELECT line FROM staged_new_acts)
                    """) ?? 0
        try db.execute(
            sql: """
                INSERT INTO acts (jobseeker_id, period, act_date, act_type, act_label)
                    SELECT jobseeker_id, period, act_date, act_type, act_label FROM staged_new_acts;
                INSERT INTO declarations (jobseeker_id, period, declared_at, recorded_at, acts_count)
                    SELECT s.jobseeker_id, s.period, MIN(s.declared_at), ?,
                        (SELECT COUNT(*) FROM staged_new_acts n WHERE n.jobseeker_id = s.jobseeker_id AND n.period = s.period)
                    FROM staged_declarations s WHERE true GROUP BY s.jobseeker_id, s.period
                ON CONFLICT (jobseeker_id, period) DO UPDATE SET
                    declared_at = MIN(declared_at, excluded.declared_at), acts_count = acts_count + excluded.acts_count
                WHERE excluded.declared_at < declared_at OR excluded.acts_count > 0;
                DROP TABLE temp.staged_new_acts;
                DROP TABLE temp.staged_declarations;
                """, arguments: [recordedAt.seconds])
        return written
    }
}

extension StoreSession {
    /// An empty stage for the rows of a declarations file, in this session's transaction.
    public func stageDeclarations() throws -> DeclarationStaging { try DeclarationStaging(db: db) }
}
