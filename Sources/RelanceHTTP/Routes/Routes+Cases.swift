import Crypto
import Foundation
import Hummingbird
import RelanceCore
import RelanceEngine
import RelanceStore

extension Routes {
    /// The page size of `GET /v1/cases` when `limit` is not given, and the largest allowed.
    static let casePage = (default: 100, max: 1000)

    /// `GET /v1/cases`: the objects of `cases list --format json`, oldest first, a page at a
    /// time; `Link: <…>; rel="next"` while more remain (keyset pagination, the cursor opaque).
    func listCases(_ request: Request, _ context: HTTPContext) async throws -> Response {
        let query = request.uri.queryParameters
        var errors: [(field: String, message: String)] = []
        let advisor = query.get("advisor")
        let agency = query.get("agency")
        var state: CaseState?
        if let given = query.get("state") {
            state = CaseState(rawValue: given)
            if state == nil {
                let names = CaseState.allCases.map(\.rawValue).joined(separator: ", ")
                errors.append(("state", "must be one of: \(names)"))
            }
        }
        var limit = Self.casePage.default
        if let given = query.get("limit") {
            if let number = Int(given), (1...Self.casePage.max).contains(number) {
                limit = number
            } else {
                errors.append(("limit", "must be a whole number from 1 to \(Self.casePage.max)"))
            }
        }
        var cursor: CaseCursor?
        if let given = query.get("cursor") {
            cursor = CasePageCursor.decode(given)
            if cursor == nil { errors.append(("cursor", "is not a cursor this server gave")) }
        }
        guard errors.isEmpty else { throw Problem.invalid(errors) }
        let filter = CaseFilter(advisor: advisor, agency: agency, state: state)
        let (after, pageSize) = (cursor, limit)
        let store = relance.store
        let now = relance.clock.now
        let today = Zone.paris.date(of: now)
        let actor = Self.actor(context)
        let rows = try await offload {
            try store.write { session -> [CaseRow] in
                let unknown = try ListFilters(advisor: advisor, agency: agency).problems(in: session)
                guard unknown.isEmpty else { throw Problem.invalid(unknown.map { ($0.field, $0.message) }) }
                let rows = try session.cases(filter, after: after, limit: pageSize + 1)
                try Audit.record(actor, .list, cases: rows.prefix(pageSize).map(\.id), at: now, in: session)
                return rows
            }
        }
        let page = rows.prefix(limit)
        var headers: HTTPFields = [:]
        if rows.count > limit, let last = page.last {
            var next = URLComponents()
            next.path = "/v1/cases"
            next.queryItems =
                [("advisor", advisor), ("agency", agency), ("state", state?.rawValue), ("limit", String(limit))]
                .compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
                + [URLQueryItem(name: "cursor", value: CasePageCursor.encode(last))]
            headers[.link] = "<\(next.percentEncodedPath)?\(next.percentEncodedQuery ?? "")>; rel=\"next\""
        }
        return JSONResponse.make(
            CaseListing(rows: Array(page), today: today).json, status: .ok, headers: headers)
    }

    /// `GET /v1/cases/{id}`: one case with its history, and its `ETag`.
    func getCase(_ request: Request, _ context: HTTPContext) async throws -> Response {
        let id = try Self.caseID(context)
        let store = relance.store
        let now = relance.clock.now
        let actor = Self.actor(context)
        let document = try await offload {
            try store.write { session -> CaseDocument? in
                guard let document = try CaseDocument.load(id, in: session, now: now) else { return nil }
                try Audit.record(actor, .view, case: id, at: now, in: session)
                return document
            }
        }
        guard let document else { throw Problem(.notFound, "no such case") }
        return Self.response(document, status: .ok)
    }

    /// `PATCH /v1/cases/{id}`: `{"state", "note", "by"}` as `cases update`; 412 when `If-Match`
    /// names another version of the case, 409 when reopening it would give its jobseeker a
    /// second active case; the same change again writes nothing and answers 200.
    func patchCase(_ request: Request, _ context: HTTPContext) async throws -> Response {
        let body = try await JSONBody.read(request, maxBody: maxBody, timeout: bodyTimeout)
        let fields = try RecordFields.caseUpdate(body)
        let id = Self.caseIDOrNil(context)
        let author = "client:\(context.notes.client ?? "?")" + (fields.by.map { " (\($0))" } ?? "")
        let update: CaseUpdate
        do {
            update = try CaseUpdate(caseID: id ?? 0, state: fields.state, note: fields.note, author: author)
        } catch let invalid as InvalidCaseUpdate {
            throw Problem.invalid(invalid.problems.map { ($0.field, $0.message) })
        }
        guard let id else { throw Problem(.notFound, "no such case") }
        let expecting: (@Sendable (CaseDocument) -> Bool)? = request.headers[.ifMatch].map(EntityTags.init).map {
            tags in { tags.matches(Self.entityTag($0)) }
        }
        let relance = relance
        let actor = Self.actor(context)
        let outcome = try await offload { try update.apply(relance, auditedAs: actor, expecting: expecting) }
        switch outcome {
        case .missing: throw Problem(.notFound, "no such case")
        case .stale: throw Problem(.preconditionFailed, "the case has changed since the version named by If-Match")
        case .conflict(let other):
            throw Problem(.conflict, "the jobseeker already has case \(other) in progress")
        case .changed, .unchanged:
            let now = relance.clock.now
            let store = relance.store
            guard let document = try await offload({ try store.read { try CaseDocument.load(id, in: $0, now: now) } })
            else { throw Problem(.notFound, "no such case") }
            return Self.response(document, status: .ok)
        }
    }

    /// The client as the audit trail names it (SPEC 14: `client:ID`); every read and change of
    /// cases here is recorded in the transaction that makes it.
    private static func actor(_ context: HTTPContext) -> AuditActor {
        .client(context.notes.client ?? "?")
    }

    private static func response(_ document: CaseDocument, status: HTTPResponse.Status) -> Response {
        JSONResponse.make(document.json, status: status, headers: [.eTag: entityTag(document)])
    }

    /// The strong entity tag of a case's representation: it changes whenever the document does.
    static func entityTag(_ document: CaseDocument) -> String {
        let digest = SHA256.hash(data: Data(document.json.serialized.utf8))
        return "\"" + digest.prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
    }

    private static func caseIDOrNil(_ context: HTTPContext) -> Int64? {
        context.parameters.get("id").flatMap { Int64($0) }.flatMap { $0 > 0 ? $0 : nil }
    }

    private static func caseID(_ context: HTTPContext) throws -> Int64 {
        guard let id = caseIDOrNil(context) else { throw Problem(.notFound, "no such case") }
        return id
    }
}

/// The opaque cursor of `GET /v1/cases`: where the next page starts, in base64url.
enum CasePageCursor {
    static func encode(_ row: CaseRow) -> String {
        Data("\(row.openedOn) \(row.id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> CaseCursor? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let plain = String(data: data, encoding: .utf8) else {
            return nil
        }
        let parts = plain.split(separator: " ")
        guard parts.count == 2, let day = LocalDate(iso: String(parts[0])), let id = Int64(parts[1]) else {
            return nil
        }
        return CaseCursor(openedOn: day, id: id)
    }
}

/// The entity tags of an `If-Match` header: `*`, or a list of them.
struct EntityTags: Sendable {
    let tags: [String]

    init(_ header: String) {
        tags = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Whether `tag` is among them (`*` matches any); weak tags never match (RFC 9110 13.1.1).
    func matches(_ tag: String) -> Bool {
        tags.contains("*") || tags.contains(tag)
    }
}
