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
        // A few tries over a few milliseconds: ``isHeld(database:)`` takes the lock for an
        // instant, and must not turn a tick away; a tick that runs holds it for seconds.
        var tries = 0
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            tries += 1
            guard errno == EWOULDBLOCK, tries < 5 else {
                close(descriptor)
                throw RelanceError(.locked, "\(path): another tick is running on this database")
            }
            usleep(2_000)
        }
    }

    /// Whether a tick runs on the database at `path` now (holds its lock); false when the lock
    /// file cannot be opened. Takes the lock shared for an instant.
    public static func isHeld(database path: String) -> Bool {
        let descriptor = open(path + ".lock", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_SH | LOCK_NB) == 0 else { return errno == EWOULDBLOCK }
        flock(descriptor, LOCK_UN)
        return false
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
