import GRDB
import GRDBSQLite

/// Binds values to a prepared statement through SQLite directly and runs it (GRDB's arguments
/// cost more than the statement itself, once per row of a large import).
struct StatementBinding {
    let handle: OpaquePointer

    /// Binds a text (copied by SQLite) or NULL.
    func bind(_ value: String?, _ index: Int32) {
        guard var value else {
            sqlite3_bind_null(handle, index)
            return
        }
        value.withUTF8 { bind(utf8: $0, index) }
    }

    /// Binds the bytes of a UTF-8 text (copied by SQLite).
    func bind(bytes: [UInt8], _ index: Int32) {
        bytes.withUnsafeBufferPointer { bind(utf8: $0, index) }
    }

    private func bind(utf8 bytes: UnsafeBufferPointer<UInt8>, _ index: Int32) {
        let text = UnsafeRawPointer(bytes.baseAddress ?? Self.empty).assumingMemoryBound(to: CChar.self)
        _ = sqlite3_bind_text(handle, index, text, Int32(bytes.count), Self.transient)
    }

    /// Binds an integer or NULL.
    func bind(_ value: Int64?, _ index: Int32) {
        guard let value else {
            sqlite3_bind_null(handle, index)
            return
        }
        sqlite3_bind_int64(handle, index, value)
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
