import Foundation
import RelanceTestSupport

/// The sample files of `config/sample`, read by the tests themselves (a minimal RFC 4180 reader).
enum SampleData {
    /// One row of a declarations file, with its original text.
    struct DeclarationLine {
        var jobseekerID: String
        var period: String
        var declaredAt: Date
        var hasAct: Bool
        var line: String
    }

    /// The sample jobseekers, as fixtures.
    static func jobseekers() throws -> [JobseekerFixture] {
        try rows(of: "jobseekers.csv").map { row in
            func value(_ column: String) -> String? { row.fields[column].flatMap { $0.isEmpty ? nil : $0 } }
            return JobseekerFixture(
                id: row.fields["id"]!, department: row.fields["department"]!, email: value("email"),
                phone: value("phone"), channels: value("channels")?.split(separator: "|").map(String.init),
                journalRequired: value("journal_required").map {
                    ["oui", "true", "yes", "1"].contains($0.lowercased())
                },
                status: value("status") ?? "active", registeredOn: row.fields["registered_on"]!,
                agency: value("agency"), advisor: value("advisor"))
        }
    }

    /// The rows of a sample declarations file.
    static func declarations(_ file: String) throws -> [DeclarationLine] {
        try rows(of: file).map { row in
            DeclarationLine(
                jobseekerID: row.fields["jobseeker_id"]!, period: row.fields["period"]!,
                declaredAt: Date(iso: row.fields["declared_at"]!)!, hasAct: !(row.fields["act_type"] ?? "").isEmpty,
                line: row.line)
        }
    }

    /// The records of a file, by column name, with their text (`,` separator, quoted fields).
    private static func rows(of file: String) throws -> [(fields: [String: String], line: String)] {
        let text = try String(contentsOfFile: Sandbox.sample(file), encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = fields(lines[0])
        return lines.dropFirst().map { line in (Dictionary(uniqueKeysWithValues: zip(header, fields(line))), line) }
    }

    /// The fields of one line (no field of the sample files spans lines).
    private static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var characters = Array(line)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { current.append(characters.removeFirst()) } else { quoted = false }
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        return fields + [current]
    }
}
