import Foundation
import Hummingbird
import RelanceCore
import RelanceEngine
import RelanceStore

/// `/desk/` (my cases), `/desk/queue` (the agency queue) and `/desk/export.csv` (SPEC 14).
struct ListController<Context: DeskRequestContext>: Sendable {
    let gate: DeskGate
    let cases: DeskCases

    var pages: DeskPages { gate.pages }

    func register(on router: Router<Context>) {
        router.get("/desk/") { request, context in try await list(.mine, request, peer: context.peerAddress) }
        router.get("/desk/queue") { request, context in try await list(.queue, request, peer: context.peerAddress) }
        router.get("/desk/export.csv") { request, context in try await export(request, peer: context.peerAddress) }
    }

    func list(_ listing: DeskCases.Listing, _ request: Request, peer: String?) async throws -> Response {
        let person: DeskGate.Person
        switch try await gate.person(request, peer: peer) {
        case .admitted(let signedIn): person = signedIn
        case .answered(let answer): return answer
        }
        let query = request.uri.queryParameters
        let filter = DeskCases.Filter(
            state: query.get("state").flatMap { CaseState(rawValue: $0) },
            route: query.get("route").flatMap { Route(rawValue: $0) },
            reason: query.get("reason").flatMap {
                ["missed", "journal_missing", "unreachable"].contains($0) ? $0 : nil
            })
        let policy = person.policy
        let cases = cases
        let rows = try await desk { try cases.list(listing, for: policy, filter: filter) }
        let today = cases.today
        var context = person.layout
        let title = listing == .queue ? "File de l’agence \(person.session.advisor.agency)" : person.mineLabel
        context["title"] = title
        context["nav_mine"] = listing == .mine
        context["nav_queue"] = listing == .queue
        context["path"] = listing == .queue ? "/desk/queue" : "/desk/"
        context["person"] = person.layout
        context["has_cases"] = !rows.isEmpty
        context["count_text"] =
            rows.isEmpty
            ? "Aucun dossier." : rows.count == 1 ? "1 dossier." : "\(ReportFormat.number(rows.count)) dossiers."
        context["states"] = Self.options(
            [("", "Tous")] + CaseState.allCases.map { ($0.rawValue, CaseText.state($0)) },
            selected: filter.state?.rawValue)
        context["routes"] = Self.options(
            [("", "Toutes")] + Route.allCases.map { ($0.rawValue, CaseText.route($0)) },
            selected: filter.route?.rawValue)
        context["reasons"] = Self.options(
            [("", "Tous")] + ["missed", "journal_missing", "unreachable"].map { ($0, CaseText.label($0)) },
            selected: filter.reason)
        context["cases"] = rows.map { row -> [String: Any] in
            [
                "id": row.id, "name": CasePage.name(row), "reasons": CaseText.reasons(row.reasons),
                "route": CaseText.route(row.route), "due_on": FrenchDates.numeric(row.dueOn),
                "overdue": row.isOverdue(today: today), "state": CaseText.state(row.state),
            ]
        }
        return pages.page("list", context).setting(person.newCookie)
    }

    func export(_ request: Request, peer: String?) async throws -> Response {
        let person: DeskGate.Person
        switch try await gate.person(request, peer: peer) {
        case .admitted(let signedIn): person = signedIn
        case .answered(let answer): return answer
        }
        let policy = person.policy
        let cases = cases
        let csv = try await desk { try cases.export(for: policy) }
        var headers = DeskPages.securityHeaders
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"dossiers-\(cases.today).csv\""
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: csv)))
            .setting(person.newCookie)
    }

    static func options(_ choices: [(String, String)], selected: String?) -> [[String: Any]] {
        choices.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == (selected ?? "")] }
    }
}
