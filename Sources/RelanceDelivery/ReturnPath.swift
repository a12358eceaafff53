import Crypto
import Foundation
public import RelanceCore

/// The VERP return path of a reminder's email (SPEC 13): `delivery.email.return_path` with
/// `{key}` replaced by the key written with `=` for `/`, a `.`, and a tag, the first 10 hex
/// digits of HMAC-SHA256 of the key with the return path's secret. A bounce names the reminder
/// by the address it was sent to; a report whose tag does not match names nothing.
///
/// ```swift
/// let path = ReturnPath(pattern: "retours+{key}@example.fr", secret: "s3cret")
/// path.address(for: ReminderKey("1234567A/2026-12/d-5")!)  // retours+1234567A=2026-12=d-5.9f3a…@example.fr
/// ```
public struct ReturnPath: Sendable {
    private let prefix: String
    private let suffix: String
    private let secret: [UInt8]

    /// - Parameter pattern: an address with `{key}` once in its local part.
    public init(pattern: String, secret: String) {
        let parts = pattern.components(separatedBy: "{key}")
        prefix = parts.first ?? ""
        suffix = parts.count > 1 ? parts[1] : ""
        self.secret = Array(secret.utf8)
    }

    /// The envelope sender for the reminder `key`.
    public func address(for key: ReminderKey) -> String {
        let text = key.description
        return prefix + text.replacingOccurrences(of: "/", with: "=") + "." + tag(text) + suffix
    }

    /// The reminder key an address names, when it is one of ours with a valid tag. Prefix and
    /// domain compare without case (mail systems may change the case of a domain); the tag too.
    public func key(in address: String) -> Key {
        let address = address.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t"))
        guard address.count > prefix.count + suffix.count,
            address.lowercased().hasPrefix(prefix.lowercased()), address.lowercased().hasSuffix(suffix.lowercased())
        else { return .notOurs }
        let middle = address.dropFirst(prefix.count).dropLast(suffix.count)
        guard let dot = middle.lastIndex(of: ".") else { return .notOurs }
        let key = middle[..<dot].replacingOccurrences(of: "=", with: "/")
        let given = middle[middle.index(after: dot)...].lowercased()
        guard given.count == 10, Self.constantTimeEqual(Array(given.utf8), Array(tag(key).utf8)),
            let reminder = ReminderKey(key)
        else { return .invalidTag }
        return .reminder(reminder)
    }

    /// What an address names.
    public enum Key: Sendable, Equatable {
        /// The reminder, tag checked.
        case reminder(ReminderKey)
        /// Shaped like ours, but the tag is not the one relance computes: forged or damaged.
        case invalidTag
        /// Not an address of the return path.
        case notOurs
    }

    private func tag(_ key: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array(key.utf8), using: SymmetricKey(data: secret))
        return code.prefix(5).map { String(format: "%02x", $0) }.joined()
    }

    private static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
