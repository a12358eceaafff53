import Foundation

/// A MIME entity as read from a message: unfolded headers and the raw body, with the parts of
/// a multipart body. Enough to read delivery reports (RFC 3464, RFC 6522) and complaints
/// (RFC 5965); not a general MIME decoder.
struct MIMEEntity {
    var headers: [(name: String, value: String)]
    var body: String

    /// Splits headers and body at the first empty line (CRLF or LF line endings).
    init(_ text: String) {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        let split = normalized.range(of: "\n\n")
        let head = split.map { String(normalized[..<$0.lowerBound]) } ?? normalized
        body = split.map { String(normalized[$0.upperBound...]) } ?? ""
        headers = Self.fields(head)
    }

    /// `Name: value` lines, continuation lines joined to the field before.
    static func fields(_ block: String) -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = []
        for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first == " " || first == "\t", !fields.isEmpty {
                fields[fields.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                fields.append(
                    (
                        line[..<colon].trimmingCharacters(in: .whitespaces).lowercased(),
                        line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    ))
            }
        }
        return fields
    }

    /// The first value of a header, by case-insensitive name.
    func header(_ name: String) -> String? {
        headers.first { $0.name == name.lowercased() }?.value
    }

    /// The media type, lowercased, without parameters (`text/plain` by default).
    var mediaType: String {
        (header("content-type")?.split(separator: ";").first.map(String.init) ?? "text/plain")
            .trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// A parameter of `Content-Type`, quotes removed.
    func parameter(_ name: String) -> String? {
        guard let value = header("content-type") else { return nil }
        for part in value.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == name {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    /// The parts of a multipart body; none for another body.
    var parts: [MIMEEntity] {
        guard mediaType.hasPrefix("multipart/"), let boundary = parameter("boundary"), !boundary.isEmpty else {
            return []
        }
        var parts: [MIMEEntity] = []
        var current: [Substring]?
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "--" + boundary || trimmed == "--" + boundary + "--" {
                if let current { parts.append(MIMEEntity(current.joined(separator: "\n"))) }
                current = trimmed.hasSuffix(boundary + "--") ? nil : []
                if current == nil { break }
            } else {
                current?.append(line)
            }
        }
        return parts
    }

    /// This entity and every part nested in it, depth first.
    var all: [MIMEEntity] {
        [self] + parts.flatMap(\.all)
    }
}
