import Foundation
import Hummingbird
import Logging
import RelanceConfig
import RelanceCore
import RelanceEngine

/// `/desk/sign-in` and `/desk/sign-out` (SPEC 14).
struct SignInController<Context: DeskRequestContext>: Sendable {
    let gate: DeskGate
    let throttle: SignInThrottle
    let logger: Logger

    var pages: DeskPages { gate.pages }
    var access: DeskAccess { gate.access }

    func register(on router: Router<Context>) {
        router.get("/desk/sign-in") { request, _ in try await show(request) }
        router.post("/desk/sign-in") { request, context in try await submit(request, peer: context.peerAddress) }
        router.post("/desk/sign-out") { request, context in try await signOut(request, peer: context.peerAddress) }
    }

    /// The address form, or with `?token=` the button that spends a link (following the link
    /// spends nothing, so that mail scanners do no harm).
    func show(_ request: Request) async throws -> Response {
        guard gate.settings.auth == .emailLink else { return pages.redirect(to: "/desk/") }
        if let token = request.uri.queryParameters.get("token") {
            let valid = try await desk { try access.isLinkValid(token) }
            return pages.page(
                "sign-in-link", ["title": "Connexion", "valid": valid, "token": token],
                status: valid ? .ok : .gone)
        }
        return pages.page("sign-in", ["title": "Connexion", "sent": false])
    }

    /// `email=…` asks for a link (the same answer, at once, whether the address is known or
    /// not: the link is prepared and sent afterwards); `token=…` spends one and opens a session.
    func submit(_ request: Request, peer: String?) async throws -> Response {
        guard gate.settings.auth == .emailLink else { return pages.redirect(to: "/desk/") }
        let form = await DeskForm.read(request)
        if let token = form["token"] {
            guard let opened = try await desk({ try access.signIn(link: token) }) else {
                return pages.page("sign-in-link", ["title": "Connexion", "valid": false], status: .gone)
            }
            return pages.redirect(to: "/desk/", cookie: gate.cookie(opened.token))
        }
        let email = (form["email"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !email.isEmpty, TextRules.problem(inEmail: email) == nil else {
            var context: [String: Any] = ["title": "Connexion", "sent": false]
            context["error"] = "Saisissez une adresse électronique valide."
            return pages.page("sign-in", context, status: .unprocessableContent)
        }
        let client = gate.proxies.clientAddress(of: request, peer: peer)
        guard throttle.allow(email: email, client: client, now: access.clock.now) else {
            return pages.message(
                "Trop de demandes", "Trop de liens ont été demandés. Réessayez dans un quart d’heure.",
                status: .tooManyRequests)
        }
        let desk = access
        let logger = logger
        Task.detached {
            do {
                if let message = try desk.requestLink(email: email), try !desk.send(message) {
                    logger.warning("desk: a sign-in link was not accepted by the email channel")
                }
            } catch {
                logger.error("desk: a sign-in link could not be prepared", metadata: ["error": "\(error)"])
            }
        }
        return pages.page("sign-in", ["title": "Connexion", "sent": true])
    }

    /// Ends the session (a form with the CSRF token).
    func signOut(_ request: Request, peer: String?) async throws -> Response {
        guard case .admitted(let person) = try await gate.person(request, peer: peer) else {
            return pages.redirect(to: "/desk/sign-in")
        }
        let form = await DeskForm.read(request)
        guard person.accepts(csrf: form["csrf"]) else { return DeskGate.forbiddenForm(pages) }
        try await desk { try access.signOut(token: person.token) }
        var response = pages.message(
            "Vous êtes déconnecté", "Votre session est terminée.", status: .ok)
        response.setCookie(gate.expiredCookie)
        return response
    }
}

extension DeskGate {
    /// The answer to a form without this session's CSRF token.
    static func forbiddenForm(_ pages: DeskPages) -> Response {
        pages.message(
            "Formulaire refusé", "Ce formulaire a expiré ou ne vient pas du bureau des conseillers. Rechargez la page.",
            link: "/desk/", linkLabel: "Retour à mes dossiers", status: .forbidden)
    }
}
