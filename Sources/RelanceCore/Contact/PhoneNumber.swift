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
        // Every accepted character is one ASCII byte; a leading `+` becomes `00`. No accepted
        // form has more than 14 digits (00 + a 3-digit country code + 9).
        let limit = 14
        var digits: [UInt8] = []
        digits.reserveCapacity(limit)
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "+") where index == 0:
                digits.append(contentsOf: [UInt8(ascii: "0"), UInt8(ascii: "0")])
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits.count < limit else { return nil }
                digits.append(byte)
            case UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "-"):
                continue
            default:
                return nil
            }
        }
        guard let e164 = Self.e164(digits: digits[...]) else { return nil }
        self.init(e164: e164)
    }

    /// The E.164 form of the digits of a French number (national, or international after `00`).
    private static func e164(digits: ArraySlice<UInt8>) -> String? {
        func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
        func starts(_ bytes: ArraySlice<UInt8>, with prefix: String) -> Bool { bytes.starts(with: prefix.utf8) }
        if starts(digits, with: "00") {
            let international = digits.dropFirst(2)
            if starts(international, with: "33") {
                let national = international.dropFirst(2)
                guard national.count == 9, national.first != UInt8(ascii: "0") else { return nil }
                return e164(nationalSignificant: "0" + text(national))
            } else if let code = overseasCountryCodes.first(where: { starts(international, with: $0) }) {
                let rest = international.dropFirst(code.utf8.count)
                guard rest.count == 9, rest.first != UInt8(ascii: "0") else { return nil }
                return "+" + text(international)
            } else {
                return nil
            }
        }
        guard digits.count == 10, digits.first == UInt8(ascii: "0"), digits.dropFirst().first != UInt8(ascii: "0")
        else { return nil }
        return e164(nationalSignificant: text(digits))
    }

    private static func e164(nationalSignificant national: String) -> String {
        if let overseas = overseasMobiles.first(where: { national.utf8.starts(with: $0.prefix.utf8) }) {
            return "+" + overseas.countryCode + national.dropFirst()
        }
        return "+33" + national.dropFirst()
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
