import Testing

@testable import RelanceCore

@Suite("Text and email rules (SPEC section 7)")
struct TextRulesTests {
    @Test(
        "Valid addresses",
        arguments: [
            "a@b.fr", "prenom.nom@example.fr", "x+tag@sub.example.co.uk", "jean-luc@exemple-emploi.fr",
            "o'neil@example.com", "é@exemple.fr", "user@xn--exemple-9ua.fr", "1234@123.fr",
            String(repeating: "a", count: 64) + "@example.fr",
        ])
    func validEmail(address: String) {
        #expect(TextRules.problem(inEmail: address) == nil)
    }

    @Test(
        "Invalid addresses",
        arguments: [
            "", "a", "a@b", "@b.fr", "a@", "a@@b.fr", "a@b@c.fr", "a b@c.fr", "a@b .fr", " a@b.fr", "a@b.fr ",
            "a\t@b.fr", "a@b.fr\n", "a\u{0}@b.fr", "a@b..fr", "a@.b.fr", "a@b.fr.", "a@-b.fr", "a@b-.fr",
            "a<b@c.fr", "a,b@c.fr", "a;b@c.fr", "\"a\"@c.fr", "a@b_c.fr", "a@b.f r", "a\u{A0}@b.fr",
            String(repeating: "a", count: 65) + "@example.fr",
            "a@" + String(repeating: "b", count: 64) + ".fr",
            "a@b.fr, c@d.fr",
        ])
    func invalidEmail(address: String) {
        #expect(TextRules.problem(inEmail: address) != nil)
    }

    @Test func emailLengthLimitIs254() {
        // 64 + 1 + 63 + 1 + 63 + 1 + 61 = 254
        let domain = [
            String(repeating: "b", count: 63), String(repeating: "c", count: 63), String(repeating: "d", count: 61),
        ]
        let address = String(repeating: "a", count: 64) + "@" + domain.joined(separator: ".")
        #expect(address.utf8.count == 254)
        #expect(TextRules.problem(inEmail: address) == nil)
        let tooLong = String(repeating: "a", count: 64) + "@" + domain.joined(separator: ".") + "d"
        #expect(TextRules.problem(inEmail: tooLong) == "longer than 254 characters")
    }

    @Test(
        "Control characters",
        arguments: [
            ("plain", false), ("é à ç", false), ("tab\there", true), ("line\nbreak", true), ("\r", true),
            ("\u{0}", true), ("\u{1B}", true), ("\u{1F}", true), ("\u{7F}", true), ("\u{80}", true), ("\u{85}", true),
            ("\u{9F}", true), ("\u{A0}", false), ("\u{200B}", false), ("😀", false), (" ", false),
        ])
    func controlCharacters(text: String, expected: Bool) {
        #expect(TextRules.hasControlCharacter(text) == expected)
    }

    @Test func freeTextLimits() {
        #expect(TextRules.problem(inText: String(repeating: "é", count: 100), maxLength: 100) == nil)
        #expect(
            TextRules.problem(inText: String(repeating: "x", count: 101), maxLength: 100)
                == "longer than 100 characters")
        #expect(TextRules.problem(inText: "Jean\u{7}", maxLength: 100) == "contains a control character")
        #expect(TextRules.problem(inText: "", maxLength: 100) == nil)
        // "e" + combining acute is one character
        #expect(TextRules.problem(inText: String(repeating: "e\u{301}", count: 100), maxLength: 100) == nil)
        #expect(TextRules.problem(inText: "Zoé-Océane d'Arc", maxLength: 100) == nil)
    }
}
