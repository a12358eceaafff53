import Foundation
import GRDB
import GRDBSQLite

/// Counts, in one pass over the staged rows in the order of their declaration, the rows the
/// store refuses and the rows that add or change something, as the same rows recorded one by one
/// in line order would: a row changes something when it creates its declaration, makes it
/// earlier than the stored one and the earlier rows', or brings an act that neither an earlier
/// row nor a stored act has. (In SQL, each row's look-ups of the earlier rows of its declaration
/// cost twice the pass itself.)
///
/// Each declaration that changes goes to `staged_changes`, in key order, with its earliest
/// instant and the number of its new acts: what one write of the declaration sets.
struct DeclarationChanges {
    /// The rows of unknown jobseekers and of windows not opened.
    private(set) var refused = 0
    /// The valid rows that change something.
    private(set) var written = 0

    /// The jobseeker and period of the declaration being read, as bytes.
    private var jobseeker: [UInt8] = []
    private var period: [UInt8] = []
    /// The earliest instant of that declaration so far: stored, or of an earlier row.
    private var earliest: Int64?
    /// The acts of its earlier rows: date, type and label, joined by U+001F (no field holds a
    /// control character).
    private var acts: [[UInt8]] = []
    /// The act of the current row, in the same form.
    private var act: [UInt8] = []
    /// How many new acts its rows bring so far.
    private var newActs: Int64 = 0
    /// Whether a valid row of the declaration changes something.
    private var changed = false
    /// Adds a row to `staged_changes`.
    private let change: Statement

    static let changeSQL = "INSERT INTO staged_changes VALUES (?, ?, ?, ?)"

    /// The staged rows sorted by declaration (the index's order), with what the store holds.
    /// Columns are read apart: joining them in SQL allocated a text per row.
    static let sql = """
        SELECT s.jobseeker_id, s.period, s.declared_at, d.declared_at, j.id IS NULL OR u.period IS NOT NULL,
            s.act_date, s.act_type, s.act_label,
            EXISTS (
                SELECT 1 FROM acts a WHERE a.jobseeker_id = s.jobseeker_id AND a.period = s.period
                    AND a.act_date = s.act_date AND a.act_type = s.act_type AND a.act_label = s.act_label)
        FROM staged_declarations s INDEXED BY staged_by_declaration
        LEFT JOIN jobseekers j ON j.id = s.jobseeker_id
        LEFT JOIN unopened_windows u ON u.period = s.period AND u.territory = j.territory
        LEFT JOIN declarations d ON d.jobseeker_id = s.jobseeker_id AND d.period = s.period
        """

    /// Reads every staged row once, into `staged_changes`, which must exist.
    init(_ db: Database) throws {
        change = try db.makeStatement(sql: Self.changeSQL)
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
                try flush(db)
                return
            }
            if !isSameDeclaration(handle) {
                try flush(db)
                start(handle)
            }
            count(handle)
        }
    }

    /// Whether the row `handle` stands on is of the declaration being read.
    private func isSameDeclaration(_ handle: OpaquePointer) -> Bool {
        Self.same(jobseeker, Self.bytes(handle, 0)) && Self.same(period, Self.bytes(handle, 1))
    }

    /// Starts reading the declaration of the row `handle` stands on.
    private mutating func start(_ handle: OpaquePointer) {
        jobseeker = Array(Self.bytes(handle, 0))
        period = Array(Self.bytes(handle, 1))
        earliest = sqlite3_column_type(handle, 3) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, 3)
        acts.removeAll(keepingCapacity: true)
        newActs = 0
        changed = false
    }

    /// Stages the declaration read so far if one of its rows changes something.
    private func flush(_ db: Database) throws {
        guard changed, let earliest else { return }
        let binding = StatementBinding(handle: change.sqliteStatement)
        binding.bind(bytes: jobseeker, 1)
        binding.bind(bytes: period, 2)
        binding.bind(earliest, 3)
        binding.bind(newActs, 4)
        try binding.step(db, sql: Self.changeSQL)
    }

    /// Counts the row `handle` stands on.
    private mutating func count(_ handle: OpaquePointer) {
        guard sqlite3_column_int64(handle, 4) == 0 else {
            refused += 1
            return
        }
        let declaredAt = sqlite3_column_int64(handle, 2)
        var changes = false
        if earliest.map({ declaredAt < $0 }) ?? true {
            earliest = declaredAt
            changes = true
        }
        if sqlite3_column_type(handle, 5) != SQLITE_NULL {
            act.removeAll(keepingCapacity: true)
            act.append(contentsOf: Self.bytes(handle, 5))
            act.append(0x1F)
            act.append(contentsOf: Self.bytes(handle, 6))
            act.append(0x1F)
            act.append(contentsOf: Self.bytes(handle, 7))
            if !acts.contains(act) {
                acts.append(act)
                if sqlite3_column_int64(handle, 8) == 0 {
                    newActs += 1
                    changes = true
                }
            }
        }
        if changes {
            written += 1
            changed = true
        }
    }

    /// Whether `bytes` hold `kept`.
    private static func same(_ kept: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard kept.count == bytes.count else { return false }
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return true }
        return kept.withUnsafeBytes { $0.baseAddress.map { memcmp($0, base, bytes.count) == 0 } ?? false }
    }

    /// The bytes of a text column of the current row, valid until the next step.
    private static func bytes(_ handle: OpaquePointer, _ column: Int32) -> UnsafeRawBufferPointer {
        guard let text = sqlite3_column_text(handle, column) else {
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
        return UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column)))
    }
}
