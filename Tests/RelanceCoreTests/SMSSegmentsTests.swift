import Testing

@testable import RelanceCore

@Suite("SMS segments (SPEC section 9)")
struct SMSSegmentsTests {
    static func text(_ character: Character, _ count: Int) -> String { String(repeating: character, count: count) }

    @Test(
        "GSM-7: 160 in one segment, 153 each when split",
        arguments: [
            (0, 0), (1, 1), (159, 1), (160, 1), (161, 2), (306, 2), (307, 3), (459, 3), (460, 4), (1530, 10),
        ])
    func gsmLengths(length: Int, segments: Int) {
        let count = SMSSegments(Self.text("a", length))
        #expect(count.encoding == .gsm7)
        #expect(count.units == length)
        #expect(count.segments == segments)
    }

    @Test("Extension characters count double", arguments: ["^", "{", "}", "[", "~", "]", "|", "€", "\\"])
    func extensionCharacters(character: Character) {
        let one = SMSSegments("x" + String(character))
        #expect(one.encoding == .gsm7)
        #expect(one.units == 3)
        #expect(SMSSegments(Self.text(character, 80)).units == 160)
        #expect(SMSSegments(Self.text(character, 80)).segments == 1)
        #expect(SMSSegments(Self.text(character, 81)).segments == 2)
        #expect(SMSSegments(Self.text("a", 159) + String(character)).segments == 2)
    }

    @Test(
        "Characters of the GSM-7 basic set count once",
        arguments: [
            "é", "è", "ù", "à", "ì", "ò", "Ç", "É", "Ä", "ö", "ñ", "ß", "£", "$", "¥", "@", "¤", "§", "¿", "¡",
            "_", "Δ", "Ω", "\n", "\r", "'", "\"", " ",
        ])
    func basicCharacters(character: Character) {
        let count = SMSSegments(Self.text(character, 160))
        #expect(count.encoding == .gsm7)
        #expect(count.units == 160 * character.unicodeScalars.count)
    }

    @Test(
        "Characters outside GSM-7 switch to UCS-2",
        arguments: [
            "ê", "ç", "â", "î", "ô", "û", "ë", "ï", "œ", "È", "À", "`", "’", "«", "😀", "\t",
        ])
    func ucs2Characters(character: Character) {
        #expect(SMSSegments("Bonjour " + String(character)).encoding == .ucs2)
    }

    @Test(
        "UCS-2: 70 in one segment, 67 each when split",
        arguments: [
            (1, 1), (70, 1), (71, 2), (134, 2), (135, 3), (201, 3), (202, 4),
        ])
    func ucs2Lengths(length: Int, segments: Int) {
        let count = SMSSegments("ê" + Self.text("a", length - 1))
        #expect(count.encoding == .ucs2)
        #expect(count.units == length)
        #expect(count.segments == segments)
    }

    @Test func ucs2CountsUTF16Units() {
        #expect(SMSSegments("😀").units == 2)
        #expect(SMSSegments(Self.text("😀", 35)).segments == 1)
        #expect(SMSSegments(Self.text("😀", 36)).segments == 2)
        // one character outside GSM-7 turns the whole text to UCS-2, extension characters included
        #expect(SMSSegments("ç€").units == 2)
    }

    @Test func realisticReminders() {
        let plain = SMSSegments(
            "France Travail : actualisez votre situation avant le mardi 15 décembre 2026 sur francetravail.fr")
        #expect(plain.encoding == .gsm7)
        #expect(plain.segments == 1)
        let accented = SMSSegments("Pensez à votre actualisation : la fenêtre ferme le 15 décembre.")
        #expect(accented.encoding == .ucs2)
        #expect(accented.units == 63)
        #expect(accented.segments == 1)
        #expect(SMSSegments.Encoding.gsm7.rawValue == "GSM-7")
        #expect(SMSSegments.Encoding.ucs2.rawValue == "UCS-2")
    }
}
