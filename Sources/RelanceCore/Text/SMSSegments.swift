/// How an SMS text is encoded on the network, and how many segments it takes (SPEC section 9).
public struct SMSSegments: Hashable, Sendable {
    /// The alphabet the text needs.
    public enum Encoding: String, Sendable {
        case gsm7 = "GSM-7"
        case ucs2 = "UCS-2"
    }

    public let encoding: Encoding
    /// Units of the encoding: septets for GSM-7 (extension characters count two), UTF-16 units for UCS-2.
    public let units: Int
    public let segments: Int

    /// The GSM 03.38 basic character set.
    static let basic: Set<Unicode.Scalar> = Set(
        ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
            as String).unicodeScalars)
    /// The extension table: each takes an escape plus the character.
    static let extended: Set<Unicode.Scalar> = Set(("^{}\\[~]|€\u{0C}" as String).unicodeScalars)

    /// Counts the segments of a text.
    public init(_ text: String) {
        var septets = 0
        var isGSM = true
        for character in text.unicodeScalars {
            if Self.basic.contains(character) {
                septets += 1
            } else if Self.extended.contains(character) {
                septets += 2
            } else {
                isGSM = false
                break
            }
        }
        if isGSM {
            encoding = .gsm7
            units = septets
            segments = septets <= 160 ? (septets == 0 ? 0 : 1) : (septets + 152) / 153
        } else {
            encoding = .ucs2
            units = text.utf16.count
            segments = units <= 70 ? 1 : (units + 66) / 67
        }
    }
}
