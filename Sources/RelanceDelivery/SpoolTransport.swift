import Foundation
public import RelanceCore

/// Writes every message to `spool_dir/CHANNEL/...` instead of sending it (SPEC section 9).
///
/// Each file is written to a temporary name and renamed, so a reader never sees half a
/// message; the batch is flushed to disk (`sync`) before the caller records it as sent.
/// Files are 0600 in 0700 folders, and each file's modification time is the instant of its
/// writing on the injected clock, so that retention (``SpoolRetention``) follows `--now`.
///
/// A spool path made of data is written only when every component is a plain file name: a
/// message whose path could leave the spool folder fails permanently, and nothing is written.
public struct SpoolTransport: Transport {
    /// The spool folder.
    public let directory: String
    /// Dates the files.
    public let clock: any Clock

    public init(directory: String, clock: any Clock) {
        self.directory = directory
        self.clock = clock
    }

    public func deliver(next: (_ limit: Int) throws -> [OutgoingMessage], settle: ([Settled]) throws -> Void) throws {
        try deliverBatchByBatch(next: next, settle: settle) { messages in
            var createdFolders = Set<String>()
            var outcomes: [DeliveryOutcome] = []
            let writtenAt = clock.now
            for message in messages {
                let components = message.spoolPath.split(separator: "/", omittingEmptySubsequences: false)
                guard components.allSatisfy({ FileName.isPlain(String($0)) }) else {
                    outcomes.append(
                        .permanent(reply: "spool: the path of \(message.key) is not made of plain file names"))
                    continue
                }
                let path = directory + "/" + message.spoolPath
                let folder = (path as NSString).deletingLastPathComponent
                if createdFolders.insert(folder).inserted { try makeFolder(folder) }
                try write(message.body, to: path, dated: writtenAt)
                outcomes.append(.accepted(reply: "spooled \(message.spoolPath)"))
            }
            try flush()
            return outcomes
        }
    }

    private func makeFolder(_ folder: String) throws {
        var components: [String] = []
        for part in folder.split(separator: "/", omittingEmptySubsequences: false) {
            components.append(String(part))
            let prefix = components.joined(separator: "/")
            guard !prefix.isEmpty else { continue }
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                throw RelanceError(
                    .io, "\(prefix): cannot create the spool folder: \(String(cString: strerror(errno)))")
            }
        }
    }

    private func write(_ bytes: [UInt8], to path: String, dated instant: Instant) throws {
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw RelanceError(.io, "\(temporary): cannot write to the spool: \(String(cString: strerror(errno)))")
        }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 {
                let reason = String(cString: strerror(errno))
                Foundation.close(descriptor)
                unlink(temporary)
                throw RelanceError(.io, "\(temporary): cannot write to the spool: \(reason)")
            }
            written += result
        }
        let time = timespec(tv_sec: Int(instant.seconds), tv_nsec: 0)
        let dated = withUnsafePointer(to: (time, time)) {
            $0.withMemoryRebound(to: timespec.self, capacity: 2) { futimens(descriptor, $0) }
        }
        Foundation.close(descriptor)
        guard dated == 0 else {
            unlink(temporary)
            throw RelanceError(.io, "\(temporary): cannot date the spool file: \(String(cString: strerror(errno)))")
        }
        guard rename(temporary, path) == 0 else {
            throw RelanceError(.io, "\(path): cannot move into the spool: \(String(cString: strerror(errno)))")
        }
    }

    /// One `sync` per batch rather than one `fsync` per file: the batch is on disk before it is recorded.
    private func flush() throws {
        sync()
    }
}
