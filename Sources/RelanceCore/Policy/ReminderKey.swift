/// The identity of one reminder: a jobseeker's step of a period (SPEC section 3), written
/// `JOBSEEKER/PERIOD/STEP` wherever it leaves the program — message keys, SMS references,
/// webhook bodies, return paths, the log of acceptances, `reminders list`.
///
/// ```swift
/// let key = ReminderKey(jobseekerID: "1234567A", period: Period("2026-12")!, step: "d-5")
/// key.description                      // "1234567A/2026-12/d-5"
/// ReminderKey("1234567A/2026-12/d-5")  // == key
/// ```
public struct ReminderKey: Hashable, Sendable, CustomStringConvertible {
    public var jobseekerID: String
    public var period: Period
    public var step: String

    public init(jobseekerID: String, period: Period, step: String) {
        self.jobseekerID = jobseekerID
        self.period = period
        self.step = step
    }

    /// Reads `JOBSEEKER/PERIOD/STEP`; nil when the text cannot name a reminder (not three
    /// parts, an empty jobseeker or step, or no valid period).
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[2].isEmpty, let period = Period(parts[1]) else {
            return nil
        }
        self.init(jobseekerID: String(parts[0]), period: period, step: String(parts[2]))
    }

    /// `JOBSEEKER/PERIOD/STEP`.
    public var description: String { "\(jobseekerID)/\(period)/\(step)" }
}
