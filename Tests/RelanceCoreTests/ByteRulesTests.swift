import Foundation
import Testing

@testable import RelanceCore

/// The byte-level fast paths of the input rules give the answers of the character rules they replace.
@Suite("Input rules on bytes agree with the character rules")
struct ByteRulesTests {
    /// Tricky field values: non-ASCII names, NBSP and other Unicode spaces, tabs, control
    /// characters, BOM, separators, quotes, unicode domains, combining marks.
    static let tricky = [
        "", " ", "\t", "a", " a", "a ", "\ta\t", "  Zoé  ", "Zoé", "é", "e\u{301}", " e\u{301} ", "\u{A0}a\u{A0}",
        "a\u{A0}", "\u{A0}", "\u{3000}x\u{3000}", "\u{2009}x", "x\u{202F}", "\u{FEFF}x", "x\u{200B}", " \u{A0} ",
        "\u{85}x", "x\u{85}", "a;b", "a,b", "\"q\"", "line\nbreak", "cr\r\nlf", "\u{7F}", "\u{80}", "\u{9F}", "\u{A0}",
        "ß", "Ωmega", "😀", " 😀 ", "Jean-Pierre", "O'Neil", "\u{0}", "\u{1B}[0m", "tab\there",
        "a@b.fr", "é@exemple.fr", "user@exémple.fr", "user@xn--exemple-9ua.fr", "a@b\u{A0}.fr", "a@b.fr\u{85}",
        "a\u{301}@b.fr", "a@b.f\u{301}r", "K@b.fr", "\u{212A}@b.fr", "a@b@c d.fr", "a @b@c.fr", "a<b@c.fr", "a@b_c.fr",
    ]

    @Test func utf8CheckAgreesWithTheStandardLibrary() {
        var generator = SeededGenerator(seed: 7)
        var samples: [[UInt8]] = Self.tricky.map { Array($0.utf8) }
        samples += [
            [0xC3, 0x28], [0xFF], [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0xF0, 0x8F, 0xBF, 0xBF], [0xE0, 0x9F, 0xBF], [0xEF, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF], [0xC2],
        ]
        let alphabet: [UInt8] = [
            0x41, 0x7F, 0x80, 0x9F, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF,
        ]
        for _ in 0..<20_000 {
            samples.append(
                (0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }
        for bytes in samples {
            let expected = String(validating: bytes, as: UTF8.self)
            #expect(bytes.withUnsafeBufferPointer(UTF8Check.string) == expected, "\(bytes)")
        }
    }

    @Test(arguments: tricky)
    func trimmingAgreesWithFoundation(value: String) {
        let expected = value.trimmingCharacters(in: .whitespaces)
        #expect(FieldText.trimmed(value) == (expected.isEmpty ? nil : expected))
    }

    @Test(arguments: tricky)
    func controlCharactersAndLengths(value: String) {
        let expected = value.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
        #expect(TextRules.hasControlCharacter(value) == expected)
        for limit in [0, 1, 2, 3, 5] {
            let long = value.count > limit ? "longer than \(limit) characters" : nil
            #expect(
                TextRules.problem(inText: value, maxLength: limit) == long
                    ?? (expected ? "contains a control character" : nil))
        }
    }

    @Test func longNonASCIITextCountsCharacters() {
        #expect(TextRules.problem(inText: String(repeating: "é", count: 100), maxLength: 100) == nil)
        #expect(TextRules.problem(inText: String(repeating: "e\u{301}", count: 100), maxLength: 100) == nil)
        #expect(TextRules.problem(inText: String(repeating: "é", count: 101), maxLength: 100) != nil)
    }

    @Test func emailBytesAgreeWithTheCharacterRules() {
        var addresses = Self.tricky
        let parts = ["a", "b.c", "-x", "x-", "é", "", "@", ".", "..", "a b", "\t", "x;y", "\"", "1", "xn--9ua", "K"]
        for local in parts { for domain in parts { addresses.append(local + "@" + domain + ".fr") } }
        addresses += [String(repeating: "a", count: 65) + "@b.fr", "a@" + String(repeating: "b", count: 64) + ".fr"]
        for address in addresses {
            #expect(TextRules.problem(inEmail: address) == TextRules.characterProblem(inEmail: address), "\(address)")
        }
    }

    @Test func phoneNumbersAgreeWithTheCharacterParser() {
        var texts = Self.tricky
        texts += [
            "06 12 34 56 78", "0612345678", "+33612345678", "0033612345678", "06.12.34.56.78", "06-12-34-56-78",
            "+33 6 12 34 56 78", " 06 12 34 56 78 ", "0690 12 34 56", "+590690123456", "+262 692 12 34 56",
            "00596696123456", "+508 41 23 45", "+508412345678", "+269 6 12 34 56 7", "0612345678\u{301}",
            "+\u{301}33612345678",
            "06 12 34 56 7８", "+", "++33612345678", "3+3612345678", "0033012345678", "00590012345678",
            "0012345678901234567", "06123456789", "0012", "00", "0", "+0033612345678", "0033 6 12 34 56 78 9",
        ]
        for text in texts {
            #expect(PhoneNumber(text)?.e164 == ReferencePhone.e164(text), "\(text)")
        }
    }

    @Test func datesAndPeriodsAgreeWithTheCharacterParsers() {
        let texts =
            Self.tricky + [
                "2026-11-20", "2026-02-29", "2028-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "2026-1-01",
                "2026-01-1", "26-01-01", "20260-01-01", "2026/01/01", "２０２６-01-01", "2026-0١-01", "+026-01-01",
                "2026-01-01 ", "2026--01-01", "0000-01-01", "9999-12-31",
            ]
        for text in texts {
            #expect(LocalDate(iso: text) == ReferenceDate.parse(text), "\(text)")
            #expect(LocalDate(iso: Substring(text)) == ReferenceDate.parse(text), "\(text)")
        }
        for days in stride(from: -800_000, through: 3_000_000, by: 997) {
            let date = LocalDate(daysSinceEpoch: days)
            let padded = "\(LocalDate.pad(date.year, 4))-\(LocalDate.pad(date.month, 2))-\(LocalDate.pad(date.day, 2))"
            #expect(date.description == padded)
        }
        let periods = texts + ["2026-11", "2026-1", "2026-13", "0000-01", "2026-00", "2026-11-", "２０２６-11", "2026-1١"]
        for text in periods {
            #expect(Period(text) == ReferenceDate.period(text), "\(text)")
        }
    }

    @Test func simplePatternsAgreeWithTheRegularExpression() throws {
        let patterns = [
            "^[0-9]{7}[0-9A-Z]$", "^\\d{3,5}$", "^[A-Z]+-[0-9]*$", "^a?b{2,}c$", "^[a-z_]{1,3}[0-9]?$", "^X\\d+$",
        ]
        let ids =
            Self.tricky + [
                "1234567A", "1234567a", "12345678", "1234567", "123456789", "123456AA", "1234567Ä", "1234567A\n",
                "123", "12345", "123456", "ABC-", "ABC-12", "-12", "bbc", "abbbc", "ac", "_", "ab_", "abc9", "abcd",
                "X1",
                "X", "X١٢", "1234567A\u{301}", "١٢٣٤٥٦٧A",
            ]
        for pattern in patterns {
            let simple = try #require(SimplePattern(pattern), "\(pattern)")
            let regex = try Regex(pattern)
            for id in ids {
                let expected = (try? regex.firstMatch(in: id)) != nil
                if let verdict = simple.matches(id) { #expect(verdict == expected, "\(pattern) \(id)") }
            }
        }
        for unsupported in [
            "[0-9]{7}", "^.{3}$", "^(a|b)$", "^[^0-9]$", "^a{2}?$", "^a+?$", "^[A-Z-]$", "^\\w$", "^a$|^b$",
        ] {
            #expect(SimplePattern(unsupported) == nil, "\(unsupported)")
        }
    }
}

/// A deterministic random source for the generated samples.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state ^ (state >> 29)
    }
}
