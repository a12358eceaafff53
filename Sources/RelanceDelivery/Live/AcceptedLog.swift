import Foundation
import RelanceCore

/// A file where connection workers note each reminder a server accepted, before their connection
/// lets the server accept another message. A connection then need not wait for the database to
/// record the outcome (SQLite records from one thread, one transaction at a time): if the
/// process is killed before the database has it, the next tick finds the acceptance here and
/// settles it (``entries(at:)``), so the only reminders sent twice are still the ones that were
/// on the wire, at most one per connection.
///
/// Each line is `KEY<TAB>REPLY`, appended with one `write` (`O_APPEND`). The file is emptied once
/// the database holds everything it notes. Only reminders are noted (keys
/// `JOBSEEKER/PERIOD/STEP`); a digest's connection waits for the database. The file is 0600, next
/// to the database, and holds reminder keys only for the time of a delivery.
public final class AcceptedLog: @unchecked Sendable {
    // @unchecked: neither property changes; `write` with O_APPEND is atomic per call.
    private let path: String
    private let descriptor: Int32

    /// The log of the database at `databasePath`.
    public static func path(forDatabase databasePath: String) -> String { databasePath + "-accepted" }

    /// Opens (or creates) the log; nil when it cannot be written (deliveries then wait for the
    /// database, as without a log).
    public init?(path: String) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
    }

    deinit { close(descriptor) }

    /// Notes an accepted message; true when it is a reminder and the note is written.
    func note(key: String, reply: String) -> Bool {
        guard ReminderKey(key) != nil else { return false }
        let line = Array((key + "\t" + reply + "\n").utf8)
        return line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) } == line.count
    }

    /// Empties the log, once the database holds everything it noted.
    func clear() {
        Self.clear(at: path)
    }

    /// The acceptances noted in the log at `path` (none when there is no log), oldest first.
    public static func entries(at path: String) -> [(key: String, reply: String)] {
        let bytes = contents(of: path)
        guard !bytes.isEmpty else { return [] }
        // Split on bytes, not characters: "\r\n" is one Swift character, so a line ending in a
        // carriage return would not be split from the next one (found by FuzzAcceptedLog).
        return bytes.split(separator: UInt8(ascii: "\n")).compactMap { line in
            let fields = line.split(separator: UInt8(ascii: "\t"), maxSplits: 1, omittingEmptySubsequences: false)
            guard fields.count == 2 else { return nil }
            return (String(decoding: fields[0], as: UTF8.self), String(decoding: fields[1], as: UTF8.self))
        }
    }

    /// The bytes of the file at `path` (none when it cannot be read). Read with `read(2)`:
    /// Foundation's `contents(atPath:)` leaks its buffer on an empty file, the usual case here.
    private static func contents(of path: String) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return [] }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes += chunk[..<count]
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                return bytes
            }
        }
    }

    /// Empties the log at `path` (after its entries are settled in the database).
    public static func clear(at path: String) {
        _ = truncate(path, 0)
    }
}
