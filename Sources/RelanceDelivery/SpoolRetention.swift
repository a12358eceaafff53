import Foundation
public import RelanceCore

/// Retention of the spool folder (SPEC section 10): messages hold names, addresses and texts, so
/// spool files go once `retention.message_content` has passed, like the addresses in the database.
///
/// A file's age is its modification time, which ``SpoolTransport`` sets to the instant of the
/// writing on the injected clock (`--now`), for reminders and digests alike.
public enum SpoolRetention {
    /// What a purge of the spool removed, or would remove.
    public struct Counts: Sendable, Equatable {
        /// Message files deleted.
        public var files = 0
        /// Folders left empty by those deletions, deleted too.
        public var folders = 0

        public init() {}
    }

    /// What a sweep found.
    public struct Sweep: Sendable {
        public var counts = Counts()
        /// The date of the oldest file kept, nil when none is left.
        public var oldestKept: Instant?
    }

    /// Deletes the regular files under `directory` dated before `cutoff`, then the folders that
    /// this empties (never `directory` itself, nor a folder that was already empty: a tick may
    /// just have made it); with `dryRun`, only counts them. Symbolic links are never followed.
    ///
    /// - Throws: ``RelanceError`` (`io`) when a folder cannot be read or an entry deleted.
    public static func purge(directory: String, before cutoff: Instant, dryRun: Bool) throws -> Sweep {
        var result = Sweep()
        guard FileManager.default.fileExists(atPath: directory) else { return result }
        _ = try sweep(directory, cutoff: cutoff.seconds, dryRun: dryRun, result: &result)
        return result
    }

    /// Sweeps one folder; returns whether the sweep emptied it.
    private static func sweep(_ folder: String, cutoff: Int64, dryRun: Bool, result: inout Sweep) throws -> Bool {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw RelanceError(.io, "\(folder): cannot read the spool folder")
        }
        var removed = 0
        for name in names {
            let path = folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                guard try sweep(path, cutoff: cutoff, dryRun: dryRun, result: &result) else { continue }
                if !dryRun { try remove(path, with: rmdir) }
                result.counts.folders += 1
            case S_IFREG:
                let written = Instant(seconds: Int64(info.st_mtim.tv_sec))
                guard written.seconds < cutoff else {
                    result.oldestKept = min(result.oldestKept ?? written, written)
                    continue
                }
                if !dryRun { try remove(path, with: unlink) }
                result.counts.files += 1
            default:
                continue
            }
            removed += 1
        }
        return removed > 0 && removed == names.count
    }

    private static func remove(_ path: String, with call: (UnsafePointer<CChar>) -> Int32) throws {
        guard call(path) == 0 || errno == ENOENT else {
            throw RelanceError(.io, "\(path): cannot delete from the spool: \(String(cString: strerror(errno)))")
        }
    }
}
