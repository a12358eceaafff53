import Foundation
import Logging
import RelanceConfig
import RelanceCore
import RelanceDelivery
import RelanceEngine
import RelanceStore
import RelanceTestSupport
import Testing

/// Signing in to the desk and its sessions (SPEC 14), on a sandbox with the sample directory,
/// links read back from the real spool.
@Suite("desk sign-in and sessions")
struct DeskAccessTests {
    static let start = Instant(iso: "2026-11-17T09:00:00+01:00")!
    static let section = "\ndesk:\n  auth: email_link\n  public_url: https://relance.example.fr/\n  idle_timeout: 1h\n"

    let sandbox: Sandbox
    let configuration: Configuration
    let store: Store

    init() throws {
        sandbox = try Sandbox { $0 + Self.section }
        try sandbox.importSampleDirectory(at: "2026-10-20T09:00:00+02:00")
        configuration = try Configuration.load(from: sandbox.configPath)
        store = try Store(path: configuration.databasePath)
    }

    /// The desk as seen `seconds` after ``start``.
    func access(after seconds: Int64 = 0) throws -> DeskAccess {
        let clock = FixedClock(Self.start.adding(seconds: seconds))
        let relance = Relance(
            configuration: configuration, store: store, clock: clock, logger: Logger(label: "test"),
            transport: SpoolTransport(directory: configuration.delivery.spoolDirectory, clock: clock))
        return DeskAccess(relance: relance, settings: try #require(configuration.desk))
    }

    /// Asks for a link for `email` and returns the token of the link the spool received.
    func link(for email: String, after seconds: Int64 = 0) throws -> String? {
        let desk = try access(after: seconds)
        guard let message = try desk.requestLink(email: email) else { return nil }
        #expect(try desk.send(message))
        let raw = String(
            decoding: try #require(sandbox.contents(sandbox.spoolPath + "/" + message.spoolPath)), as: UTF8.self)
        // Quoted-printable: soft line breaks joined, `=3D` back to `=` (tokens hold no `=`).
        let text = raw.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "=3D", with: "=")
        let prefix = "https://relance.example.fr/desk/sign-in?token="
        let line = try #require(text.split(separator: "\r\n").first { $0.hasPrefix(prefix) })
        return String(line.dropFirst(prefix.count))
    }

    @Test("a known address receives a one-time link on public_url; an unknown one nothing")
    func oneTimeLink() throws {
        #expect(try access().requestLink(email: "nobody@example.fr") == nil)
        let token = try #require(try link(for: "Sophie.Lefevre@example.fr"))
        #expect(token.count >= 43)
        #expect(try access().isLinkValid(token), "opening the link spends nothing")
        #expect(try access().isLinkValid(token))
        let opened = try #require(try access(after: 60).signIn(link: token))
        #expect(opened.session.advisor.id == "ADV001" && opened.session.advisor.role == .advisor)
        #expect(try access(after: 61).signIn(link: token) == nil, "a replayed link")
        #expect(try !access(after: 61).isLinkValid(token))
        #expect(try access(after: 62).signIn(link: "forged") == nil)
        let database = try #require(
            sandbox.contents(sandbox.databasePath + "-wal") ?? sandbox.contents(sandbox.databasePath))
        #expect(!String(decoding: database, as: UTF8.self).contains(token), "only the hash is stored")
        #expect(!String(decoding: database, as: UTF8.self).contains(opened.token))
    }

    @Test("a link expires after 15 minutes")
    func expiredLink() throws {
        let token = try #require(try link(for: "sophie.lefevre@example.fr"))
        #expect(try access(after: 15 * 60).signIn(link: token) == nil)
        #expect(try !access(after: 15 * 60).isLinkValid(token))
    }

    @Test("every sign-in starts a new session; sign-out ends it")
    func newSessions() throws {
        let first = try #require(try access().signIn(advisorID: "ADV002"))
        let second = try #require(try access().signIn(advisorID: "ADV002"))
        #expect(first.token != second.token && first.session.csrfToken != second.session.csrfToken)
        #expect(second.session.advisor.role == .manager)
        try access(after: 10).signOut(token: first.token)
        #expect(try access(after: 11).session(token: first.token) == nil)
        #expect(try access(after: 11).session(token: second.token) != nil)
        #expect(try access().signIn(advisorID: "NOBODY") == nil)
    }

    @Test("a session ends after idle_timeout without use, and 12 hours after sign-in however used")
    func timeouts() throws {
        let opened = try #require(try access().signIn(advisorID: "ADV001"))
        // Used every 50 minutes: alive until the twelfth hour.
        var at: Int64 = 0
        while at + 3000 < 12 * 3600 {
            at += 3000
            #expect(try access(after: at).session(token: opened.token) != nil, "at \(at) s")
        }
        #expect(try access(after: 12 * 3600).session(token: opened.token) == nil)
        let idle = try #require(try access().signIn(advisorID: "ADV001"))
        #expect(try access(after: 3600).session(token: idle.token) == nil, "an hour without use")
    }

    @Test("a change of the advisor's role or agency ends their sessions")
    func roleChange() throws {
        let opened = try #require(try access().signIn(advisorID: "ADV001"))
        let other = try #require(try access().signIn(advisorID: "ADV003"))
        let file = try sandbox.write(
            "advisors.csv",
            "id,name,email,agency,role\nADV001,Sophie Lefèvre,sophie.lefevre@example.fr,PAR11,manager\n")
        #expect(try sandbox.run(["import", "advisors", file]).status == 0)
        #expect(try access(after: 5).session(token: opened.token) == nil)
        #expect(try access(after: 5).session(token: other.token) != nil)
        let again = try #require(try access(after: 6).signIn(advisorID: "ADV001"))
        #expect(again.session.advisor.role == .manager)
    }
}
