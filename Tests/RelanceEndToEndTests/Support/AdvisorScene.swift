import Foundation
import RelanceTestSupport

/// A sandbox with the sample agencies and advisors and a few jobseekers of department 75, ticked
/// through period 2026-10 with nobody declaring: every jobseeker has a case after the closing
/// tick of Monday 16 November 2026, at noon, which also sends that day's digests.
struct AdvisorScene {
    static let importedAt = "2026-10-20T09:00:00+02:00"
    static let closing = "2026-11-16T12:00:00+01:00"

    let sandbox: Sandbox
    /// The import of the jobseekers.
    let imported: Sandbox.Result
    /// The closing tick.
    let closed: Sandbox.Result

    /// `rows` are lines of a jobseekers file with the columns
    /// `id,department,first_name,last_name,email,phone,agency,advisor`.
    init(_ rows: [String], edit: @escaping (String) -> String = { $0 }) throws {
        sandbox = try Sandbox(edit: edit)
        for (kind, file) in [("agencies", "agencies.csv"), ("advisors", "advisors.csv")] {
            let result = try sandbox.run(["import", kind, Sandbox.sample(file)], now: Self.importedAt)
            guard result.status == 0 else { throw SceneError(message: "import \(kind): \(result.stderr)") }
        }
        let file = try sandbox.write(
            "jobseekers.csv",
            (["id,department,first_name,last_name,email,phone,agency,advisor"] + rows).joined(separator: "\n") + "\n")
        imported = try sandbox.run(["import", "jobseekers", file], now: Self.importedAt)
        _ = try sandbox.tick(at: "2026-10-28T10:30:00+01:00")
        closed = try sandbox.run(["tick"], now: Self.closing)
    }

    /// `cases list --format json` (with more options) at `now`, as objects.
    func cases(_ options: [String] = [], at now: String = closing) throws -> [[String: Any]] {
        let result = try sandbox.run(["cases", "list", "--format", "json"] + options, now: now)
        guard result.status == 0,
            let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        else { throw SceneError(message: "cases list failed: \(result.stderr)") }
        return rows
    }

    /// The digest spooled for a recipient on a day, as Python's `email` package reads it.
    func digest(_ recipient: String, on day: String) throws -> Python.ParsedEmail? {
        guard let data = sandbox.contents("\(sandbox.spoolPath)/email/digest/\(day)/\(recipient).eml") else {
            return nil
        }
        return try Python.parseEmails([Array(data)]).first
    }

    /// The cells of a `;`-separated CSV text after its byte order mark, as Python's `csv` module reads them.
    static func parseCSV(_ text: String) throws -> [[String]] {
        let path = NSTemporaryDirectory() + "relance-csv-\(UUID().uuidString).csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            "-c",
            "import csv, json, sys; json.dump(list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline=''), delimiter=';')), sys.stdout)",
            path,
        ]
        let result = try process.runCollectingOutput()
        guard result.status == 0 else { throw SceneError(message: "python3 csv: \(result.stderr)") }
        return try JSONDecoder().decode([[String]].self, from: Data(result.stdout.utf8))
    }
}

/// A step of the scene that did not work.
struct SceneError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
