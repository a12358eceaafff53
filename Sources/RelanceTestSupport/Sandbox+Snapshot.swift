public import Foundation

/// The state of the sandbox database, to prove a command changed nothing: the bytes of the
/// database file and of its write-ahead log (when present), and the `sqlite3 .dump` of every table.
public struct DatabaseSnapshot: Equatable, Sendable {
    /// File name (`relance.sqlite`, `relance.sqlite-wal`) to bytes.
    public let files: [String: Data]
    /// Schema and every row, as SQL text.
    public let dump: String
}

extension Sandbox {
    /// Takes a snapshot of the database. The bytes are read first: `sqlite3` only reads.
    public func databaseSnapshot() throws -> DatabaseSnapshot {
        var files: [String: Data] = [:]
        for suffix in ["", "-wal"] {
            let path = databasePath + suffix
            if let data = contents(path), !(suffix == "-wal" && data.isEmpty) {
                files[(path as NSString).lastPathComponent] = data
            }
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", databasePath, ".dump"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let dump = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, !dump.isEmpty else {
            throw SandboxError(message: "sqlite3 .dump failed (\(process.terminationStatus)); is sqlite3 installed?")
        }
        return DatabaseSnapshot(files: files, dump: String(decoding: dump, as: UTF8.self))
    }
}
