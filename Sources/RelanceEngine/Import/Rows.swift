import Foundation
import RelanceConfig
import RelanceCore
import RelanceStore

/// Validation of each kind of row (SPEC section 7).
enum Rows {
    static let jobseekerColumns = [
        "id", "department", "first_name", "last_name", "email", "phone", "agency", "advisor", "registered_on",
        "channels", "journal_required", "status",
    ]

    /// The id of a jobseekers row: present, matching the identifier pattern, and a plain file name.
    static func jobseekerID(_ row: CSVRow, pattern: IdentifierPattern) throws -> String {
        let id = try row.required("id")
        if let problem = pattern.problem(with: id) {
            throw FieldError(column: "id", message: "'\(CSVRow.shown(id))' \(problem)")
        }
        return id
    }

    /// Why a valid jobseeker row can receive no reminder at all, if so: SMS go to mobiles only.
    static func unreachableWarning(_ record: JobseekerRecord) -> (column: String, message: String)? {
        guard record.channels == [.sms], record.phone?.isMobile != true else { return nil }
        let phone = record.phone == nil ? "no phone" : "a landline phone"
        return (
            "phone",
            "channels is 'sms' only and the row has \(phone): no reminder can reach this jobseeker "
                + "(SMS go to mobiles only; give a mobile, or add email to channels)"
        )
    }

    /// The other columns of a jobseekers row whose id is valid and not seen before in the file.
    static func jobseeker(_ row: CSVRow, id: String) throws -> JobseekerRecord {
        let department = try row.department("department")
        var record = JobseekerRecord(id: id, department: department.code, territory: department.territory)
        record.firstName = try row.text("first_name", maxLength: 100)
        record.lastName = try row.text("last_name", maxLength: 100)
        record.email = try row.email("email")
        if let phone = row["phone"] {
            guard let number = PhoneNumber(phone) else {
                throw FieldError(column: "phone", message: "'\(CSVRow.shown(phone))' is not a French phone number")
            }
            record.phone = number
        }
        record.agency = try row.code("agency")
        record.advisor = try row.code("advisor")
        if let day = row["registered_on"] {
            guard let date = LocalDate(iso: day) else {
                throw FieldError(column: "registered_on", message: "'\(CSVRow.shown(day))' is not a date YYYY-MM-DD")
            }
            record.registeredOn = date
        }
        if let text = row["channels"] {
            guard let channels = channels(text) else {
                throw FieldError(
                    column: "channels",
                    message: "'\(CSVRow.shown(text))' must be distinct channels among email|sms|webhook")
            }
            record.channels = channels
        }
        if let flag = row["journal_required"] {
            switch flag.lowercased() {
            case "true", "yes", "oui", "1": record.journalRequired = true
            case "false", "no", "non", "0": record.journalRequired = false
            default:
                throw FieldError(
                    column: "journal_required",
                    message: "'\(CSVRow.shown(flag))' must be true/false, yes/no, oui/non or 1/0")
            }
        }
        if let status = row["status"] {
            guard let value = JobseekerStatus(rawValue: status) else {
                throw FieldError(
                    column: "status", message: "'\(CSVRow.shown(status))' must be active, suspended or left")
            }
            record.status = value
        }
        return record
    }

    /// Distinct channel names separated by `|`, each trimmed; nil when one is not a channel.
    static func channels(_ text: String) -> [Channel]? {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            let names = text.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            let channels = names.compactMap(Channel.init(rawValue:))
            return channels.count == names.count && Set(channels).count == channels.count ? channels : nil
        }
        // ASCII: each character is one byte, and the only whitespace trimmed is space and tab.
        var channels: [Channel] = []
        for var name in text.utf8.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false) {
            while let first = name.first, first == 0x20 || first == 0x09 { name.removeFirst() }
            while let last = name.last, last == 0x20 || last == 0x09 { name.removeLast() }
            guard let channel = Channel(rawValue: String(decoding: name, as: UTF8.self)),
                !channels.contains(channel)
            else { return nil }
            channels.append(channel)
        }
        return channels
    }

    /// The error of a key seen on an earlier line.
    static func duplicate(_ key: String, column: String) -> FieldError {
        FieldError(column: column, message: "'\(key)' appears twice in the file")
    }

    /// A key column must be unique within the file.
    private static func unique(_ key: String, column: String, seen: inout Set<String>) throws {
        guard seen.insert(key).inserted else { throw duplicate(key, column: column) }
    }

    static func advisor(_ row: CSVRow, seen: inout Set<String>) throws -> AdvisorRecord {
        let id = try row.code("id") ?? row.required("id")
        try unique(id, column: "id", seen: &seen)
        guard let email = try row.email("email") else { throw FieldError(column: "email", message: "is required") }
        return AdvisorRecord(
            id: id, name: try row.text("name", maxLength: 200), email: email,
            agency: try row.code("agency") ?? row.required("agency"), role: try role(row))
    }

    /// advisors.csv `role`: `advisor` (the default, also for an empty cell) or `manager`.
    private static func role(_ row: CSVRow) throws -> AdvisorRole {
        guard let text = try row.text("role", maxLength: 20) else { return .advisor }
        guard let role = AdvisorRole(rawValue: text) else {
            throw FieldError(column: "role", message: "'\(CSVRow.shown(text))' must be advisor or manager")
        }
        return role
    }

    static func agency(_ row: CSVRow, seen: inout Set<String>) throws -> AgencyRecord {
        let code = try row.code("code") ?? row.required("code")
        try unique(code, column: "code", seen: &seen)
        guard let email = try row.email("email") else { throw FieldError(column: "email", message: "is required") }
        return AgencyRecord(
            code: code, name: try row.text("name", maxLength: 200), email: email,
            department: try row.department("department").code)
    }
}
