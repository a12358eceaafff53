import RelanceCore
import RelanceDelivery

/// What `relance bounce` made of a message.
public enum BounceOutcome: Sendable, Equatable {
    /// Recorded for the reminder (`JOBSEEKER/PERIOD/STEP`) with this status.
    case recorded(key: String, status: String)
    /// Nothing recorded, and nothing to retry: why.
    case ignored(reason: String)
}

extension Relance {
    /// Records a bounce or complaint read from a message (SPEC 13). The reminder is the one the
    /// report was sent to, by the VERP return path: `recipient` (Postfix's `${recipient}`) when
    /// given, else the message's own headers. A report without a valid tag changes nothing.
    ///
    /// - Throws: ``RelanceError`` for the database or a return path secret that cannot be read.
    public func recordBounce(_ text: String, recipient: String?) throws -> BounceOutcome {
        guard let report = BounceReport.parse(text) else {
            return .ignored(reason: "the message is neither a delivery report nor a complaint")
        }
        guard let returnPath = try returnPath() else {
            return .ignored(reason: "delivery.email.return_path is not set: bounces cannot name a reminder")
        }
        var forged = false
        for address in (recipient.map { [$0] } ?? []) + report.recipients {
            switch returnPath.key(in: address) {
            case .reminder(let key):
                guard
                    let receipt = try? Receipt.parse(
                        ["key": key.description, "status": report.status].merging(
                            report.diagnostic.map { ["diagnostic": $0] } ?? [:]
                        ) { first, _ in first },
                        channel: .email)
                else { continue }
                let counts = try record(receipts: [receipt])
                return counts.matched == 1
                    ? .recorded(key: key.description, status: report.status)
                    : .ignored(reason: "the report names no reminder of this database")
            case .invalidTag: forged = true
            case .notOurs: continue
            }
        }
        return .ignored(
            reason: forged
                ? "the return path's tag is not valid: the report is ignored"
                : "the report was not sent to an address of delivery.email.return_path")
    }
}
