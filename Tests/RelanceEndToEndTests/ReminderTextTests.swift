import Foundation
import RelanceTestSupport
import Testing

/// The shipped French reminder texts as they are spooled: days counted in words with the right
/// plural, no dangling spaces or commas for a missing name, and non-breaking spaces before
/// `: ; ! ?` in emails (SMS keep plain spaces, which GSM-7 has).
@Suite("reminder texts, as spooled")
struct ReminderTextTests {
    static let header = "id,department,first_name,last_name,email,phone,agency,advisor,registered_on,channels"

    /// A sandbox whose `d-5` step falls `daysBefore` days before the deadline (15 December 2026),
    /// with a named and an unnamed jobseeker by email and an unnamed one by SMS, ticked then.
    struct Scene {
        let sandbox: Sandbox

        init(daysBefore: Int) throws {
            sandbox = try Sandbox {
                $0.replacingOccurrences(of: "offset_days: -5,", with: "offset_days: -\(daysBefore),")
            }
            let file = try sandbox.write(
                "people.csv",
                Self.rows.joined(separator: "\n") + "\n")
            try sandbox.succeed(["import", "jobseekers", file], now: "2026-11-20T09:00:00+01:00")
            let day = 15 - daysBefore
            try sandbox.succeed(["tick"], now: String(format: "2026-12-%02dT10:30:00+01:00", day))
        }

        static let rows = [
            ReminderTextTests.header,
            "3000001A,75,Zoé,Ducourt,zoe@example.fr,,,,2026-01-05,email",
            "3000002B,75,,,anonyme@example.fr,,,,2026-01-05,email",
            "3000003C,75,,,,0612345678,,,2026-01-05,sms",
        ]

        func email(_ id: String) throws -> Python.ParsedEmail {
            let path = sandbox.spoolPath + "/email/2026-11/\(id)-d-5.eml"
            let bytes = try #require(FileManager.default.contents(atPath: path), "no \(path)")
            return try #require(try Python.parseEmails([Array(bytes)]).first)
        }

        func sms(_ id: String) throws -> String {
            let path = sandbox.spoolPath + "/sms/2026-11/\(id)-d-5.json"
            let bytes = try #require(FileManager.default.contents(atPath: path), "no \(path)")
            let object = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
            return try #require(object["text"] as? String)
        }
    }

    @Test(
        "the days left are written in words, singular up to one",
        arguments: [(5, "Il vous reste 5 jours\u{00A0}:"), (1, "Il vous reste 1 jour\u{00A0}:")])
    func daysLeft(daysBefore: Int, expected: String) throws {
        let scene = try Scene(daysBefore: daysBefore)
        let text = try #require(try scene.email("3000001A").text)
        #expect(text.contains(expected + " vous avez jusqu'au mardi 15 décembre 2026 inclus."), "\(text)")
        #expect(!text.contains("jour(s)"))
    }

    @Test("emails: a non-breaking space before every : ; ! ?, in the subject too")
    func frenchTypography() throws {
        let scene = try Scene(daysBefore: 5)
        let email = try scene.email("3000001A")
        #expect(email.subject == "Rappel\u{00A0}: actualisez-vous d'ici le mardi 15 décembre 2026")
        let text = try #require(email.text)
        #expect(text.contains("Besoin d'aide\u{00A0}?"), "\(text)")
        for mark in [":", ";", "!", "?"] {
            #expect(!text.contains(" " + mark), "a plain space before '\(mark)' in:\n\(text)")
        }
    }

    @Test("a missing name leaves no dangling space or comma")
    func missingNames() throws {
        let scene = try Scene(daysBefore: 5)
        let firstLine = { (id: String) in try scene.email(id).text?.split(whereSeparator: \.isNewline).first }
        #expect(try firstLine("3000001A") == "Bonjour Zoé Ducourt,")
        #expect(try firstLine("3000002B") == "Bonjour,")
        #expect(
            try scene.sms("3000003C")
                == "France Travail : bonjour, pensez à vous actualiser pour novembre 2026, d'ici le mardi 15 décembre "
                + "2026 inclus. Besoin d'aide ? Appelez le 3949.")
    }
}
