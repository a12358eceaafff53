import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import RelanceConfig
import RelanceCore
import RelanceEngine
import RelanceHTTP
import RelanceStore
import RelanceTestSupport
import Testing

/// The advisors' desk in process (SPEC 14): each refusal changes nothing, each view and change
/// is in the audit trail. The sample directory is ticked through the closing of 2026-10, which
/// nobody declared: every jobseeker has a case.
@Suite("advisors' desk, in process")
struct DeskTests {
    static let now = Instant(iso: "2026-11-17T10:00:00+01:00")!

    let sandbox: Sandbox
    let relance: Relance
    let settings: HTTPSettings

    /// `desk` is the body of the `desk` section, `http` lines added to the `http` one.
    init(desk: String = "  auth: email_link\n  public_url: https://relance.example.fr\n", http: [String] = []) throws {
        sandbox = try Sandbox { $0 + HTTPClients.section(listen: "127.0.0.1:0", extra: http) + "desk:\n" + desk }
        try sandbox.importSampleDirectory(at: "2026-10-20T09:00:00+02:00")
        _ = try sandbox.tick(at: "2026-10-28T10:30:00+01:00")
        _ = try sandbox.tick(at: "2026-11-16T12:00:00+01:00")
        for (name, value) in HTTPClients.environment { setenv(name, value, 1) }
        let configuration = try Configuration.load(from: sandbox.configPath)
        relance = Relance(
            configuration: configuration, store: try Store(path: configuration.databasePath),
            clock: FixedClock(Self.now), logger: Logger(label: "test"), transport: DiscardingTransport())
        settings = try #require(configuration.http)
    }

    var app: some ApplicationProtocol {
        get throws {
            Application(router: try HTTPServer.router(relance: relance, settings: settings, logger: relance.logger))
        }
    }

    /// The same on a loopback port, for `.live` tests: the peer is 127.0.0.1, where `.router`
    /// tests have none, as on a Unix socket.
    var liveApp: some ApplicationProtocol {
        get throws {
            Application(
                router: try HTTPServer.router(relance: relance, settings: settings, logger: relance.logger),
                configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        }
    }

    /// A signed-in session of an advisor: the cookie header and the CSRF token.
    func signIn(_ advisor: String) throws -> (cookie: HTTPFields, csrf: String) {
        let desk = DeskAccess(relance: relance, settings: try #require(relance.configuration.desk))
        let opened = try #require(try desk.signIn(advisorID: advisor))
        return ([.cookie: "relance_desk=\(opened.token)"], opened.session.csrfToken)
    }

    func firstCase(_ filter: CaseFilter) throws -> CaseRow {
        try #require(try relance.store.read { try $0.cases(filter) }.first)
    }

    func caseRow(_ id: Int64) throws -> CaseRow {
        try #require(try relance.store.read { try $0.cases(CaseFilter(id: id)) }.first)
    }

    func audit(_ id: Int64) throws -> [AuditEntry] {
        try relance.store.read { try $0.auditEntries(AuditFilter(caseID: id)) }
    }

    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        ByteBuffer(
            string: fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
                .joined(separator: "&"))
    }

    static func version(_ row: CaseRow) -> String { DeskCases.version(of: row) }

    /// The session's headers with the form content type.
    static func posting(_ cookie: HTTPFields) -> HTTPFields {
        var headers = cookie
        headers[.contentType] = "application/x-www-form-urlencoded"
        return headers
    }

    @Test("pages carry the CSP, no-store and French; without a session they send to the sign-in page")
    func headersAndSignIn() async throws {
        let (cookie, _) = try signIn("ADV001")
        try await app.test(.router) { client in
            try await client.execute(uri: "/desk/", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/desk/sign-in")
            }
            try await client.execute(uri: "/desk/sign-in", method: .get) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains(#"<html lang="fr">"#) && html.contains(#"<label for="email">"#))
                #expect(!html.contains("<script") && !html.contains("style="))
            }
            try await client.execute(uri: "/desk/", method: .get, headers: cookie) { response in
                #expect(response.status == .ok)
                #expect(
                    response.headers[HTTPFields.Element.Name("Content-Security-Policy")!]?.hasPrefix(
                        "default-src 'self'; frame-ancestors 'none'") == true)
                #expect(response.headers[.cacheControl] == "no-store")
                #expect(String(buffer: response.body).contains("Mes dossiers"))
            }
            try await client.execute(uri: "/desk/", method: .get, headers: [.cookie: "relance_desk=forged"]) {
                #expect($0.status == .seeOther)
            }
        }
    }

    @Test("another agency's case, and a colleague's for an advisor, answer 404 and are not recorded")
    func otherAgency() async throws {
        let (cookie, _) = try signIn("ADV001")
        let lyon = try firstCase(CaseFilter(agency: "LYO03"))
        let colleague = try firstCase(CaseFilter(advisor: "ADV002"))
        try await app.test(.router) { client in
            for id in [lyon.id, colleague.id, 99_999] {
                try await client.execute(uri: "/desk/cases/\(id)", method: .get, headers: cookie) { response in
                    #expect(response.status == .notFound)
                    #expect(!String(buffer: response.body).contains(lyon.lastName ?? "?"))
                }
            }
        }
        #expect(try audit(lyon.id).isEmpty && audit(colleague.id).isEmpty)
    }

    @Test("a missing or forged CSRF token is refused and changes nothing")
    func csrf() async throws {
        let (cookie, _) = try signIn("ADV001")
        let mine = try firstCase(CaseFilter(advisor: "ADV001"))
        try await app.test(.router) { client in
            for token in [nil, "forged"] {
                var fields = [("version", Self.version(mine)), ("action", "contacted"), ("note", "x")]
                if let token { fields.append(("csrf", token)) }
                try await client.execute(
                    uri: "/desk/cases/\(mine.id)", method: .post,
                    headers: Self.posting(cookie), body: Self.form(fields)
                ) { #expect($0.status == .forbidden) }
            }
        }
        #expect(try caseRow(mine.id).state == .open)
        #expect(try audit(mine.id).isEmpty)
    }

    @Test("a change made since the page was shown is refused, and the page shows the new state")
    func concurrency() async throws {
        let (cookie, csrf) = try signIn("ADV001")
        let mine = try firstCase(CaseFilter(advisor: "ADV001"))
        let shown = Self.version(mine)
        let headers = Self.posting(cookie)
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/desk/cases/\(mine.id)", method: .post, headers: headers,
                body: Self.form([("csrf", csrf), ("version", shown), ("action", "contacted"), ("note", "appel 1")])
            ) { #expect($0.status == .seeOther) }
            try await client.execute(
                uri: "/desk/cases/\(mine.id)", method: .post, headers: headers,
                body: Self.form([("csrf", csrf), ("version", shown), ("action", "resolved"), ("note", "appel 2")])
            ) { response in
                #expect(response.status == .conflict)
                let html = String(buffer: response.body)
                #expect(html.contains("modifié par quelqu’un d’autre") && html.contains("Contacté"), "\(html)")
            }
        }
        let row = try caseRow(mine.id)
        #expect(row.state == .contacted && row.note == "appel 1")
        #expect(try audit(mine.id).map(\.action) == [.update, .view], "the change, then the page shown again")
        #expect(try audit(mine.id).allSatisfy { $0.actor == "advisor:ADV001" })
    }

    @Test("notes and names are shown as text, never run")
    func injection() async throws {
        let (cookie, _) = try signIn("ADV001")
        let mine = try firstCase(CaseFilter(advisor: "ADV001"))
        let hostile = #"<script>alert(1)</script><img src=x onerror="alert(2)">"#
        try relance.store.write { session in
            _ = try session.updateCase(id: mine.id, state: .contacted, note: hostile, by: "cli:test", now: Self.now)
        }
        try await app.test(.router) { client in
            try await client.execute(uri: "/desk/cases/\(mine.id)", method: .get, headers: cookie) { response in
                let html = String(buffer: response.body)
                #expect(!html.contains("<script>alert") && !html.contains("<img src=x"))
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            }
        }
    }

    @Test("a closing without contact needs a note; take moves a queue case to its taker")
    func actions() async throws {
        let (cookie, csrf) = try signIn("ADV001")
        let mine = try firstCase(CaseFilter(advisor: "ADV001"))
        let queued = try firstCase(CaseFilter(agency: "PAR11", unassignedOnly: true))
        let headers = Self.posting(cookie)
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/desk/cases/\(mine.id)", method: .post, headers: headers,
                body: Self.form([("csrf", csrf), ("version", Self.version(mine)), ("action", "closed_no_contact")])
            ) { #expect($0.status == .forbidden) }
            try await client.execute(
                uri: "/desk/cases/\(queued.id)", method: .post, headers: headers,
                body: Self.form([("csrf", csrf), ("version", Self.version(queued)), ("action", "take")])
            ) { #expect($0.status == .seeOther) }
        }
        #expect(try caseRow(mine.id).state == .open)
        #expect(try caseRow(queued.id).advisor == "ADV001")
        #expect(try audit(queued.id).map(\.action) == [.take])
    }

    @Test("a manager reassigns within the agency only")
    func reassign() async throws {
        let (cookie, csrf) = try signIn("ADV002")
        let colleague = try firstCase(CaseFilter(advisor: "ADV001"))
        let headers = Self.posting(cookie)
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/desk/cases/\(colleague.id)", method: .post, headers: headers,
                body: Self.form([
                    ("csrf", csrf), ("version", Self.version(colleague)), ("action", "reassign"), ("advisor", "ADV003"),
                ])
            ) { #expect($0.status == .forbidden) }
            #expect(try caseRow(colleague.id).advisor == "ADV001")
            try await client.execute(
                uri: "/desk/cases/\(colleague.id)", method: .post, headers: headers,
                body: Self.form([
                    ("csrf", csrf), ("version", Self.version(colleague)), ("action", "reassign"), ("advisor", "ADV002"),
                ])
            ) { #expect($0.status == .seeOther) }
        }
        #expect(try caseRow(colleague.id).advisor == "ADV002")
        #expect(
            try audit(colleague.id).map { "\($0.action.rawValue) \($0.detail ?? "")" } == [
                "view ", "reassign ADV002",
            ], "the refused reassignment showed the page again, and changed nothing")
    }

    @Test("the export is the CSV of cases list, and each case in it is recorded")
    func export() async throws {
        let (cookie, _) = try signIn("ADV001")
        let mine = try relance.store.read { try $0.cases(CaseFilter(advisor: "ADV001")) }
        try await app.test(.router) { client in
            try await client.execute(uri: "/desk/export.csv", method: .get, headers: cookie) { response in
                #expect(response.status == .ok)
                let csv = String(buffer: response.body)
                #expect(csv.hasPrefix("\u{FEFF}case_id;jobseeker_id;"))
                #expect(csv.split(separator: "\r\n").count == mine.count + 1)
            }
        }
        for row in mine { #expect(try audit(row.id).map(\.action) == [.export]) }
    }
}
