import GRDB
public import RelanceCore

extension StoreSession {
    /// Starts an import of jobseekers: the revision stamped on every row it adds or changes.
    public func beginJobseekerImport() throws -> Int { try nextCounter("jobseekers_revision") }

    /// Adds or updates a jobseeker; returns whether anything changed.
    ///
    /// A row equal to the stored one changes nothing, so re-importing a file is a no-op.
    @discardableResult
    public func upsert(_ record: JobseekerRecord, today: LocalDate, revision: Int) throws -> Bool {
        try jobseekerWriter(today: today, revision: revision).upsert(record)
    }

    /// A writer of the jobseekers of one import, its statement prepared once.
    func jobseekerWriter(today: LocalDate, revision: Int) throws -> JobseekerWriter {
        JobseekerWriter(
            db: db, statement: try db.cachedStatement(sql: JobseekerWriter.sql), today: today.description,
            revision: revision)
    }

    /// The revision of a known jobseeker (that of the import that last changed it), or nil.
    public func jobseekerRevision(_ id: String) throws -> Int? {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT revision FROM jobseekers WHERE id = ?"), arguments: [id])
    }

    /// The territory of a known jobseeker, or nil when there is no such jobseeker.
    public func jobseekerTerritory(_ id: String) throws -> Territory? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT territory FROM jobseekers WHERE id = ?"), arguments: [id])
            .flatMap(Territory.init(key:))
    }

    /// Adds or updates an advisor; returns whether anything changed.
    @discardableResult
    public func upsert(_ record: AdvisorRecord) throws -> Bool {
        try db.execute(
            sql: """
                INSERT INTO advisors (id, name, email, agency, role) VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT(id) DO UPDATE SET name = ?2, email = ?3, agency = ?4, role = ?5
                WHERE name IS NOT ?2 OR email IS NOT ?3 OR agency IS NOT ?4 OR role IS NOT ?5
                """, arguments: [record.id, record.name, record.email, record.agency, record.role.rawValue])
        return db.changesCount > 0
    }

    /// Adds or updates an agency; returns whether anything changed.
    @discardableResult
    public func upsert(_ record: AgencyRecord) throws -> Bool {
        try db.execute(
            sql: """
                INSERT INTO agencies (code, name, email, department) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT(code) DO UPDATE SET name = ?2, email = ?3, department = ?4
                WHERE name IS NOT ?2 OR email IS NOT ?3 OR department IS NOT ?4
                """, arguments: [record.code, record.name, record.email, record.department])
        return db.changesCount > 0
    }
}
