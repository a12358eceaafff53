import Testing

@testable import RelanceDelivery

/// Quoted-printable bodies (RFC 2045 §6.7), checked against hand-encoded expectations.
@Suite("quoted-printable")
struct QuotedPrintableTests {
    @Test(
        "encodes bytes, line ends and trailing spaces",
        arguments: [
            ("Bonjour", "Bonjour"),
            ("déjà", "d=C3=A9j=C3=A0"),
            ("a=b", "a=3Db"),
            ("one\ntwo", "one\r\ntwo"),
            ("one\r\ntwo", "one\r\ntwo"),
            ("space at end \nnext", "space at end=20\r\nnext"),
            ("tab\tinside", "tab=09inside"),
            ("lone\rcarriage", "lone=0Dcarriage"),
            ("ends with space ", "ends with space=20"),
            ("", ""),
        ])
    func encodes(input: String, expected: String) {
        #expect(MIMEEncoding.quotedPrintable(input) == expected)
    }

    @Test("long lines get soft breaks and no encoded line exceeds 76 characters")
    func softBreaks() {
        let text = String(repeating: "é", count: 40) + " " + String(repeating: "x", count: 100)
        let encoded = MIMEEncoding.quotedPrintable(text)
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.count > 2)
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("=") })
        #expect(decode(encoded) == Array(text.utf8))
    }

    /// An independent decoder: soft breaks removed, `=XX` turned back into bytes.
    private func decode(_ encoded: String) -> [UInt8] {
        let joined = Array(encoded.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var bytes: [UInt8] = []
        var index = 0
        while index < joined.count {
            if joined[index] == UInt8(ascii: "="),
                let value = UInt8(String(decoding: joined[index + 1...index + 2], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(joined[index])
                index += 1
            }
        }
        return bytes
    }
}
