import Hummingbird
import RelanceCore
import RelanceEngine

extension Routes {
    /// At most this many receipts in one request.
    static let maxReceipts = 1000

    /// `POST /v1/receipts/sms` and `POST /v1/receipts/email` (SPEC 13): one receipt or an array
    /// of up to 1,000, all recorded or none; 200 `{"matched", "unknown"}`, 422 naming each
    /// invalid field (`[INDEX].FIELD` in an array).
    func postReceipts(on channel: Channel) -> @Sendable (Request, HTTPContext) async throws -> Response {
        { [self] request, _ in
            let body = try await JSONBody.value(request, maxBody: maxBody, timeout: bodyTimeout)
            let receipts = try Self.receipts(body, channel: channel)
            let relance = relance
            let counts = try await offload { try relance.record(receipts: receipts) }
            return JSONResponse.make(
                .object([("matched", .int(counts.matched)), ("unknown", .int(counts.unknown))]), status: .ok)
        }
    }

    /// The receipts of a body, validated by the engine.
    static func receipts(_ body: JSONValue, channel: Channel) throws -> [Receipt] {
        let items: [(prefix: String, value: JSONValue)]
        switch body {
        case .array(let values):
            guard values.count <= maxReceipts else {
                throw Problem.invalid([("", "at most \(maxReceipts) receipts in one request")])
            }
            items = values.enumerated().map { ("[\($0.offset)].", $0.element) }
        case .object: items = [("", body)]
        default: throw Problem(.badRequest, "the body is neither a JSON object nor an array")
        }
        var errors: RecordFields.FieldErrors = []
        var receipts: [Receipt] = []
        for (prefix, item) in items {
            guard case .object(let members) = item else {
                errors.append((String(prefix.dropLast()), "must be an object"))
                continue
            }
            var fieldErrors: RecordFields.FieldErrors = []
            let fields = RecordFields.strings(
                members, allowed: Set(Receipt.fields(for: channel)), prefix: prefix, errors: &fieldErrors)
            errors += fieldErrors
            guard fieldErrors.isEmpty else { continue }
            do {
                receipts.append(try Receipt.parse(fields, channel: channel))
            } catch {
                errors += error.problems.map { (prefix + $0.column, $0.message) }
            }
        }
        guard errors.isEmpty else { throw Problem.invalid(errors) }
        return receipts
    }
}
