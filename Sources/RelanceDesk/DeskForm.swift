import Foundation
import Hummingbird

/// The fields of an `application/x-www-form-urlencoded` body (the desk's forms), or of a query.
struct DeskForm: Sendable {
    let fields: [String: String]

    /// The largest form body read (a note is at most 1,000 characters).
    static let maxBody = 16 * 1024

    /// Reads a request's form body; an oversized or unreadable one gives no fields.
    static func read(_ request: Request) async -> DeskForm {
        var request = request
        guard let buffer = try? await request.collectBody(upTo: maxBody) else { return DeskForm(fields: [:]) }
        return DeskForm(encoded: String(buffer: buffer))
    }

    /// Parses `a=1&b=x+y`.
    init(encoded: String) {
        var fields: [String: String] = [:]
        for pair in encoded.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            guard let name = parts.first, !name.isEmpty, fields[name] == nil else { continue }
            fields[name] = parts.count == 2 ? parts[1] : ""
        }
        self.fields = fields
    }

    init(fields: [String: String]) { self.fields = fields }

    subscript(_ name: String) -> String? { fields[name] }
}
