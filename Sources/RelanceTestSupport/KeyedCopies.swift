import Foundation

/// How many copies of each message reached a server, by the key the message names
/// (`JOBSEEKER/PERIOD/STEP`): what the fault tests compare with the reminders, key by key,
/// rather than by counts that one loss and one duplicate would balance.
public struct KeyedCopies: Sendable, Equatable {
    /// Copies by key; messages naming no key are counted under ``unkeyed``.
    public let copies: [String: Int]

    /// The key under which messages that name none are counted, so that they show as unexpected.
    public static let unkeyed = "(no key)"

    /// Counts `keys`, one per message (nil for a message naming no key).
    public init(_ keys: [String?]) {
        copies = keys.reduce(into: [:]) { $0[$1 ?? Self.unkeyed, default: 0] += 1 }
    }

    /// The emails an SMTP sink captured, by `X-Relance-Key`.
    public init(_ sink: SMTPSink) { self.init(sink.captured().map(\.relanceKey)) }

    /// The keys that arrived at least once.
    public var keys: Set<String> { Set(copies.keys) }

    /// Copies beyond the first, by key, for the keys that arrived more than once.
    public var extra: [String: Int] { copies.filter { $0.value > 1 }.mapValues { $0 - 1 } }

    /// Copies beyond the first, in all.
    public var extraTotal: Int { extra.values.reduce(0, +) }
}

extension SMTPSink.CapturedMessage {
    /// The `X-Relance-Key` header of the message (the reminder or digest it carries), nil without one.
    public var relanceKey: String? {
        for line in text.split(separator: "\r\n", omittingEmptySubsequences: false) {
            if line.isEmpty { return nil }
            if line.hasPrefix("X-Relance-Key: ") { return String(line.dropFirst("X-Relance-Key: ".count)) }
        }
        return nil
    }
}

extension Sandbox {
    /// The attempts whose outcome is `outcome`, counted by reminder key (`JOBSEEKER/PERIOD/STEP`).
    public func attempts(_ outcome: String) throws -> [String: Int] {
        let rows = try sql(
            """
            SELECT jobseeker_id || '/' || period || '/' || step, COUNT(*) FROM attempts
            WHERE outcome = '\(outcome)' GROUP BY 1
            """)
        var counts: [String: Int] = [:]
        for row in rows.split(separator: "\n") {
            let fields = row.split(separator: "|")
            counts[String(fields[0])] = Int(fields[1]) ?? 0
        }
        return counts
    }

    /// The keys of the reminders in `state`.
    public func reminderKeys(inState state: String) throws -> Set<String> {
        let rows = try sql(
            "SELECT jobseeker_id || '/' || period || '/' || step FROM reminders WHERE state = '\(state)'")
        return Set(rows.split(separator: "\n").map(String.init))
    }
}
