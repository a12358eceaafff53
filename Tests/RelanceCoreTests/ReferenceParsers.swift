@testable import RelanceCore

/// The phone parser on characters that the byte parser of ``PhoneNumber`` replaced, kept as
/// the reference its answers are compared with.
enum ReferencePhone {
    static func e164(_ text: String) -> String? {
        var digits = ""
        var plus = false
        for (index, character) in text.enumerated() {
            if character == "+" && index == 0 {
                plus = true
            } else if character.isASCII && character.isNumber {
                digits.append(character)
            } else if character == " " || character == "." || character == "-" {
                continue
            } else {
                return nil
            }
        }
        if plus { digits = "00" + digits }
        if digits.hasPrefix("00") {
            let international = String(digits.dropFirst(2))
            if international.hasPrefix("33") {
                let national = international.dropFirst(2)
                guard national.count == 9, national.first != "0" else { return nil }
                return nationalForm(significant: "0" + national)
            } else if let code = PhoneNumber.overseasCountryCodes.first(where: { international.hasPrefix($0) }) {
                let rest = international.dropFirst(code.count)
                guard rest.count == 9, rest.first != "0" else { return nil }
                return "+" + international
            }
            return nil
        }
        guard digits.count == 10, digits.first == "0", digits.dropFirst().first != "0" else { return nil }
        return nationalForm(significant: digits)
    }

    private static func nationalForm(significant national: String) -> String {
        if let overseas = PhoneNumber.overseasMobiles.first(where: { national.hasPrefix($0.prefix) }) {
            return "+" + overseas.countryCode + national.dropFirst()
        }
        return "+33" + national.dropFirst()
    }
}

/// The date and period parsers on characters that the byte paths of ``LocalDate/init(iso:)`` and
/// ``Period/init(_:)`` replaced.
enum ReferenceDate {
    static func period(_ text: String) -> Period? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let y = Int(parts[0]), let m = Int(parts[1])
        else { return nil }
        return Period(year: y, month: m)
    }

    static func parse(_ text: String) -> LocalDate? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        return LocalDate(year: y, month: m, day: d)
    }
}
