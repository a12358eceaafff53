import GRDB
import GRDBSQLite

/// Counts, in one pass over the staged rows in the order of their declaration, the rows the
/// store refuses and the rows that add or change something, as the same rows recorded one by one
/// in line order would: a row changes something when it creates its declaration, makes it
/// earlier than the stored one and the earlier rows', or brings an act that neither an earlier
/// row nor a stored act has. (In SQL, each row's look-ups of the earlier rows of its declaration
/// cost twice the pass itself.)
struct DeclarationChanges {
    /// The rows of unknown jobseekers and of windows not opened.
    private(set) var refused = 0
    /// The valid rows that change something.
    private(set) var written = 0

    /// The jobseeker and period of the declaration being read, as bytes.
    private var key: [UInt8] = []
    /// The earliest instant of that declaration so far: stored, or of an earlier row.
    private var earliest: Int64?
    /// The acts of its earlier rows (date, type and label, as bytes).
    private var acts: [[UInt8]] = []

    /// The staged rows sorted by declaration (the index's order), with what the store holds; the
    /// parts of a key are joined by U+001F, which no field holds (control characters are refused).
    static let sql = """
        SELECT s.jobseeker_id || char(31) || s.period, s.declared_at, d.declared_at,
            j.id IS NULL OR u.period IS NOT NULL,
            s.act_date || char(31) || s.act_type || char(31) || s.act_label,
            EXISTS (
                SELECT 1 FROM acts a WHERE a.jobseeker_id = s.jobseeker_id AND a.period = s.period
                    AND a.act_date = s.act_date AND a.act_type = s.act_type AND a.act_label = s.act_label)
        FROM staged_declarations s INDEXED BY staged_by_declaration
        LEFT JOIN jobseekers j ON j.id = s.jobseeker_id
        LEFT JOIN unopened_windows u ON u.period = s.period AND u.territory = j.territory
        LEFT JOIN declarations d ON d.jobseeker_id = s.jobseeker_id AND d.period = s.period
        """

    /// Reads every staged row once.
    init(_ db: Database) throws {
        let statement = try db.makeStatement(sql: Self.sql)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            guard code == SQLITE_ROW else {
                guard code == SQLITE_DONE else {
                    throw DatabaseError(
                        resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: Self.sql)
                }
                return
            }
            count(handle)
        }
    }

    /// Counts the row `handle` stands on.
    private mutating func count(_ handle: OpaquePointer) {
        let key = Self.bytes(handle, 0)
        if !self.key.elementsEqual(key) {
            self.key = Array(key)
            earliest = sqlite3_column_type(handle, 2) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, 2)
            acts.removeAll(keepingCapacity: true)
        }
        guard sqlite3_column_int64(handle, 3) == 0 else {
            refused += 1
            return
        }
        let declaredAt = sqlite3_column_int64(handle, 1)
        var changes = false
        if earliest.map({ declaredAt < $0 }) ?? true {
            earliest = declaredAt
            changes = true
        }
        if sqlite3_column_type(handle, 4) != SQLITE_NULL {
            let act = Self.bytes(handle, 4)
            if !acts.contains(where: { $0.elementsEqual(act) }) {
                acts.append(Array(act))
                if sqlite3_column_int64(handle, 5) == 0 { changes = true }
            }
        }
        if changes { written += 1 }
    }

    /// The bytes of a text column of the current row, valid until the next step.
    private static func bytes(_ handle: OpaquePointer, _ column: Int32) -> UnsafeRawBufferPointer {
        guard let text = sqlite3_column_text(handle, column) else {
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
        return UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column)))
    }
}
