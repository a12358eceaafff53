import GRDB
public import RelanceCore

/// An advisor as the desk knows them.
public struct AdvisorProfile: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var email: String
    public var agency: String
    public var role: AdvisorRole

    init(row: Row) {
        id = row["id"]
        name = row["name"]
        email = row["email"]
        agency = row["agency"]
        role = AdvisorRole(rawValue: row["role"]) ?? .advisor
    }
}

/// A signed-in advisor's session on the desk.
public struct DeskSession: Sendable, Equatable {
    /// The advisor as they were at sign-in (a change of role or agency ends the session).
    public var advisor: AdvisorProfile
    /// The token every form that changes something carries (CSRF).
    public var csrfToken: String
    public var createdAt: Instant
    public var lastSeenAt: Instant

    public init(advisor: AdvisorProfile, csrfToken: String, createdAt: Instant, lastSeenAt: Instant) {
        self.advisor = advisor
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
    }
}

extension StoreSession {
    /// The advisor with this id, if any.
    public func advisorProfile(id: String) throws -> AdvisorProfile? {
        try Row.fetchOne(db, sql: "SELECT * FROM advisors WHERE id = ?", arguments: [id]).map(AdvisorProfile.init)
    }

    /// The advisor with this address (compared without case), if exactly one has it.
    public func advisorProfile(email: String) throws -> AdvisorProfile? {
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM advisors WHERE lower(email) = lower(?) LIMIT 2", arguments: [email])
        return rows.count == 1 ? AdvisorProfile(row: rows[0]) : nil
    }

    /// Stores a one-time sign-in token, by its hash, valid until `expiresAt`.
    public func storeSignInToken(hash: String, advisor: String, now: Instant, expiresAt: Instant) throws {
        try db.execute(
            sql: "INSERT INTO desk_sign_in_tokens (token_hash, advisor, created_at, expires_at) VALUES (?, ?, ?, ?)",
            arguments: [hash, advisor, now.seconds, expiresAt.seconds])
    }

    /// Whether a sign-in token is unspent and unexpired, without spending it (the link's page).
    public func isSignInTokenValid(hash: String, now: Instant) throws -> Bool {
        try Bool.fetchOne(
            db,
            sql: "SELECT 1 FROM desk_sign_in_tokens WHERE token_hash = ? AND spent_at IS NULL AND expires_at > ?",
            arguments: [hash, now.seconds]) ?? false
    }

    /// Spends a sign-in token: returns its advisor when it was unspent and unexpired, nil
    /// otherwise (a replayed, expired or unknown token). Spent or expired tokens older than a
    /// day are deleted on the way.
    public func spendSignInToken(hash: String, now: Instant) throws -> String? {
        try db.execute(
            sql: "DELETE FROM desk_sign_in_tokens WHERE expires_at < ?", arguments: [now.seconds - 86_400])
        return try String.fetchOne(
            db,
            sql: """
                UPDATE desk_sign_in_tokens SET spent_at = ?2
                WHERE token_hash = ?1 AND spent_at IS NULL AND expires_at > ?2 RETURNING advisor
                """, arguments: [hash, now.seconds])
    }

    /// Opens a desk session for an advisor, by the hash of its token.
    public func openDeskSession(hash: String, advisor: AdvisorProfile, csrfToken: String, now: Instant) throws {
        try db.execute(
            sql: """
                INSERT INTO desk_sessions (token_hash, advisor, role, agency, csrf_token, created_at, last_seen_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [hash, advisor.id, advisor.role.rawValue, advisor.agency, csrfToken, now.seconds, now.seconds])
    }

    /// The live session with this token hash, marked used now; nil (and the session ended) when it
    /// does not exist, has been idle `idleTimeout` seconds, is `maxAge` seconds old, or its
    /// advisor's role or agency changed or the advisor is gone.
    public func useDeskSession(hash: String, now: Instant, idleTimeout: Int64, maxAge: Int64) throws -> DeskSession? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT s.csrf_token, s.created_at, s.last_seen_at, s.role AS session_role,
                        s.agency AS session_agency, a.*
                    FROM desk_sessions s LEFT JOIN advisors a ON a.id = s.advisor WHERE s.token_hash = ?
                    """, arguments: [hash])
        else { return nil }
        let lastSeen: Int64 = row["last_seen_at"]
        let created: Int64 = row["created_at"]
        let current: String? = row["id"]
        guard current != nil, (row["role"] as String?) == (row["session_role"] as String),
            (row["agency"] as String?) == (row["session_agency"] as String),
            now.seconds - lastSeen < idleTimeout, now.seconds - created < maxAge
        else {
            try endDeskSession(hash: hash)
            return nil
        }
        try db.execute(
            sql: "UPDATE desk_sessions SET last_seen_at = ? WHERE token_hash = ?", arguments: [now.seconds, hash])
        return DeskSession(
            advisor: AdvisorProfile(row: row), csrfToken: row["csrf_token"], createdAt: Instant(seconds: created),
            lastSeenAt: now)
    }

    /// Ends a session (sign-out); nothing when there is none.
    public func endDeskSession(hash: String) throws {
        try db.execute(sql: "DELETE FROM desk_sessions WHERE token_hash = ?", arguments: [hash])
    }
}

extension StoreSession {
    /// The advisors of an agency, by name.
    public func advisorProfiles(agency: String) throws -> [AdvisorProfile] {
        try Row.fetchAll(db, sql: "SELECT * FROM advisors WHERE agency = ? ORDER BY name, id", arguments: [agency])
            .map(AdvisorProfile.init)
    }
}
