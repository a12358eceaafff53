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
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO jobseekers (id, department, territory, first_name, last_name, email, phone, agency,
                    advisor, registered_on, channels, journal_required, status, revision)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, COALESCE(?10, ?11), ?12, ?13, ?14, ?15)
                ON CONFLICT(id) DO UPDATE SET department = ?2, territory = ?3, first_name = ?4, last_name = ?5,
                    email = ?6, phone = ?7, agency = ?8, advisor = ?9,
                    registered_on = COALESCE(?10, jobseekers.registered_on), channels = ?12,
                    journal_required = ?13, status = ?14, revision = ?15
                WHERE department IS NOT ?2 OR first_name IS NOT ?4 OR last_name IS NOT ?5 OR email IS NOT ?6
                    OR phone IS NOT ?7 OR agency IS NOT ?8 OR advisor IS NOT ?9
                    OR registered_on IS NOT COALESCE(?10, jobseekers.registered_on) OR channels IS NOT ?12
                    OR journal_required IS NOT ?13 OR status IS NOT ?14
                """)
        try statement.execute(arguments: [
            record.id, record.department, record.territory.key, record.firstName, record.lastName, record.email,
            record.phone?.e164, record.agency, record.advisor, record.registeredOn?.description, today.description,
            record.channels.map { $0.map(\.rawValue).joined(separator: "|") }, record.journalRequired,
            record.status.rawValue, revision,
        ])
        return db.changesCount > 0
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
                INSERT INTO advisors (id, name, email, agency) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT(id) DO UPDATE SET name = ?2, email = ?3, agency = ?4
                WHERE name IS NOT ?2 OR email IS NOT ?3 OR agency IS NOT ?4
                """, arguments: [record.id, record.name, record.email, record.agency])
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
