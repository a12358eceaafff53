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

/// How long tests wait for an event (a process ready, a message captured, an exit) before they
/// call it a hang: far above any machine's pace, so that a loaded machine never fails a test.
/// A bound on a hang, not a duration under test.
public let hangTimeout: Double = 300
