import Foundation
import Hummingbird
import RelanceCore
import RelanceEngine
import RelanceStore

/// `/desk/cases/{case_id}`: the case page, and its forms (SPEC 14). A case the person may not
/// see is a 404, as for one that does not exist; a change made by someone else since the page
/// was shown is refused (409) and the page shows the new state.
struct CaseController<Context: DeskRequestContext>: Sendable {
    let gate: DeskGate
    let cases: DeskCases

    var pages: DeskPages { gate.pages }

    func register(on router: Router<Context>) {
        router.get("/desk/cases/{id}") { request, context in
            try await show(request, id: context.parameters.get("id"), peer: context.peerAddress)
        }
        router.post("/desk/cases/{id}") { request, context in
            try await change(request, id: context.parameters.get("id"), peer: context.peerAddress)
        }
    }

    func show(_ request: Request, id: String?, peer: String?) async throws -> Response {
        let person: DeskGate.Person
        switch try await gate.person(request, peer: peer) {
        case .admitted(let signedIn): person = signedIn
        case .answered(let answer): return answer
        }
        return try await page(id.flatMap { Int64($0) }, person: person).setting(person.newCookie)
    }

    func change(_ request: Request, id: String?, peer: String?) async throws -> Response {
        let person: DeskGate.Person
        switch try await gate.person(request, peer: peer) {
        case .admitted(let signedIn): person = signedIn
        case .answered(let answer): return answer
        }
        let form = await DeskForm.read(request)
        guard person.accepts(csrf: form["csrf"]) else { return DeskGate.forbiddenForm(pages) }
        guard let caseID = id.flatMap({ Int64($0) }) else { return notFound(person) }
        let note = form["note"].flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        let change: DeskCases.Change
        switch form["action"] ?? "" {
        case "take": change = .take
        case "reassign": change = .reassign(to: form["advisor"] ?? "")
        case let action:
            guard let state = CaseState(rawValue: action), state != .open else {
                return try await page(
                    caseID, person: person, error: "Choisissez un nouvel état.", status: .unprocessableContent)
            }
            change = .state(state, note: note)
        }
        let policy = person.policy
        let cases = cases
        let version = form["version"] ?? ""
        switch try await desk({ try cases.change(caseID, change, version: version, by: policy) }) {
        case .done: return pages.redirect(to: "/desk/cases/\(caseID)")
        case .notFound: return notFound(person)
        case .conflict:
            return try await page(
                caseID, person: person,
                error: "Ce dossier a été modifié par quelqu’un d’autre depuis l’affichage de la page : "
                    + "votre modification n’a pas été enregistrée. Voici son état actuel.",
                status: .conflict)
        case .refused(let reason):
            return try await page(caseID, person: person, error: reason, status: .forbidden)
        }
    }

    private func page(
        _ id: Int64?, person: DeskGate.Person, error: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let policy = person.policy
        let cases = cases
        guard let id, let opened = try await desk({ try cases.open(id, for: policy) }) else {
            return notFound(person)
        }
        var context = CasePage.context(opened, person: person, today: cases.today)
        context["error"] = error
        return pages.page("case", context, status: status)
    }

    private func notFound(_ person: DeskGate.Person) -> Response {
        pages.message(
            "Dossier introuvable", "Ce dossier n’existe pas, ou il ne fait pas partie de ceux que vous suivez.",
            link: "/desk/", linkLabel: "Retour à mes dossiers", status: .notFound, person: person.layout)
    }
}
