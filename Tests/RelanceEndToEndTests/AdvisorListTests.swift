import Foundation
import RelanceTestSupport
import Testing

/// What advisors read in `cases list` and in their digest (issue 11, points 4, 6, 7 and 10): cells
/// safe in a spreadsheet, French values, the follow-up with its author, and failures explained.
@Suite("advisor lists, end to end")
struct AdvisorListTests {
    /// Names and addresses a spreadsheet would run as formulas.
    static let hostile = [
        "1000001A,75,\"=HYPERLINK(\"\"http://evil.example\"\";\"\"x\"\")\",@SUM(1+1),=1+1@example.fr,+33612345678,PAR11,ADV001",
        "1000002B,75,-2+3,+cmd,+x@example.fr,0690123456,PAR11,ADV001",
    ]

    @Test("the CSV neutralises formula cells and keeps phones as text")
    func csvInjection() throws {
        let scene = try AdvisorScene(Self.hostile)
        #expect(scene.imported.status == 0, "\(scene.imported.stderr)")
        let result = try scene.sandbox.run(["cases", "list", "--format", "csv"], now: AdvisorScene.closing)
        #expect(result.stdout.hasPrefix("\u{FEFF}case_id;jobseeker_id;last_name;first_name;phone;email;department;"))
        let table = try AdvisorScene.parseCSV(result.stdout)
        let header = try #require(table.first)
        #expect(
            Array(header.prefix(15)) == [
                "case_id", "jobseeker_id", "last_name", "first_name", "phone", "email", "department", "agency",
                "advisor", "route", "reasons", "opened_on", "due_on", "state", "overdue",
            ])
        let rows = table.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        #expect(rows.count == 2)
        for row in rows {
            for (column, cell) in row {
                #expect(
                    !["=", "+", "-", "@", "\t", "\r"].contains(cell.first.map(String.init) ?? ""), "\(column): \(cell)")
            }
        }
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0["jobseeker_id"]!, $0) })
        #expect(byID["1000001A"]?["first_name"] == "'=HYPERLINK(\"http://evil.example\";\"x\")")
        #expect(byID["1000001A"]?["last_name"] == "'@SUM(1+1)")
        #expect(byID["1000001A"]?["email"] == "'=1+1@example.fr")
        #expect(byID["1000001A"]?["phone"] == "06 12 34 56 78")
        #expect(byID["1000002B"]?["first_name"] == "'-2+3")
        #expect(byID["1000002B"]?["last_name"] == "'+cmd")
        #expect(byID["1000002B"]?["email"] == "'+x@example.fr")
        #expect(byID["1000002B"]?["phone"] == "06 90 12 34 56")
        // JSON keeps the data as it came.
        let json = try scene.cases()
        #expect(Set(json.compactMap { $0["last_name"] as? String }) == ["@SUM(1+1)", "+cmd"])
        #expect(Set(json.compactMap { $0["phone"] as? String }) == ["+33612345678", "+590690123456"])
    }

    /// The account the tests run under, as `cli:USER`.
    static var author: String {
        "cli:" + (getpwuid(geteuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "")
    }

    @Test("every list and the digest show the latest note, the last change and its author")
    func followUp() throws {
        let scene = try AdvisorScene(["1000001A,75,Léa,Moreau,lea@example.fr,0612345678,PAR11,ADV001"])
        let sandbox = scene.sandbox
        let changedAt = "2026-11-17T10:15:00+01:00"
        let update = try sandbox.run(
            ["cases", "update", "1", "--state", "contacted", "--note", "rappel le 18 !"], now: changedAt)
        #expect(update.status == 0, "\(update.stderr)")

        let row = try #require(try scene.cases(at: changedAt).first)
        #expect(row["state"] as? String == "contacted")
        #expect(row["route"] as? String == "phone")
        #expect(row["reasons"] as? String == "missed 2026-10")
        #expect(row["note"] as? String == "rappel le 18 !")
        #expect(row["updated_at"] as? String == changedAt)
        #expect(row["updated_by"] as? String == Self.author)

        let csv = try AdvisorScene.parseCSV(
            try sandbox.run(["cases", "list", "--format", "csv"], now: changedAt).stdout)
        let cells = Dictionary(uniqueKeysWithValues: zip(csv[0], csv[1]))
        #expect(cells["state"] == "contacté")
        #expect(cells["route"] == "téléphone")
        #expect(cells["reasons"] == "déclaration manquée (octobre 2026)")
        #expect(cells["overdue"] == "non")
        #expect(cells["note"] == "rappel le 18 !")
        #expect(cells["updated_at"] == "2026-11-17 10:15")
        #expect(cells["updated_by"] == Self.author)

        let table = try sandbox.run(["cases", "list"], now: changedAt).stdout
        #expect(table.contains("rappel le 18") && table.contains(Self.author) && table.contains("contacté"), "\(table)")

        _ = try sandbox.tick(at: "2026-11-18T09:00:00+01:00")
        let digest = try #require(try scene.digest("ADV001", on: "2026-11-18")?.text)
        #expect(digest.contains("Dernière note\u{00A0}: rappel le 18\u{00A0}!"), "\(digest)")
        #expect(digest.contains("Dernière modification le 17/11/2026 par \(Self.author)"))
        #expect(digest.contains("Téléphone\u{00A0}: 06 12 34 56 78"))
    }

    @Test("a resolved case opened again loses its resolution")
    func reopenClearsResolution() throws {
        let scene = try AdvisorScene(["1000001A,75,Léa,Moreau,lea@example.fr,0612345678,PAR11,ADV001"])
        let at = "2026-11-17T10:00:00+01:00"
        #expect(try scene.sandbox.run(["cases", "update", "1", "--state", "resolved"], now: at).status == 0)
        #expect(try scene.cases(at: at).first?["resolution"] as? String == "advisor")
        #expect(try scene.sandbox.run(["cases", "update", "1", "--state", "open"], now: at).status == 0)
        let row = try #require(try scene.cases(at: at).first)
        #expect(row["state"] as? String == "open")
        #expect(row["resolution"] is NSNull, "\(row)")
    }

    @Test("a case cannot be reopened while its jobseeker has another one in progress")
    func reopenRefusedWithAnotherActiveCase() throws {
        let scene = try AdvisorScene(["1000001A,75,Léa,Moreau,lea@example.fr,0612345678,PAR11,ADV001"])
        let sandbox = scene.sandbox
        #expect(
            try sandbox.run(["cases", "update", "1", "--state", "resolved"], now: "2026-11-17T10:00:00+01:00").status
                == 0)
        _ = try sandbox.tick(at: "2026-11-28T10:30:00+01:00")
        _ = try sandbox.tick(at: "2026-12-16T12:00:00+01:00")
        let now = "2026-12-16T13:00:00+01:00"
        #expect(try scene.cases(at: now).map { $0["case_id"] as? Int } == [2, 1])
        let reopen = try sandbox.run(["cases", "update", "1", "--state", "open"], now: now)
        #expect(reopen.status == 65)
        #expect(
            reopen.stderr.contains("case 1 cannot be made open again: its jobseeker already has case 2 in progress"))
        #expect(try scene.cases(at: now).first { $0["case_id"] as? Int == 1 }?["state"] as? String == "resolved")
    }

    @Test("cases history lists the opening and every change, with who and when")
    func history() throws {
        let scene = try AdvisorScene(["1000001A,75,Léa,Moreau,lea@example.fr,0612345678,PAR11,ADV001"])
        let sandbox = scene.sandbox
        let first = "2026-11-17T10:00:00+01:00"
        let second = "2026-11-18T15:30:00+01:00"
        #expect(
            try sandbox.run(["cases", "update", "1", "--state", "contacted", "--note", "rappel le 18"], now: first)
                .status == 0)
        #expect(try sandbox.run(["cases", "update", "1", "--state", "resolved"], now: second).status == 0)
        let result = try sandbox.run(["cases", "history", "1", "--format", "json"], now: second)
        let events = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let summary = events.map { event in
            ["at", "by", "state", "note"].map { "\(event[$0] ?? "")" }.joined(separator: " | ")
        }
        #expect(
            summary == [
                "2026-11-16T12:00:00+01:00 | relance | open | <null>",
                "\(first) | \(Self.author) | contacted | rappel le 18",
                "\(second) | \(Self.author) | resolved | <null>",
            ], "\(summary)")
        let table = try sandbox.run(["cases", "history", "1"], now: second).stdout
        #expect(table.contains("2026-11-18 15:30") && table.contains("résolu"), "\(table)")
        #expect(try sandbox.run(["cases", "history", "99"], now: second).status == 65)
    }

    @Test("a digest field with no value says non renseigné")
    func emptyFieldsInDigest() throws {
        let scene = try AdvisorScene(["1000001A,75,Léa,Moreau,lea@example.fr,,PAR11,ADV001"])
        let digest = try #require(try scene.digest("ADV001", on: "2026-11-16")?.text)
        #expect(digest.contains("Téléphone\u{00A0}: non renseigné"), "\(digest)")
    }

    @Test("the report counts every failed reminder by cause, no usable channel included")
    func failuresAgree() throws {
        let scene = try AdvisorScene([
            "1000001A,75,Léa,Moreau,,,PAR11,ADV001", "1000002B,75,Anne,Martin,anne@example.fr,,PAR11,ADV001",
        ])
        let json = try scene.sandbox.run(
            ["report", "--period", "2026-10", "--format", "json"], now: AdvisorScene.closing)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let failed = (report["reminders"] as? [String: Int])?["failed"] ?? 0
        #expect(failed > 0)
        let causes = try #require(report["failed_reminders"] as? [[String: Any]])
        #expect(causes.reduce(0) { $0 + ($1["reminders"] as? Int ?? 0) } == failed, "\(causes)")
        #expect(causes.allSatisfy { $0["cause"] as? String == "no usable channel" && $0["channel"] is NSNull })
        let text = try scene.sandbox.run(["report", "--period", "2026-10"], now: AdvisorScene.closing).stdout
        #expect(text.contains("aucun canal utilisable"), "\(text)")
    }
}
