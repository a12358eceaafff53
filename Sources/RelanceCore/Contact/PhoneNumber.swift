/// A French phone number, normalised to E.164 (SPEC section 7).
public struct PhoneNumber: Hashable, Sendable, CustomStringConvertible {
    /// E.164, e.g. `+33612345678`.
    public let e164: String

    /// Overseas mobile prefixes (national `0` form) and their country codes.
    static let overseasMobiles: [(prefix: String, countryCode: String)] = [
        ("0690", "590"), ("0691", "590"), ("0694", "594"), ("0696", "596"), ("0697", "596"),
        ("0692", "262"), ("0693", "262"), ("0639", "262"),
    ]
    /// Overseas country codes that can be dialled in international form.
    static let overseasCountryCodes = ["590", "594", "596", "262", "508", "269"]

    /// Parses `06 12 34 56 78`, `0612345678`, `+33612345678`, `0033612345678` (spaces, dots and dashes allowed).
    public init?(_ text: String) {
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
        if plus {
            digits = "00" + digits
        }
        if digits.hasPrefix("00") {
            let international = String(digits.dropFirst(2))
            if international.hasPrefix("33") {
                let national = international.dropFirst(2)
                guard national.count == 9, national.first != "0" else { return nil }
                self.init(nationalSignificant: "0" + national)
            } else if let code = Self.overseasCountryCodes.first(where: { international.hasPrefix($0) }) {
                let rest = international.dropFirst(code.count)
                guard rest.count == 9, rest.first != "0" else { return nil }
                self.init(e164: "+" + international)
            } else {
                return nil
            }
        } else {
            guard digits.count == 10, digits.first == "0", digits.dropFirst().first != "0" else { return nil }
            self.init(nationalSignificant: digits)
        }
    }

    private init(nationalSignificant national: String) {
        if let overseas = Self.overseasMobiles.first(where: { national.hasPrefix($0.prefix) }) {
            self.init(e164: "+" + overseas.countryCode + national.dropFirst())
        } else {
            self.init(e164: "+33" + national.dropFirst())
        }
    }

    /// Restores a number already stored in E.164.
    public init(e164: String) { self.e164 = e164 }

    /// Whether the number can receive SMS: French mobiles (06, 07) and the overseas mobile prefixes.
    public var isMobile: Bool {
        if e164.hasPrefix("+336") || e164.hasPrefix("+337") { return true }
        return Self.overseasMobiles.contains { e164.hasPrefix("+" + $0.countryCode + $0.prefix.dropFirst()) }
    }

    public var description: String { e164 }
}
