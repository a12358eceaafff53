import Foundation

/// Waits until `condition` holds, checking every 20 ms: for what another process does (a
/// server receiving messages, a daemon stopping), never to let time pass for relance itself,
/// whose time comes from `--now`.
///
/// - Returns: whether the condition held before `timeout` seconds.
public func waitUntil(timeout: Double, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date(timeIntervalSinceNow: timeout)
    while try !condition() {
        if Date() > deadline { return false }
        Thread.sleep(forTimeInterval: 0.02)
    }
    return true
}
