/// What a bounce message says (SPEC 13): a delivery status notification (RFC 3464) or a
/// complaint (RFC 5965), and the addresses it may have been sent to.
public struct BounceReport: Sendable, Equatable {
    /// `bounced`, `deferred`, `delivered` or `complained`.
    public var status: String
    /// The `Diagnostic-Code`, or the `Status`, or the feedback type.
    public var diagnostic: String?
    /// Where the report was sent, most trusted first: `Delivered-To`, `X-Original-To`, and for
    /// a complaint the `Return-Path` of the message it returns.
    public var recipients: [String]

    /// Reads a report; nil when the message is neither a delivery report nor a complaint.
    public static func parse(_ text: String) -> BounceReport? {
        let message = MIMEEntity(text)
        let entities = message.all
        var recipients = ["delivered-to", "x-original-to"].compactMap { message.header($0) }
        if let feedback = entities.first(where: { $0.mediaType == "message/feedback-report" }) {
            let fields = MIMEEntity.fields(feedback.body)
            let type = fields.first { $0.name == "feedback-type" }?.value
            if let returned = entities.first(where: {
                ["message/rfc822", "text/rfc822-headers"].contains($0.mediaType)
            }),
                let returnPath = MIMEEntity(returned.body).header("return-path")
            {
                recipients.append(returnPath)
            }
            return BounceReport(
                status: "complained", diagnostic: type.map { "feedback: \($0)" }, recipients: recipients)
        }
        guard let report = entities.first(where: { $0.mediaType == "message/delivery-status" }) else { return nil }
        // Per-message fields, then one block per recipient: the first with an Action counts.
        let blocks = report.body.components(separatedBy: "\n\n").map(MIMEEntity.fields)
        guard
            let recipient = blocks.first(where: { block in block.contains { $0.name == "action" } }),
            let action = recipient.first(where: { $0.name == "action" })?.value.lowercased()
        else { return nil }
        let code = recipient.first { $0.name == "status" }?.value ?? ""
        let diagnostic = recipient.first { $0.name == "diagnostic-code" }?.value ?? (code.isEmpty ? nil : code)
        let status: String
        switch action.split(separator: " ").first.map(String.init) ?? action {
        case "failed" where code.hasPrefix("5"): status = "bounced"
        case "failed", "delayed": status = "deferred"
        case "delivered", "relayed", "expanded": status = "delivered"
        default: return nil
        }
        return BounceReport(
            status: status, diagnostic: diagnostic.map { String($0.prefix(1000)) }, recipients: recipients)
    }
}
