public import Foundation

/// Kills at exact events of a run, found with `strace` (Debian's `strace`, installed by
/// scripts/install-deps; it traces its own child, which some containers forbid): the n-th write a
/// command makes to a file (a page of the WAL, a note in the log of acceptances), the same one on a
/// fast machine and on a loaded one, unlike a moment on the clock.
extension Sandbox {
    private static let strace = "/usr/bin/strace"

    /// A process for `relance ARGS…` traced by strace with `options` (its output to `log`).
    private func traced(_ arguments: [String], now: String, log: String, _ options: [String]) -> Process {
        let process = process(arguments, now: now)
        let relance = process.executableURL!.path
        process.executableURL = URL(fileURLWithPath: Self.strace)
        process.arguments = ["-f", "-qq", "-o", log] + options + ["--", relance] + (process.arguments ?? [])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return process
    }

    /// Runs `relance ARGS…` to its end and returns how many times it made `syscall` (`pwrite64`,
    /// `write`) on `file` (an absolute path, e.g. the WAL of the database), and its exit status.
    public func countCalls(_ syscall: String, on file: String, running arguments: [String], now: String) throws
        -> (calls: Int, status: Int32)
    {
        let log = root + "/strace-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        let process = traced(arguments, now: now, log: log, ["-P", file, "-e", "trace=\(syscall)"])
        try process.run()
        process.waitUntilExit()
        let text = try String(contentsOfFile: log, encoding: .utf8)
        return (text.components(separatedBy: syscall + "(").count - 1, process.terminationStatus)
    }

    /// Starts `relance ARGS…`, which strace kills with SIGKILL as one of its threads is about to
    /// make `syscall` on `file` for the `number`-th time (strace counts thread by thread; that call
    /// is not made); it ends then, or normally when no thread makes that many such calls.
    public func launch(
        _ arguments: [String], now: String, killedAtCall number: Int, of syscall: String, on file: String
    ) throws -> Process {
        let process = traced(
            arguments, now: now, log: "/dev/null",
            ["-P", file, "-e", "trace=\(syscall)", "-e", "inject=\(syscall):signal=SIGKILL:when=\(number)"])
        try process.run()
        return process
    }
}
