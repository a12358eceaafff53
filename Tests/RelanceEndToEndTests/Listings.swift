import Foundation
import RelanceTestSupport

/// One object of `reminders list --format json` (SPEC section 8).
struct ListedReminder: Decodable {
    var key: String
    var jobseekerID: String
    var period: String
    var step: String
    var state: String
    var channel: String?
    var sentAt: String?
    var attempts: Int
    var lastError: String?

    enum CodingKeys: String, CodingKey {
        case key, period, step, state, channel, attempts
        case jobseekerID = "jobseeker_id"
        case sentAt = "sent_at"
        case lastError = "last_error"
    }
}

/// One object of `cases list --format json` (SPEC section 8).
struct ListedCase: Decodable {
    var jobseekerID: String
    var route: String
    var reasons: String
    var state: String

    enum CodingKeys: String, CodingKey {
        case route, reasons, state
        case jobseekerID = "jobseeker_id"
    }
}

/// A row of `config/sample/jobseekers.csv` (no field of that file is quoted).
struct SampleJobseeker {
    var id: String
    var department: String
    var firstName: String
    var email: String

    /// Every sample jobseeker by id.
    static let all: [String: SampleJobseeker] = {
        let text = (try? String(contentsOfFile: Sandbox.sample("jobseekers.csv"), encoding: .utf8)) ?? ""
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        return Dictionary(
            rows.map { ($0[0].description, SampleJobseeker(id: "\($0[0])", department: "\($0[1])", firstName: "\($0[2])", email: "\($0[4])")) },
            uniquingKeysWith: { first, _ in first })
    }()
}

extension Sandbox {
    /// `reminders list --format json` at `now`.
    func reminders(at now: String) throws -> [ListedReminder] {
        try decode([ListedReminder].self, ["reminders", "list", "--format", "json"], now: now)
    }

    /// `cases list --format json` at `now`.
    func cases(at now: String) throws -> [ListedCase] {
        try decode([ListedCase].self, ["cases", "list", "--format", "json"], now: now)
    }

    private func decode<T: Decodable>(_ type: T.Type, _ arguments: [String], now: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(succeed(arguments, now: now).stdout.utf8))
    }
}

/// Seconds since 1970 of an ISO 8601 instant with offset.
func unixTime(_ iso: String) -> Int64 {
    Int64(ISO8601DateFormatter().date(from: iso)!.timeIntervalSince1970)
}

/// A jobseekers CSV for the given rows (`id,department,first_name,email,phone,channels`).
func jobseekersCSV(_ rows: [String]) -> String {
    (["id,department,first_name,email,phone,channels"] + rows).joined(separator: "\n") + "\n"
}
