import GRDB
public import RelanceCore

/// Someone who receives an advisor digest: an advisor, or an agency for its unassigned cases.
public struct DigestRecipient: Sendable, Hashable {
    /// The advisor id, or `agency-CODE`.
    public var key: String
    public var name: String?
    public var email: String
    /// The filter that selects the recipient's cases.
    public var advisor: String?
    public var agency: String?
}

extension StoreSession {
    /// Advisors with active cases, and agencies with unassigned active cases.
    public func digestRecipients() throws -> [DigestRecipient] {
        let advisors = try Row.fetchAll(
            db,
            sql: """
                SELECT a.id, a.name, a.email FROM advisors a
                WHERE EXISTS (SELECT 1 FROM cases c WHERE c.advisor = a.id AND c.state IN ('open', 'contacted'))
                ORDER BY a.id
                """
        ).map { DigestRecipient(key: $0["id"], name: $0["name"], email: $0["email"], advisor: $0["id"], agency: nil) }
        let agencies = try Row.fetchAll(
            db,
            sql: """
                SELECT g.code, g.name, g.email FROM agencies g
                WHERE EXISTS (SELECT 1 FROM cases c WHERE c.agency = g.code AND c.advisor IS NULL
                    AND c.state IN ('open', 'contacted'))
                ORDER BY g.code
                """
        ).map {
            DigestRecipient(
                key: "agency-\($0["code"] as String)", name: $0["name"], email: $0["email"], advisor: nil,
                agency: $0["code"])
        }
        return advisors + agencies
    }

    /// Whether a digest was already sent to a recipient for a day.
    public func digestSent(day: LocalDate, recipient: String) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT 1 FROM digests WHERE day = ? AND recipient = ?", arguments: [day.description, recipient])
            ?? false
    }

    /// Records a digest as sent.
    public func recordDigest(day: LocalDate, recipient: String, cases: Int, now: Instant) throws {
        try db.execute(
            sql: "INSERT OR IGNORE INTO digests (day, recipient, sent_at, cases) VALUES (?, ?, ?, ?)",
            arguments: [day.description, recipient, now.seconds, cases])
    }
}
