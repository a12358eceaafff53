import Foundation
import RelanceCore

/// The lock that lets only one tick run per database (`DATABASE.lock`, `flock`).
///
/// The kernel releases it when the process dies, so a crashed tick never blocks the next one.
public final class TickLock {
    private let descriptor: Int32

    /// Takes the lock at once, or throws ``RelanceError`` with code `locked` (exit 75).
    public init(database path: String) throws {
        let lockPath = path + ".lock"
        descriptor = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw RelanceError(.io, "\(lockPath): cannot open the tick lock: \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw RelanceError(.locked, "\(path): another tick is running on this database")
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
