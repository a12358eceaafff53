/// The month being declared, `YYYY-MM` (SPEC section 1).
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    /// Creates a period, or nil when the month is out of range.
    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), (1...9999).contains(year) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses `YYYY-MM`, or returns nil.
    public init?(_ text: some StringProtocol) {
        if let (y, m, _) = DashedDigits.numbers(text, 4, 2) {
            self.init(year: y, month: m)
            return
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let y = Int(parts[0]), let m = Int(parts[1])
        else { return nil }
        self.init(year: y, month: m)
    }

    /// The period of the month containing `date`.
    public init(containing date: LocalDate) {
        self.init(year: date.year, month: date.month)!
    }

    /// The following month.
    public var next: Period { month == 12 ? Period(year: year + 1, month: 1)! : Period(year: year, month: month + 1)! }
    /// The preceding month.
    public var previous: Period {
        month == 1 ? Period(year: year - 1, month: 12)! : Period(year: year, month: month - 1)!
    }

    /// The period `count` months later (earlier when negative).
    public func adding(months count: Int) -> Period {
        let index = year * 12 + (month - 1) + count
        return Period(year: index / 12, month: index % 12 + 1)!
    }

    /// `YYYY-MM`.
    public var description: String { "\(LocalDate.pad(year, 4))-\(LocalDate.pad(month, 2))" }

    /// French label, e.g. `novembre 2026`.
    public var frenchName: String { "\(FrenchDates.months[month - 1]) \(year)" }

    public static func < (lhs: Period, rhs: Period) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }
}
