import GRDB
import GRDBSQLite
import RelanceCore

/// Adds or updates the jobseekers of one import with one prepared statement.
public struct JobseekerWriter {
    static let sql = """
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
        """

    let db: Database
    let statement: Statement
    /// The day of import, for new jobseekers without `registered_on`.
    let today: String
    let revision: Int

    /// Adds or updates a jobseeker; returns whether anything changed.
    ///
    /// A row equal to the stored one changes nothing, so re-importing a file is a no-op.
    public func upsert(_ record: JobseekerRecord) throws -> Bool {
        // Bound through SQLite directly: GRDB's arguments cost more than the statement itself here.
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        bind(record.id, 1)
        bind(record.department, 2)
        bind(record.territory.key, 3)
        bind(record.firstName, 4)
        bind(record.lastName, 5)
        bind(record.email, 6)
        bind(record.phone?.e164, 7)
        bind(record.agency, 8)
        bind(record.advisor, 9)
        bind(record.registeredOn?.description, 10)
        bind(today, 11)
        bind(record.channels.map { $0.map(\.rawValue).joined(separator: "|") }, 12)
        if let required = record.journalRequired {
            sqlite3_bind_int64(handle, 13, required ? 1 : 0)
        } else {
            sqlite3_bind_null(handle, 13)
        }
        bind(record.status.rawValue, 14)
        sqlite3_bind_int64(handle, 15, Int64(revision))
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: Self.sql)
        }
        return sqlite3_changes(db.sqliteConnection) > 0
    }

    /// Binds a text (copied by SQLite) or NULL.
    private func bind(_ value: String?, _ index: Int32) {
        guard var value else {
            sqlite3_bind_null(statement.sqliteStatement, index)
            return
        }
        value.withUTF8 { bytes in
            let text = UnsafeRawPointer(bytes.baseAddress ?? Self.empty).assumingMemoryBound(to: CChar.self)
            _ = sqlite3_bind_text(statement.sqliteStatement, index, text, Int32(bytes.count), Self.transient)
        }
    }

    /// A valid address for an empty text (a null one would bind NULL).
    private static var empty: UnsafePointer<UInt8> { ("" as StaticString).utf8Start }

    /// SQLite's `SQLITE_TRANSIENT`: copy the bytes before returning.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
