import GRDB
public import RelanceCore

/// Someone who receives a digest: an advisor, an agency for its unassigned cases, or operations
/// for the cases that reach neither.
public struct DigestRecipient: Sendable, Hashable {
    /// The advisor id, or `agency-CODE`.
    public var key: String
    public var name: String?
    public var email: String
    /// The filter that selects the recipient's active cases.
    public var filter: CaseFilter

    /// The key of the operations' digest of unrouted cases: no advisor id or agency code can
    /// take it (they have no `.`).
    public static let unroutedKey = "alerts.unrouted"

    /// Operations (`alerts.email`), for the cases that reach no advisor and no agency.
    public static func unrouted(email: String) -> DigestRecipient {
        DigestRecipient(
            key: unroutedKey, name: "l’exploitation (dossiers sans agence ni conseiller)", email: email,
            filter: CaseFilter(unroutedOnly: true))
    }

    /// Whether this is the operations' digest of unrouted cases.
    public var isUnrouted: Bool { filter.unroutedOnly }
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
        ).map {
            DigestRecipient(
                key: $0["id"], name: $0["name"], email: $0["email"], filter: CaseFilter(advisor: $0["id"]))
        }
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
                key: "agency-\($0["code"] as String)", name: $0["name"], email: $0["email"],
                filter: CaseFilter(agency: $0["code"], unassignedOnly: true))
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
