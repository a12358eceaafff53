import Foundation
import Testing

@testable import RelanceCore

@Suite("JSON serialisation")
struct JSONTests {
    @Test(
        "Scalars",
        arguments: [
            (JSON.null, "null"), (.bool(true), "true"), (.bool(false), "false"), (.int(0), "0"), (.int(-42), "-42"),
            (.int(Int.max), "9223372036854775807"), (.string(""), #""""#), (.string("abc"), #""abc""#),
            (.optional(nil), "null"), (.optional("x"), #""x""#),
        ])
    func scalars(value: JSON, expected: String) {
        #expect(value.serialized == expected)
        #expect(value.pretty == expected)
    }

    @Test(
        "String escaping",
        arguments: [
            ("a\"b", #""a\"b""#),
            ("back\\slash", #""back\\slash""#),
            ("line\nfeed", #""line\nfeed""#),
            ("carriage\rreturn", #""carriage\rreturn""#),
            ("tab\there", #""tab\there""#),
            ("\u{0}", #""\u0000""#),
            ("\u{1}\u{8}\u{C}\u{1F}", #""\u0001\u0008\u000c\u001f""#),
            ("\u{2028}\u{2029}", #""\u2028\u2029""#),
            ("/", #""/""#),
            ("é € 😀", "\"é € 😀\""),
            ("\u{7F}", "\"\u{7F}\""),
        ])
    func escaping(text: String, expected: String) {
        #expect(JSON.string(text).serialized == expected)
        var out = "prefix:"
        JSON.quote(text, into: &out)
        #expect(out == "prefix:" + expected)
    }

    @Test(
        "Escaped strings read back unchanged",
        arguments: [
            "plain", "quote \" and \\ backslash", "control \u{0}\u{1}\u{1F}\u{7F}", "crlf\r\n", "\u{2028}", "Zoé 😀 €",
            "</script>",
        ])
    func roundTripsThroughFoundation(text: String) throws {
        let document = JSON.array([.string(text)]).serialized
        let parsed = try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String]
        #expect(parsed == [text])
    }

    @Test func containersKeepKeyOrder() {
        #expect(JSON.array([]).serialized == "[]")
        #expect(JSON.object([]).serialized == "{}")
        #expect(JSON.array([.int(1), .int(2), .null]).serialized == "[1, 2, null]")
        let object = JSON.object([("zeta", .int(1)), ("alpha", .string("a")), ("mid", .bool(false))])
        #expect(object.serialized == #"{"zeta": 1, "alpha": "a", "mid": false}"#)
        #expect(JSON.object([("k\"ey", .null)]).serialized == #"{"k\"ey": null}"#)
    }

    @Test func prettyOutputIsIndented() {
        let value = JSON.object([
            ("opened", .int(1)), ("list", .array([.int(1), .object([("a", .null)])])), ("empty", .array([])),
        ])
        let expected = """
            {
              "opened": 1,
              "list": [
                1,
                {
                  "a": null
                }
              ],
              "empty": []
            }
            """
        #expect(value.pretty == expected)
    }

    @Test func tickSummaryShape() throws {
        let keys = [
            "opened", "closed", "sent", "skipped", "expired", "failed", "retrying", "declared", "missed",
            "journal_missing", "cases_opened", "digests_sent",
        ]
        let summary = JSON.object(keys.enumerated().map { ($0.element, .int($0.offset)) })
        let parsed = try JSONSerialization.jsonObject(with: Data(summary.serialized.utf8)) as? [String: Int]
        #expect(parsed?.count == 12)
        #expect(parsed?["digests_sent"] == 11)
        #expect(!summary.serialized.contains("\n"))
    }

    @Test func equalityFollowsSerialisation() {
        #expect(JSON.object([("a", .int(1)), ("b", .int(2))]) == JSON.object([("a", .int(1)), ("b", .int(2))]))
        #expect(JSON.object([("a", .int(1)), ("b", .int(2))]) != JSON.object([("b", .int(2)), ("a", .int(1))]))
        #expect(JSON.string("1") != JSON.int(1))
        #expect(JSON.null != JSON.string("null"))
    }
}
