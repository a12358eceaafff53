import Foundation

/// One jobseeker written by a test, as a row of a jobseekers file (SPEC section 7).
public struct JobseekerFixture: Sendable, Hashable {
    public var id: String
    public var department: String
    public var email: String?
    /// As written in the file (any accepted French format).
    public var phone: String?
    /// The jobseeker's own `channels` preference.
    public var channels: [String]?
    public var journalRequired: Bool?
    /// `active`, `suspended` or `left`.
    public var status: String
    public var registeredOn: String
    public var agency: String?
    public var advisor: String?

    public init(
        id: String, department: String, email: String? = nil, phone: String? = nil, channels: [String]? = nil,
        journalRequired: Bool? = nil, status: String = "active", registeredOn: String = "2026-01-05",
        agency: String? = nil, advisor: String? = nil
    ) {
        self.id = id
        self.department = department
        self.email = email
        self.phone = phone
        self.channels = channels
        self.journalRequired = journalRequired
        self.status = status
        self.registeredOn = registeredOn
        self.agency = agency
        self.advisor = advisor
    }

    /// The header of a jobseekers file.
    public static let csvHeader =
        "id,department,first_name,last_name,email,phone,agency,advisor,registered_on,channels,journal_required,status"

    /// The row of this jobseeker.
    public var csvLine: String {
        [
            id, department, "Camille", "Essai-\(id)", email ?? "", phone ?? "", agency ?? "", advisor ?? "",
            registeredOn, channels?.joined(separator: "|") ?? "", journalRequired.map { $0 ? "oui" : "non" } ?? "",
            status,
        ].joined(separator: ",")
    }
}

extension Sandbox {
    /// Writes and imports a jobseekers file; fails unless the import succeeds.
    public func importJobseekers(_ rows: [JobseekerFixture], at now: String) throws {
        let file = try write(
            "jobseekers-\(UUID().uuidString).csv",
            ([JobseekerFixture.csvHeader] + rows.map(\.csvLine)).joined(separator: "\n") + "\n")
        try succeed(["import", "jobseekers", file], now: now)
    }

    /// Imports the sample agencies and advisors (no jobseekers).
    public func importSampleAdvisors(at now: String) throws {
        try succeed(["import", "agencies", Self.sample("agencies.csv")], now: now)
        try succeed(["import", "advisors", Self.sample("advisors.csv")], now: now)
    }

    /// Writes and imports a declarations file made of `lines` (without header); fails unless it succeeds.
    public func importDeclarations(_ lines: [String], at now: String) throws {
        let file = try write(
            "declarations-\(UUID().uuidString).csv",
            (["jobseeker_id,period,declared_at,act_date,act_type,act_label"] + lines).joined(separator: "\n") + "\n")
        try succeed(["import", "declarations", file], now: now)
    }

    /// Gives every step in `steps` the templates of `source` (for steps a test adds to the policy).
    public func addTemplates(for steps: [String], copying source: String = "opening") throws {
        let folder = root + "/config/templates/"
        let manager = FileManager.default
        for name in try manager.contentsOfDirectory(atPath: folder) where name.hasPrefix(source + ".") {
            let suffix = name.dropFirst(source.count)
            for step in steps where !manager.fileExists(atPath: folder + step + suffix) {
                try manager.copyItem(atPath: folder + name, toPath: folder + step + suffix)
            }
        }
    }

    /// A configuration edit that replaces whole top-level blocks (`reminders:`, `journal:`…) of the
    /// YAML text by the given ones, keyed by their top-level key; blocks not present are appended.
    public static func replacingBlocks(_ blocks: [String: String]) -> @Sendable (String) -> String {
        { text in
            var lines: [String] = []
            var skipping = false
            var done = Set<String>()
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                let isTopLevel = !(line.first.map { $0 == " " || $0 == "#" } ?? true)
                if isTopLevel {
                    let key = String(line.prefix { $0 != ":" })
                    skipping = blocks[key] != nil
                    if let block = blocks[key] {
                        lines.append(block)
                        done.insert(key)
                    }
                }
                if !skipping { lines.append(line) }
            }
            for (key, block) in blocks.sorted(by: { $0.key < $1.key }) where !done.contains(key) { lines.append(block) }
            return lines.joined(separator: "\n")
        }
    }
}
