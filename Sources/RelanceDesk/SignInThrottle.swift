import Foundation
import RelanceCore

/// Limits sign-in link requests per address and per client address (SPEC 14), in this process:
/// a few per quarter of an hour, so that the form cannot flood an advisor's mailbox.
final class SignInThrottle: @unchecked Sendable {
    /// Requests allowed per key and window.
    static let perAddress = 5
    static let perClient = 20
    static let window: Int64 = 15 * 60

    private let lock = NSLock()
    private var requests: [String: [Int64]] = [:]

    /// Whether a request for `email` from `client` may go on at `now`; counts it when it may.
    func allow(email: String, client: String, now: Instant) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let since = now.seconds - Self.window
        let keys = ["email:" + email.lowercased(), "client:" + client]
        let recent = keys.map { (requests[$0] ?? []).filter { $0 > since } }
        guard recent[0].count < Self.perAddress, recent[1].count < Self.perClient else { return false }
        for (key, times) in zip(keys, recent) { requests[key] = times + [now.seconds] }
        if requests.count > 10_000 { requests = requests.filter { $0.value.contains { $0 > since } } }
        return true
    }
}
