import RelanceCore
import RelanceEngine
import RelanceStore

/// Maps the JSON of a request onto the columns of SPEC section 7, so that the import's rules
/// (and messages) apply, and the import's column names back onto the request's fields.
enum RecordFields {
    typealias FieldErrors = [(field: String, message: String)]

    /// `POST /v1/declarations`: `{"jobseeker_id", "period", "declared_at", "acts": [{"date", "type", "label"}]}`.
    static func declaration(_ body: JSONBody) throws -> (fields: [String: String], acts: [[String: String]]) {
        var errors: FieldErrors = []
        let fields = strings(
            body.members, allowed: ["jobseeker_id", "period", "declared_at"], ignoring: ["acts"], prefix: "",
            errors: &errors)
        var acts: [[String: String]] = []
        switch body.members["acts"] {
        case nil, .null: break
        case .array(let items):
            for (index, item) in items.enumerated() {
                guard case .object(let act) = item else {
                    errors.append(("acts[\(index)]", "must be an object"))
                    continue
                }
                let values = strings(
                    act, allowed: ["date", "type", "label"], prefix: "acts[\(index)].", errors: &errors)
                acts.append(Dictionary(uniqueKeysWithValues: values.map { ("act_" + $0.key, $0.value) }))
            }
        default: errors.append(("acts", "must be a list"))
        }
        guard errors.isEmpty else { throw Problem.invalid(errors) }
        return (fields, acts)
    }

    /// `PUT /v1/jobseekers/{id}`: the columns of a jobseekers row, `channels` a list and
    /// `journal_required` a boolean.
    static func jobseeker(_ body: JSONBody, id: String) throws -> [String: String] {
        var errors: FieldErrors = []
        let special: Set = ["channels", "journal_required"]
        var columns = strings(
            body.members,
            allowed: [
                "id", "department", "first_name", "last_name", "email", "phone", "agency", "advisor",
                "registered_on", "status",
            ], ignoring: special, prefix: "", errors: &errors)
        if let given = columns.removeValue(forKey: "id"), given != id {
            errors.append(("id", "'\(given)' is not the id of the path"))
        }
        switch body.members["channels"] {
        case nil, .null: break
        case .array(let items):
            let names = items.compactMap { item -> String? in
                if case .string(let name) = item { return name }
                return nil
            }
            guard names.count == items.count, !names.contains(where: { $0.contains("|") }) else {
                errors.append(("channels", "must be a list of channel names"))
                break
            }
            columns["channels"] = names.joined(separator: "|")
        default: errors.append(("channels", "must be a list of channel names"))
        }
        switch body.members["journal_required"] {
        case nil, .null: break
        case .bool(let flag): columns["journal_required"] = flag ? "true" : "false"
        default: errors.append(("journal_required", "must be true or false"))
        }
        guard errors.isEmpty else { throw Problem.invalid(errors) }
        return columns
    }

    /// `PATCH /v1/cases/{id}`: `{"state", "note", "by"}`; `state` is required, `by` (who acted,
    /// in the client's words) is recorded with the client's id.
    static func caseUpdate(_ body: JSONBody) throws -> (state: CaseState, note: String?, by: String?) {
        var errors: FieldErrors = []
        let values = strings(body.members, allowed: ["state", "note", "by"], prefix: "", errors: &errors)
        let state = values["state"].flatMap(CaseState.init(rawValue:))
        if state == nil, !errors.contains(where: { $0.field == "state" }) {
            errors.append(("state", "must be one of: \(CaseState.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        if let by = values["by"], let problem = by.isEmpty ? "is empty" : TextRules.problem(inText: by, maxLength: 100)
        {
            errors.append(("by", problem))
        }
        guard let state, errors.isEmpty else { throw Problem.invalid(errors) }
        return (state, values["note"], values["by"])
    }

    /// The import's problems as the request's fields.
    static func problem(_ invalid: InvalidRecord) -> Problem {
        Problem.invalid(
            invalid.problems.map { problem in
                guard let act = problem.act else { return (problem.column, problem.message) }
                return ("acts[\(act)].\(problem.column.dropFirst("act_".count))", problem.message)
            })
    }

    /// The string members of an object among `allowed` (null counts as absent); other members
    /// not in `ignoring` are unknown fields.
    static func strings(
        _ object: [String: JSONValue], allowed: Set<String>, ignoring: Set<String> = [], prefix: String,
        errors: inout FieldErrors
    ) -> [String: String] {
        var values: [String: String] = [:]
        for (key, value) in object.sorted(by: { $0.key < $1.key }) where !ignoring.contains(key) {
            guard allowed.contains(key) else {
                errors.append(
                    (prefix + key, "unknown field (expected one of: \(allowed.sorted().joined(separator: ", ")))"))
                continue
            }
            switch value {
            case .null: break
            case .string(let text): values[key] = text
            default: errors.append((prefix + key, "must be a string"))
            }
        }
        return values
    }
}
