import CSQLiteSetup
import Foundation
import GRDB
import RelanceCore

/// The embedded SQLite database of relance (WAL mode, migrations, bound parameters only).
///
/// Every read and write goes through a ``StoreSession`` handed out by ``read(_:)`` or
/// ``write(_:)``, so the rest of relance never sees SQL or GRDB.
public final class Store: Sendable {
    private let queue: DatabaseQueue
    /// The database file.
    public let path: String

    /// Opens (creating when needed, mode 0600) and migrates the database at `path`; a write waits
    /// up to `busyTimeout` seconds while another process holds the database. With
    /// `checkpointsOnCommit` false, no commit of this connection copies the write-ahead log into
    /// the database (SQLite does it every 1,000 pages otherwise, in whichever commit comes then,
    /// however many pages another process wrote): for a writer that must answer fast, next to
    /// something that calls ``checkpointWithoutWaiting()``.
    ///
    /// - Throws: ``RelanceError`` with code `io` when the file cannot be created, opened or written.
    public init(path: String, busyTimeout: Double = 10, checkpointsOnCommit: Bool = true) throws {
        _ = Store.sqliteOptions
        self.path = path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw RelanceError(.io, "\(directory): cannot create the database folder")
        }
        if !FileManager.default.fileExists(atPath: path) {
            let descriptor = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw RelanceError(.io, "\(path): cannot create the database file") }
            close(descriptor)
        }
        // SQLite would only say "unable to open database file" for a read-only filesystem.
        guard access(path, W_OK) == 0, access(directory, W_OK) == 0 else {
            throw RelanceError(.io, "\(path): the database cannot be written: \(String(cString: strerror(errno)))")
        }
        var configuration = Configuration()
        configuration.busyMode = .callback(Store.waitForLock(upTo: busyTimeout))
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Memory must not grow with the number of jobseekers: a 16 MiB page cache (the tick's
            // passes read in key order, a larger cache measured no faster), and temporary data
            // (the rollback journal of a statement that rewrites a whole period's members) in an
            // unlinked temporary file, not in memory.
            try db.execute(sql: "PRAGMA cache_size = -16384")
            if !checkpointsOnCommit { try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                    try db.execute(sql: "PRAGMA journal_mode = WAL")
                }
            }
            try Schema.migrator.migrate(queue)
        } catch let error as DatabaseError {
            throw Store.translate(error, path: path)
        }
    }

    /// SQLite's process-wide options, set once before the first connection opens: without a
    /// mutex around each call on a connection and around each allocation, which cost 7 % of a
    /// declarations import (`relance_sqlite_setup`). Too late when SQLite is already in use, and
    /// then nothing changes.
    private static let sqliteOptions: Void = { _ = relance_sqlite_setup() }()

    /// How long a connection sleeps between two tries at a lock another process holds.
    static let lockPoll: Double = 0.001

    /// A busy handler that tries again every ``lockPoll`` for about `timeout` seconds. SQLite's
    /// own (`busy_timeout`) backs off to 100 ms between tries, so a writer waiting behind a tick
    /// that commits a chunk and takes the lock again at once would almost never get its turn.
    static func waitForLock(upTo timeout: Double) -> Database.BusyCallback {
        let tries = Int(timeout / lockPoll)
        return { numberOfTries in
            guard numberOfTries < tries else { return false }
            usleep(useconds_t(lockPoll * 1_000_000))
            return true
        }
    }

    /// Lets a writer of another process that waits for the database take its turn: called
    /// between the transactions of a long piece of work cut into several (a tick's chunks),
    /// it sleeps longer than such a writer sleeps between its tries.
    public func letOthersWrite() {
        usleep(useconds_t(Store.lockPoll * 3 * 1_000_000))
    }

    /// Opens the database at `path` only when it exists, for the commands that must not create
    /// one (a mistyped path would otherwise leave an empty database, and the folders to it).
    ///
    /// - Throws: ``RelanceError`` with code `io` when there is no database at `path`, or as
    ///   ``init(path:)``.
    public convenience init(existingAt path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw RelanceError(
                .io,
                "\(path): no database there (check --db or the configuration's 'database'; an import or a tick creates it)"
            )
        }
        try self.init(path: path)
    }

    /// Runs `body` in a read transaction.
    public func read<T>(_ body: (StoreSession) throws -> T) throws -> T {
        do {
            return try queue.read { db in try body(StoreSession(db: db)) }
        } catch let error as DatabaseError {
            throw Store.translate(error, path: path)
        }
    }

    /// Runs `body` in one write transaction: all of it is committed, or none of it.
    public func write<T>(_ body: (StoreSession) throws -> T) throws -> T {
        do {
            return try queue.write { db in try body(StoreSession(db: db)) }
        } catch let error as DatabaseError {
            throw Store.translate(error, path: path)
        }
    }

    /// Runs `body` in one write transaction that takes the write lock first (`BEGIN IMMEDIATE`),
    /// waiting for another process's write to end: the reads of `body` then see the latest data
    /// and its writes cannot fail on a snapshot that changed meanwhile (the HTTP interface).
    public func writeImmediately<T>(_ body: (StoreSession) throws -> T) throws -> T {
        do {
            var result: T?
            try queue.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    result = try body(StoreSession(db: db))
                    return .commit
                }
            }
            return result!
        } catch let error as DatabaseError {
            throw Store.translate(error, path: path)
        }
    }

    /// Runs `body` and rolls everything back, whatever happens (`--dry-run`).
    public func dryRun<T>(_ body: (StoreSession) throws -> T) throws -> T {
        do {
            var result: T?
            try queue.inTransaction { db in
                result = try body(StoreSession(db: db))
                return .rollback
            }
            return result!
        } catch let error as DatabaseError {
            throw Store.translate(error, path: path)
        }
    }

    /// Copies the database to `destination` with SQLite's online backup: a consistent snapshot,
    /// even while a tick or the daemon writes. The copy is created mode 0600 and must not exist.
    ///
    /// The copy passes `PRAGMA integrity_check` before this returns.
    ///
    /// - Throws: ``RelanceError`` — `io` when the destination exists or cannot be written.
    public func backup(to destination: String) throws {
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw RelanceError(.io, "\(destination): already exists; relance never overwrites a backup")
        }
        let descriptor = open(destination, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw RelanceError(.io, "\(destination): cannot create the backup: \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        do {
            let copy = try DatabaseQueue(path: destination)
            try queue.backup(to: copy)
            try copy.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
            let check = try copy.read { try String.fetchAll($0, sql: "PRAGMA integrity_check").joined(separator: "; ") }
            guard check == "ok" else {
                throw RelanceError(.io, "\(destination): the copy fails its integrity check: \(check)")
            }
        } catch let error as DatabaseError {
            try? FileManager.default.removeItem(atPath: destination)
            throw Store.translate(error, path: destination)
        }
    }

    /// Moves the write-ahead log into the database file and empties it, so that content erased
    /// by a purge (overwritten in the file by `secure_delete`) survives in no old WAL frame either.
    public func checkpoint() throws { try checkpoint(mode: "TRUNCATE") }

    /// Copies what it can of the write-ahead log into the database (`PRAGMA wal_checkpoint(PASSIVE)`),
    /// neither waiting for nor holding up any writer; the log starts again from the beginning
    /// at a later commit once everything in it is copied.
    public func checkpointWithoutWaiting() throws { try checkpoint(mode: "PASSIVE") }

    /// `PRAGMA wal_checkpoint(mode)`.
    private func checkpoint(mode: String) throws {
        do {
            try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(\(mode))") }
        } catch let error as DatabaseError {
            throw Store.translate(error, path: path)
        }
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try read { try String.fetchAll($0.db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    static func translate(_ error: DatabaseError, path: String) -> RelanceError {
        switch error.resultCode {
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_FULL, .SQLITE_IOERR, .SQLITE_PERM, .SQLITE_NOTADB,
            .SQLITE_CORRUPT:
            return RelanceError(.io, "\(path): database error: \(error.message ?? "\(error.resultCode)")")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return RelanceError(.busy, "\(path): the database is locked by another process")
        default:
            return RelanceError(.runtime, "\(path): database error: \(error.message ?? "\(error.resultCode)")")
        }
    }
}

/// One transaction on the store; its methods are grouped by concern in `StoreSession+*.swift`.
public struct StoreSession {
    let db: Database
}
