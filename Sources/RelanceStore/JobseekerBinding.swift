import GRDB
import GRDBSQLite

/// Binds the columns of a ``JobseekerRecord`` to a prepared statement through SQLite directly
/// (GRDB's arguments cost more than the statement itself, once per row of a large import).
///
/// The parameters are numbered as the columns of `jobseekers`: ?1 id, ?2 department,
/// ?3 territory, ?4 first_name, ?5 last_name, ?6 email, ?7 phone, ?8 agency, ?9 advisor,
/// ?10 registered_on (NULL when the row has none), ?12 channels, ?13 journal_required,
/// ?14 status; ?11 and ?15 are left to the statement.
struct JobseekerBinding {
    let handle: OpaquePointer

    /// Binds every column of `record`.
    func bind(_ record: JobseekerRecord) {
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
        bind(record.channels.map { $0.map(\.rawValue).joined(separator: "|") }, 12)
        if let required = record.journalRequired {
            sqlite3_bind_int64(handle, 13, required ? 1 : 0)
        } else {
            sqlite3_bind_null(handle, 13)
        }
        bind(record.status.rawValue, 14)
    }

    /// Binds a text (copied by SQLite) or NULL.
    func bind(_ value: String?, _ index: Int32) {
        guard var value else {
            sqlite3_bind_null(handle, index)
            return
        }
        value.withUTF8 { bytes in
            let text = UnsafeRawPointer(bytes.baseAddress ?? Self.empty).assumingMemoryBound(to: CChar.self)
            _ = sqlite3_bind_text(handle, index, text, Int32(bytes.count), Self.transient)
        }
    }

    /// Runs the bound statement once; it must write and return no row.
    func step(_ db: Database, sql: String) throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: sql)
        }
    }

    /// A valid address for an empty text (a null one would bind NULL).
    private static var empty: UnsafePointer<UInt8> { ("" as StaticString).utf8Start }

    /// SQLite's `SQLITE_TRANSIENT`: copy the bytes before returning.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
