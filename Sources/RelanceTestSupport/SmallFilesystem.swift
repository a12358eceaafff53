import Foundation
import Glibc

/// A small tmpfs mounted by a test over a folder, to make the disk fill up or turn read-only
/// under a running command. Mounting needs root (`CAP_SYS_ADMIN`); see ``canMount`` and
/// ``mountRequired``. `make test` runs the suites that mount in a mount namespace of their own
/// (`unshare -m`) when it can, so that a crashed test leaves no mount behind.
///
/// ```swift
/// let disk = try SmallFilesystem(at: sandbox.root + "/var", megabytes: 16)
/// defer { disk.unmount() }
/// try disk.fill(leaving: 256 * 1024)
/// ```
public final class SmallFilesystem: @unchecked Sendable {
    // `@unchecked Sendable`: `mounted` is read and written only while `lock` is held.

    /// The folder the filesystem is mounted on.
    public let path: String
    private var filler: String { path + "/filler" }
    private let lock = NSLock()
    private var mounted = true

    /// Whether this process may mount a tmpfs: false when the kernel refuses with `EPERM`
    /// (not root, or a container without `CAP_SYS_ADMIN`). Found by mounting one once.
    public static let canMount: Bool = {
        let probe = NSTemporaryDirectory() + "relance-mount-probe-\(UUID().uuidString)"
        guard mkdir(probe, 0o700) == 0 else { return false }
        defer { rmdir(probe) }
        guard Glibc.mount("tmpfs", probe, "tmpfs", 0, "size=64k") == 0 else { return errno != EPERM }
        umount2(probe, Int32(MNT_DETACH))
        return true
    }()

    /// Whether a test that needs a mount must fail rather than be skipped when the kernel refuses
    /// it: under CI (`CI` set, as GitHub Actions and most runners do, and not `false` or `0`),
    /// where the suite runs as root and a refusal means the setup is broken, not the machine small.
    public static let mountRequired: Bool = {
        guard let value = ProcessInfo.processInfo.environment["CI"]?.lowercased() else { return false }
        return !["", "0", "false", "no"].contains(value)
    }()

    /// Mounts a tmpfs of `megabytes` over `path` (created if needed).
    public init(at path: String, megabytes: Int) throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard Glibc.mount("tmpfs", path, "tmpfs", 0, "size=\(megabytes)m,mode=0755") == 0 else {
            throw Self.failure("mount tmpfs on \(path)")
        }
    }

    deinit { unmount() }

    /// Bytes still free.
    public var available: Int {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { return 0 }
        return Int(stats.f_bavail) * Int(stats.f_frsize)
    }

    /// Takes all free space but `bytes` with a filler file (replacing an earlier one).
    public func fill(leaving bytes: Int) throws {
        free()
        let size = available - bytes
        guard size > 0 else { throw TestServerError(message: "\(path): only \(available) bytes free") }
        let descriptor = open(filler, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Self.failure("create \(filler)") }
        defer { close(descriptor) }
        let status = posix_fallocate(descriptor, 0, off_t(size))
        guard status == 0 else {
            throw TestServerError(message: "fallocate \(filler): \(String(cString: strerror(status)))")
        }
    }

    /// Removes the filler file, giving its space back.
    public func free() { unlink(filler) }

    /// Remounts read-only (`mount -o remount,ro`), or read-write again.
    public func remount(readOnly: Bool) throws {
        let flags = UInt(MS_REMOUNT) | (readOnly ? UInt(MS_RDONLY) : 0)
        guard Glibc.mount("tmpfs", path, "tmpfs", flags, nil) == 0 else { throw Self.failure("remount \(path)") }
    }

    /// Unmounts (lazily, should a process still hold a file); what was stored is gone. Idempotent.
    public func unmount() {
        lock.lock()
        defer { lock.unlock() }
        guard mounted else { return }
        mounted = false
        umount2(path, Int32(MNT_DETACH))
    }

    private static func failure(_ call: String) -> TestServerError {
        TestServerError(message: "\(call) failed: \(String(cString: strerror(errno)))")
    }
}
