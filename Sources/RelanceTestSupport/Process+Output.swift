public import Foundation

extension Process {
    /// Runs the process to its end and returns its exit status and output. Standard error is
    /// read on a thread of its own, so that neither pipe can fill up and block the program.
    public func runCollectingOutput() throws -> Sandbox.Result {
        let out = Pipe()
        let err = Pipe()
        standardOutput = out
        standardError = err
        try run()
        let stderr = ErrorOutput()
        let reader = Thread { stderr.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        waitUntilExit()
        return Sandbox.Result(
            status: terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr.wait(), as: UTF8.self))
    }
}

/// Standard error, read by another thread.
private final class ErrorOutput: @unchecked Sendable {
    // @unchecked: `data` is only touched with `condition` locked.
    private let condition = NSCondition()
    private var data: Data?

    func set(_ value: Data) {
        condition.lock()
        data = value
        condition.signal()
        condition.unlock()
    }

    func wait() -> Data {
        condition.lock()
        defer { condition.unlock() }
        while data == nil { condition.wait() }
        return data!
    }
}
