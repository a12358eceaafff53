extension PhoneNumber {
    /// The country codes dialled as `0` plus nine digits from metropolitan France.
    static let nationalPlanCodes = ["33", "590", "594", "596", "262"]

    /// The number as French readers write it: `06 12 34 56 78`, and overseas numbers in their
    /// national form too (`+590690123456` is `06 90 12 34 56`). Saint-Pierre-et-Miquelon (+508)
    /// and Mayotte's former +269 are outside the 10-digit national plan: they stay in E.164.
    public var french: String {
        let digits = e164.dropFirst()
        for code in Self.nationalPlanCodes where digits.hasPrefix(code) {
            let national = "0" + digits.dropFirst(code.count)
            guard national.count == 10 else { break }
            var groups: [Substring] = []
            var rest = Substring(national)
            while !rest.isEmpty {
                groups.append(rest.prefix(2))
                rest = rest.dropFirst(2)
            }
            return groups.joined(separator: " ")
        }
        return e164
    }
}
