import Foundation
public import RelanceCore

/// One delivery receipt (SPEC 13): an SMS receipt or an email event, validated.
public struct Receipt: Sendable {
    public var channel: Channel
    /// The reminder named, nil when the reference cannot be one of ours.
    public var key: ReminderKey?
    public var status: ReceiptStatus
    /// When the provider says it happened.
    public var at: Instant?
    /// The provider's `error` (SMS) or `diagnostic` (email).
    public var detail: String?

    public init(
        channel: Channel, key: ReminderKey?, status: ReceiptStatus,
        at: Instant?, detail: String?
    ) {
        self.channel = channel
        self.key = key
        self.status = status
        self.at = at
        self.detail = detail
    }

    /// The fields of a receipt on `channel`, by name.
    public static func fields(for channel: Channel) -> [String] {
        switch channel {
        case .sms: ["reference", "status", "at", "error"]
        default: ["message_id", "key", "status", "at", "diagnostic"]
        }
    }

    /// Validates the string fields of one receipt. SMS: `reference`, `status`, `at`, `error`;
    /// email: `message_id` or `key`, `status`, `at`, `diagnostic`. Messages are worded as the
    /// CSV import's.
    ///
    /// - Throws: ``InvalidRecord`` naming each invalid field.
    public static func parse(_ fields: [String: String], channel: Channel) throws(InvalidRecord) -> Receipt {
        var problems: [FieldProblem] = []
        func problem(_ column: String, _ message: String) {
            problems.append(FieldProblem(column: column, act: nil, message: message))
        }
        var key: ReminderKey?
        switch channel {
        case .email:
            if let id = fields["message_id"] {
                key = Self.key(inMessageID: id)
            } else if let text = fields["key"] {
                key = ReminderKey(text)
            } else {
                problem("message_id", "is required (or key)")
            }
        default:
            if let reference = fields["reference"] {
                key = ReminderKey(reference)
            } else {
                problem("reference", "is required")
            }
        }
        var status: ReceiptStatus?
        if let name = fields["status"] {
            status = ReceiptStatus(name, channel: channel)
            if status == nil {
                let names = ReceiptStatus.names(for: channel).joined(separator: ", ")
                problem("status", "'\(CSVRow.shown(name))' is not one of \(names)")
            }
        } else {
            problem("status", "is required")
        }
        var at: Instant?
        if let text = fields["at"] {
            at = Instant(iso: text)
            if at == nil { problem("at", "'\(CSVRow.shown(text))' is not ISO 8601 with an offset") }
        }
        let detailField = channel == .email ? "diagnostic" : "error"
        let detail = fields[detailField]
        if let detail, detail.count > 1000 { problem(detailField, "is longer than 1000 characters") }
        guard problems.isEmpty, let status else { throw InvalidRecord(problems: problems) }
        return Receipt(channel: channel, key: key, status: status, at: at, detail: detail)
    }

    /// The key of a `Message-ID` relance wrote: `<relance.JOBSEEKER.PERIOD.STEP@domain>`, bytes
    /// outside the id's characters written `=XX` (see the email message).
    static func key(inMessageID id: String) -> ReminderKey? {
        var text = Substring(id.trimmingCharacters(in: .init(charactersIn: "<> ")))
        guard text.hasPrefix("relance."), let at = text.lastIndex(of: "@") else { return nil }
        text = text[text.index(text.startIndex, offsetBy: "relance.".count)..<at]
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).compactMap { unescape($0) }
        guard parts.count == 3 else { return nil }
        return ReminderKey(parts.joined(separator: "/"))
    }

    private static func unescape(_ part: Substring) -> String? {
        var bytes: [UInt8] = []
        var index = part.utf8.startIndex
        let utf8 = part.utf8
        while index < utf8.endIndex {
            if utf8[index] == UInt8(ascii: "=") {
                let end = utf8.index(index, offsetBy: 3, limitedBy: utf8.endIndex) ?? utf8.endIndex
                guard utf8.distance(from: index, to: end) == 3,
                    let byte = UInt8(String(decoding: utf8[utf8.index(after: index)..<end], as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(byte)
                index = end
            } else {
                bytes.append(utf8[index])
                index = utf8.index(after: index)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
