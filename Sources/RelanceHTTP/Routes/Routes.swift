import Foundation
import Hummingbird
import RelanceCore
import RelanceEngine
import RelanceStore

/// The routes of SPEC 12 (this part of it: health, OpenAPI, jobseekers, declarations, status, cases).
struct Routes: Sendable {
    let relance: Relance
    let maxBody: Int
    /// How long a request body may take to arrive (408 after).
    let bodyTimeout: Duration

    var endpoints: [Endpoint] {
        [
            Endpoint(method: .get, path: "/healthz", scope: nil, handler: health),
            Endpoint(method: .get, path: "/v1/openapi.json", scope: nil, handler: openAPI),
            Endpoint(method: .post, path: "/v1/declarations", scope: .declarations, handler: postDeclaration),
            Endpoint(method: .put, path: "/v1/jobseekers/{id}", scope: .jobseekers, handler: putJobseeker),
            Endpoint(
                method: .get, path: "/v1/jobseekers/{id}/periods/{period}", scope: .read, handler: jobseekerPeriod),
            Endpoint(method: .get, path: "/v1/status", scope: .read, handler: status),
            Endpoint(method: .get, path: "/v1/cases", scope: .cases, handler: listCases),
            Endpoint(method: .get, path: "/v1/cases/{id}", scope: .cases, handler: getCase),
            Endpoint(method: .patch, path: "/v1/cases/{id}", scope: .cases, handler: patchCase),
            Endpoint(method: .post, path: "/v1/receipts/sms", scope: .receipts, handler: postReceipts(on: .sms)),
            Endpoint(method: .post, path: "/v1/receipts/email", scope: .receipts, handler: postReceipts(on: .email)),
        ]
    }

    /// `GET /healthz`: 200 when the database answers, else 503.
    func health(_ request: Request, _ context: HTTPContext) async throws -> Response {
        let store = relance.store
        do {
            _ = try await offload { try store.read { try $0.meta("schema") } }
        } catch {
            throw Problem.retry(.serviceUnavailable, after: 1, "the database does not answer")
        }
        return JSONResponse.make(.object([("status", .string("ok"))]), status: .ok)
    }

    /// `GET /v1/openapi.json`: the document kept in the repository, as is.
    func openAPI(_ request: Request, _ context: HTTPContext) async throws -> Response {
        guard let data = OpenAPIDocument.data else { throw Problem(.internalServerError, "the document is missing") }
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `POST /v1/declarations`: 201 new, 200 existed; 422 for invalid fields.
    func postDeclaration(_ request: Request, _ context: HTTPContext) async throws -> Response {
        let body = try await JSONBody.read(request, maxBody: maxBody, timeout: bodyTimeout)
        let (fields, acts) = try RecordFields.declaration(body)
        let relance = relance
        let outcome = try await write { try Importer(relance).record(declaration: fields, acts: acts) }
        return JSONResponse.make(
            .object([
                ("jobseeker_id", .optional(fields["jobseeker_id"])), ("period", .optional(fields["period"])),
                ("status", .string(outcome == .created ? "created" : "existed")),
            ]), status: outcome == .created ? .created : .ok)
    }

    /// `PUT /v1/jobseekers/{id}`: 201 created, 200 replaced.
    func putJobseeker(_ request: Request, _ context: HTTPContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        let body = try await JSONBody.read(request, maxBody: maxBody, timeout: bodyTimeout)
        let columns = try RecordFields.jobseeker(body, id: id)
        let relance = relance
        let outcome = try await write { try Importer(relance).put(jobseeker: id, columns: columns) }
        return JSONResponse.make(
            .object([("id", .string(id)), ("status", .string(outcome == .created ? "created" : "replaced"))]),
            status: outcome == .created ? .created : .ok)
    }

    /// `GET /v1/status`: the object of `status --format json`.
    func status(_ request: Request, _ context: HTTPContext) async throws -> Response {
        let store = relance.store
        let document = try await offload {
            try store.read {
                PeriodStatus.document(
                    try $0.periodStatuses(only: nil), unrouted: try $0.unroutedCaseCount(),
                    degraded: try $0.degradedChannels().map(\.channel.rawValue))
            }
        }
        return JSONResponse.make(document, status: .ok)
    }

    /// Runs a write; the import's field problems become a 422.
    private func write<T: Sendable>(_ work: @Sendable @escaping () throws -> T) async throws -> T {
        do {
            return try await offload(work)
        } catch let invalid as InvalidRecord {
            throw RecordFields.problem(invalid)
        }
    }
}

/// The OpenAPI 3.1 document of the interface (`Resources/openapi.json`).
enum OpenAPIDocument {
    static let data: Data? = Bundle.module.url(forResource: "openapi", withExtension: "json").flatMap {
        try? Data(contentsOf: $0)
    }
}
