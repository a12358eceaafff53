import Crypto
import Foundation
public import RelanceConfig
public import RelanceCore
public import RelanceDelivery
public import RelanceStore

/// Signing in to the advisors' desk and its sessions (SPEC 14), in domain terms: the HTTP layer
/// reads cookies and forms and hands their values here. Secrets (link and session tokens) are
/// random, and only their SHA-256 hashes are stored.
public struct DeskAccess: Sendable {
    /// How long a sign-in link works.
    public static let linkLifetime: Int64 = 15 * 60
    /// How long a session lasts at most, however much it is used.
    public static let maxSessionAge: Int64 = 12 * 3600

    let relance: Relance
    let settings: DeskSettings

    public init(relance: Relance, settings: DeskSettings) {
        self.relance = relance
        self.settings = settings
    }

    /// The clock of the desk (throttling counts by it).
    public var clock: any Clock { relance.clock }

    /// A new session: its token goes in the cookie, never in the database.
    public struct Opened: Sendable {
        public var token: String
        public var session: DeskSession
    }

    /// Prepares a sign-in link for the advisor with this address: the token is stored, and the
    /// email to send is returned; nil when no advisor has the address. Sending is left to the
    /// caller, so that the answer takes the same time either way.
    public func requestLink(email: String) throws -> OutgoingMessage? {
        let now = relance.clock.now
        let token = Self.randomToken()
        let hash = Self.hash(token)
        guard
            let advisor = try relance.store.write({ session -> AdvisorProfile? in
                guard let advisor = try session.advisorProfile(email: email) else { return nil }
                try session.storeSignInToken(
                    hash: hash, advisor: advisor.id, now: now, expiresAt: now.adding(seconds: Self.linkLifetime))
                return advisor
            })
        else { return nil }
        let link = "\(settings.publicURL)/desk/sign-in?token=\(token)"
        let (_, time, _) = Zone.paris.local(now.adding(seconds: Self.linkLifetime))
        let text = """
            Bonjour,

            Pour vous connecter au bureau des conseillers de relance, ouvrez ce lien puis cliquez sur \
            « Me connecter » :

            \(link)

            Ce lien ne sert qu’une fois et expire à \(time) (15 minutes). Si vous n’avez rien demandé, \
            ignorez ce message : personne ne peut se connecter sans lui.
            """
        return relance.messageFactory.deskSignIn(
            advisor: advisor.id, reference: String(hash.prefix(12)), address: advisor.email,
            subject: "Votre lien de connexion au bureau des conseillers", text: text, date: now)
    }

    /// Sends a prepared sign-in email through the configured transport (the spool in spool mode).
    ///
    /// - Returns: whether it was accepted.
    public func send(_ message: OutgoingMessage) throws -> Bool {
        var accepted = false
        try relance.transport.deliver([message]) { settled in accepted = settled.allSatisfy(\.outcome.isAccepted) }
        return accepted
    }

    /// Whether a link's token may still be spent (its page shows the sign-in button).
    public func isLinkValid(_ token: String) throws -> Bool {
        try relance.store.read { try $0.isSignInTokenValid(hash: Self.hash(token), now: relance.clock.now) }
    }

    /// Spends a link's token and opens a session; nil for a spent, expired or unknown token.
    public func signIn(link token: String) throws -> Opened? {
        let now = relance.clock.now
        return try relance.store.write { session in
            guard let id = try session.spendSignInToken(hash: Self.hash(token), now: now),
                let advisor = try session.advisorProfile(id: id)
            else { return nil }
            return try open(for: advisor, in: session, now: now)
        }
    }

    /// Opens a session for the advisor a trusted proxy named; nil for an unknown advisor.
    public func signIn(advisorID: String) throws -> Opened? {
        let now = relance.clock.now
        return try relance.store.write { session in
            guard let advisor = try session.advisorProfile(id: advisorID) else { return nil }
            return try open(for: advisor, in: session, now: now)
        }
    }

    /// The live session of a cookie's token, marked used; nil when it ended (see
    /// ``StoreSession/useDeskSession(hash:now:idleTimeout:maxAge:)``).
    public func session(token: String) throws -> DeskSession? {
        try relance.store.write {
            try $0.useDeskSession(
                hash: Self.hash(token), now: relance.clock.now, idleTimeout: settings.idleTimeout,
                maxAge: Self.maxSessionAge)
        }
    }

    /// Ends the session of a cookie's token (sign-out).
    public func signOut(token: String) throws {
        try relance.store.write { try $0.endDeskSession(hash: Self.hash(token)) }
    }

    private func open(for advisor: AdvisorProfile, in session: StoreSession, now: Instant) throws -> Opened {
        let token = Self.randomToken()
        let csrf = Self.randomToken()
        try session.openDeskSession(hash: Self.hash(token), advisor: advisor, csrfToken: csrf, now: now)
        return Opened(
            token: token, session: DeskSession(advisor: advisor, csrfToken: csrf, createdAt: now, lastSeenAt: now))
    }

    /// 256 random bits, base64url without padding.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The SHA-256 of a token, in hex: what the database keeps.
    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
