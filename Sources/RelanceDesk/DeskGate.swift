import Dispatch
import Foundation
import Hummingbird
import RelanceConfig
import RelanceCore
import RelanceEngine
import RelanceStore

/// Who is asking (SPEC 14): the session of the cookie (email links), or the advisor a trusted
/// proxy names (proxy mode). Every page and form goes through here first.
struct DeskGate: Sendable {
    static let cookieName = "relance_desk"

    let access: DeskAccess
    let settings: DeskSettings
    /// Who may name the advisor (proxy mode) and who the client is (the sign-in throttle).
    let proxies: TrustedProxies
    /// The proxy's secret, read at start; nil when none is configured.
    let proxySecret: String?
    let pages: DeskPages

    /// Who is asking: a signed-in person, or the answer to give instead.
    enum Admission: Sendable {
        case admitted(Person)
        case answered(Response)
    }

    /// A signed-in person.
    struct Person: Sendable {
        let session: DeskSession
        /// The cookie's token (sign-out ends it).
        let token: String
        /// A cookie to set: the proxy named someone new.
        let newCookie: Cookie?

        var policy: CasePolicy {
            CasePolicy(
                advisorID: session.advisor.id, agency: session.advisor.agency, role: session.advisor.role)
        }

        /// The variables of the page header.
        var layout: [String: Any] {
            [
                "name": session.advisor.name ?? session.advisor.id, "agency": session.advisor.agency,
                "is_manager": session.advisor.role == .manager, "csrf": session.csrfToken,
                "mine_label": mineLabel,
            ]
        }

        /// The title of the person's own list.
        var mineLabel: String { session.advisor.role == .manager ? "Dossiers de l’agence" : "Mes dossiers" }

        /// Whether a form's CSRF token is this session's (compared in constant time).
        func accepts(csrf: String?) -> Bool {
            csrf.map { constantTimeEqual($0, session.csrfToken) } ?? false
        }
    }

    /// The session cookie for a token (`HttpOnly`, `SameSite=Lax`, `Path=/desk`, `Secure` on https).
    func cookie(_ token: String) -> Cookie {
        Cookie(
            name: Self.cookieName, value: token, maxAge: Int(DeskAccess.maxSessionAge), path: "/desk",
            secure: settings.isSecure, httpOnly: true, sameSite: .lax)
    }

    /// A cookie that removes the session's.
    var expiredCookie: Cookie {
        Cookie(
            name: Self.cookieName, value: "", maxAge: 0, path: "/desk", secure: settings.isSecure, httpOnly: true,
            sameSite: .lax)
    }

    /// The person asking, or the answer to give instead: the sign-in page for no session, 403 for
    /// an identity header that is not believed.
    func person(_ request: Request, peer: String?) async throws -> Admission {
        let token = request.cookies[Self.cookieName]?.value
        switch settings.auth {
        case .emailLink:
            if let token, !token.isEmpty, let session = try await desk({ try access.session(token: token) }) {
                return .admitted(Person(session: session, token: token, newCookie: nil))
            }
            return .answered(pages.redirect(to: "/desk/sign-in"))
        case .proxy:
            guard let name = HTTPFields.Element.Name(settings.identityHeader), let id = request.headers[name],
                !id.isEmpty,
                proxies.trusts(peer: peer), proxySecretMatches(request)
            else {
                return .answered(
                    pages.message(
                        "Accès refusé",
                        "Le bureau des conseillers s’ouvre par le portail de connexion de l’organisation.",
                        link: "/desk/", linkLabel: "Réessayer", status: .forbidden))
            }
            if let token, let session = try await desk({ try access.session(token: token) }), session.advisor.id == id {
                return .admitted(Person(session: session, token: token, newCookie: nil))
            }
            guard let opened = try await desk({ try access.signIn(advisorID: id) }) else {
                return .answered(
                    pages.message(
                        "Accès refusé", "Votre identifiant n’est pas celui d’un conseiller connu de relance.",
                        link: "/desk/", linkLabel: "Réessayer", status: .forbidden))
            }
            return .admitted(Person(session: opened.session, token: opened.token, newCookie: cookie(opened.token)))
        }
    }

    private func proxySecretMatches(_ request: Request) -> Bool {
        guard let proxySecret else { return true }
        guard let name = HTTPFields.Element.Name(settings.proxySecretHeader), let given = request.headers[name] else {
            return false
        }
        return constantTimeEqual(given, proxySecret)
    }
}

/// Whether two secrets are equal, in a time that does not depend on where they differ.
func constantTimeEqual(_ given: String, _ expected: String) -> Bool {
    let (a, b) = (Array(given.utf8), Array(expected.utf8))
    return a.count == b.count && zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
}

/// Runs blocking store work on a Dispatch thread, off Swift's cooperative pool.
func desk<T: Sendable>(_ work: @Sendable @escaping () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result(catching: work)) }
    }
}

extension Response {
    /// The response with a cookie set, when there is one.
    func setting(_ cookie: Cookie?) -> Response {
        guard let cookie else { return self }
        var response = self
        response.setCookie(cookie)
        return response
    }
}
