public import Foundation

/// One row of `reminders list --format json` (SPEC section 8).
public struct ReminderListing: Decodable, Sendable, Hashable {
    public let key: String
    public let jobseekerID: String
    public let period: String
    public let step: String
    public let state: String
    public let channel: String?
    public let dueAt: String
    public let expiresAt: String
    public let sentAt: String?
    public let attempts: Int
    public let lastError: String?
    /// SPEC 13: `unconfirmed`, `delivered`, `undelivered`, `not_tracked`; nil before any send.
    public let delivery: String?

    enum CodingKeys: String, CodingKey {
        case key, period, step, state, channel, attempts, delivery
        case jobseekerID = "jobseeker_id"
        case dueAt = "due_at"
        case expiresAt = "expires_at"
        case sentAt = "sent_at"
        case lastError = "last_error"
    }
}

/// One row of `cases list --format json` (SPEC section 8).
public struct CaseListing: Decodable, Sendable, Hashable {
    public let caseID: Int
    public let jobseekerID: String
    public let department: String
    public let agency: String?
    public let advisor: String?
    public let route: String
    /// `missed 2026-11, journal_missing 2026-12`.
    public let reasons: String
    public let openedOn: String
    public let dueOn: String
    public let state: String
    public let overdue: Bool

    /// The reasons as a set of `REASON PERIOD` codes (their order is not part of the contract).
    public var reasonSet: Set<String> {
        Set(reasons.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    enum CodingKeys: String, CodingKey {
        case department, agency, advisor, route, reasons, state, overdue
        case caseID = "case_id"
        case jobseekerID = "jobseeker_id"
        case openedOn = "opened_on"
        case dueOn = "due_on"
    }
}

/// One period of `status --format json` (SPEC section 8).
public struct PeriodListing: Decodable, Sendable, Hashable {
    public let period: String
    public let state: String
    public let jobseekers: Int
    public let declared: Int
    public let late: Int
    public let missed: Int
    public let journalMissing: Int
    public let reminders: [String: Int]
    public let casesOpen: Int

    enum CodingKeys: String, CodingKey {
        case period, state, jobseekers, declared, late, missed, reminders
        case journalMissing = "journal_missing"
        case casesOpen = "cases_open"
    }
}

extension Sandbox {
    /// `reminders list --format json` at `now`.
    public func reminders(at now: String) throws -> [ReminderListing] {
        try decode(["reminders", "list", "--format", "json"], now: now)
    }

    /// `cases list --format json` at `now`.
    public func cases(at now: String) throws -> [CaseListing] {
        try decode(["cases", "list", "--format", "json"], now: now)
    }

    /// The periods of `status --format json` at `now`.
    public func periods(at now: String) throws -> [PeriodListing] {
        struct Status: Decodable { let periods: [PeriodListing] }
        let status: Status = try decode(["status", "--format", "json"], now: now)
        return status.periods
    }

    /// Runs a command that must succeed and decodes its JSON output.
    public func decode<T: Decodable>(_ arguments: [String], now: String) throws -> T {
        let result = try run(arguments, now: now)
        guard result.status == 0 else {
            throw SandboxError(
                message: "\(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(result.stdout.utf8))
        } catch {
            throw SandboxError(
                message: "\(arguments.joined(separator: " ")): unexpected output \(result.stdout): \(error)")
        }
    }

    /// Runs a command that must exit 0.
    @discardableResult
    public func succeed(_ arguments: [String], now: String) throws -> Result {
        let result = try run(arguments, now: now)
        guard result.status == 0 else {
            throw SandboxError(
                message: "\(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
        }
        return result
    }

    /// The reminder messages in the spool, as `CHANNEL/PERIOD/JOBSEEKER-STEP.EXT` (advisor digests left out).
    public func spooledReminders() -> Set<String> {
        let files = FileManager.default.enumerator(atPath: spoolPath)?.allObjects as? [String] ?? []
        return Set(
            files.filter { path in
                let parts = path.split(separator: "/")
                return parts.count == 3 && parts[1] != "digest" && !path.hasSuffix(".tmp")
            })
    }
}

extension Date {
    /// ISO 8601 in UTC, e.g. `2026-11-28T09:00:00Z`: the form tests pass to `--now`.
    public var iso: String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: self)
    }

    /// Parses ISO 8601 with an offset or `Z`.
    public init?(iso text: String) {
        guard let date = ISO8601DateFormatter().date(from: text) else { return nil }
        self = date
    }
}
