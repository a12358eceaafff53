import Foundation
import RelanceTestSupport
import Testing

/// No data becomes a path (SPEC section 10): whatever `identifier_pattern` admits, a jobseeker
/// id that could leave its folder, hide itself or pass for an option is refused at import with
/// its line, and nothing is written anywhere.
@Suite("identifiers that try to leave the spool")
struct IdentifierPathTests {
    static let importedAt = "2026-11-20T09:00:00+01:00"
    static let opening = "2026-11-28T10:30:00+01:00"
    static let hostile = ["../../x", "x/y", ".hidden", "-rf", "x\\y", "x\u{0}y", "a..b"]

    private static func permissiveSandbox() throws -> Sandbox {
        try Sandbox {
            $0.replacingOccurrences(of: "identifier_pattern: '^[0-9]{7}[0-9A-Z]$'", with: "identifier_pattern: '^.+$'")
        }
    }

    /// Every file under the sandbox but the configuration, the input files and the database.
    private static func writtenFiles(_ sandbox: Sandbox) -> [String] {
        let all = FileManager.default.enumerator(atPath: sandbox.root)?.allObjects as? [String] ?? []
        return all.filter { !$0.hasPrefix("config") && !$0.hasSuffix(".csv") && !$0.hasPrefix("var/relance.sqlite") }
            .filter { path in
                var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: sandbox.root + "/" + path, isDirectory: &isFolder)
                    && !isFolder.boolValue
            }
    }

    @Test("each hostile id is refused with its line; nothing is imported, nothing spooled")
    func refusedAtImport() throws {
        let sandbox = try Self.permissiveSandbox()
        let rows = Self.hostile.map { JobseekerFixture(id: $0, department: "75", email: "camille@example.fr") }
        let file = try sandbox.write(
            "jobseekers.csv", ([JobseekerFixture.csvHeader] + rows.map(\.csvLine)).joined(separator: "\n") + "\n")
        let result = try sandbox.run(["import", "jobseekers", file], now: Self.importedAt)
        #expect(result.status == 65)
        for line in 2...(Self.hostile.count + 1) {
            #expect(result.stderr.contains("\(file):\(line): id: "), "line \(line): \(result.stderr)")
        }
        #expect(result.stdout.contains("7 invalid: nothing written"), "\(result.stdout)")
        let tick = try sandbox.run(["tick"], now: Self.opening)
        #expect(tick.status == 0, "\(tick.stderr)")
        #expect(Self.writtenFiles(sandbox).isEmpty, "\(Self.writtenFiles(sandbox))")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/x"))
    }

    @Test("with --skip-invalid the plain ids are imported and spooled in their folder, the others refused")
    func skipInvalid() throws {
        let sandbox = try Self.permissiveSandbox()
        let rows = (["ordinaire-1"] + Self.hostile).map {
            JobseekerFixture(id: $0, department: "75", email: "camille@example.fr")
        }
        let file = try sandbox.write(
            "jobseekers.csv", ([JobseekerFixture.csvHeader] + rows.map(\.csvLine)).joined(separator: "\n") + "\n")
        let result = try sandbox.run(["import", "jobseekers", file, "--skip-invalid"], now: Self.importedAt)
        #expect(result.status == 65)
        #expect(result.stdout.contains("1 new or changed"), "\(result.stdout)")
        _ = try sandbox.tick(at: Self.opening)
        #expect(Self.writtenFiles(sandbox) == ["var/spool/email/2026-11/ordinaire-1-opening.eml"])
    }

    @Test("declarations and declare refuse such an id too, with its line or argument")
    func declarations() throws {
        let sandbox = try Self.permissiveSandbox()
        let file = try sandbox.write(
            "declarations.csv",
            "jobseeker_id,period,declared_at,act_date,act_type,act_label\n../../x,2026-11,\(Self.opening),,,\n")
        let imported = try sandbox.run(["import", "declarations", file], now: Self.opening)
        #expect(imported.status == 65)
        #expect(imported.stderr.contains("\(file):2: jobseeker_id: '../../x' starts with '.'"), "\(imported.stderr)")
        let declared = try sandbox.run(["declare", "-rf", "2026-11"], now: Self.opening)
        #expect(declared.status == 65 || declared.status == 64, "\(declared.stderr)")
        let spelled = try sandbox.run(["declare", "--", "-rf", "2026-11"], now: Self.opening)
        #expect(spelled.status == 65)
        #expect(spelled.stderr.contains("ID: '-rf' starts with '-'"), "\(spelled.stderr)")
    }

    @Test("config check warns about a pattern that admits such ids, and not about the sample's")
    func configCheckWarns() throws {
        let permissive = try Self.permissiveSandbox().run(["config", "check"])
        #expect(permissive.status == 0)
        #expect(
            permissive.stderr.contains("warning: identifier_pattern ^.+$ admits ids such as '../x'"),
            "\(permissive.stderr)")
        #expect(permissive.stdout.contains("configuration OK, with warnings"))
        let doctor = try Self.permissiveSandbox().run(["doctor"])
        #expect(doctor.stdout.contains("warning  identifiers: identifier_pattern ^.+$ admits"), "\(doctor.stdout)")
        let sample = try Sandbox().run(["config", "check"])
        #expect(sample.status == 0)
        #expect(!sample.stderr.contains("warning: identifier_pattern"))
    }

    @Test("an id with characters a Message-ID cannot hold is encoded there, distinct ids stay distinct")
    func messageID() throws {
        let sandbox = try Self.permissiveSandbox()
        try sandbox.importJobseekers(
            [
                JobseekerFixture(id: "a b>c", department: "75", email: "camille@example.fr"),
                JobseekerFixture(id: "a_b>c", department: "75", email: "dominique@example.fr"),
            ], at: Self.importedAt)
        _ = try sandbox.tick(at: Self.opening)
        func messageID(_ id: String) throws -> String {
            let path = sandbox.spoolPath + "/email/2026-11/\(id)-opening.eml"
            let text = String(decoding: try #require(sandbox.contents(path)), as: UTF8.self)
            let line = try #require(text.components(separatedBy: "\r\n").first { $0.hasPrefix("Message-ID: ") })
            return String(line.dropFirst("Message-ID: ".count))
        }
        #expect(try messageID("a b>c") == "<relance.a=20b=3Ec.2026-11.opening@example.fr>")
        #expect(try messageID("a_b>c") == "<relance.a_b=3Ec.2026-11.opening@example.fr>")
    }

    @Test("an unsafe id already in the database (an earlier version) fails its reminder and writes nothing")
    func spoolDefence() throws {
        let sandbox = try Self.permissiveSandbox()
        try sandbox.importJobseekers(
            [JobseekerFixture(id: "7200001A", department: "75", email: "camille@example.fr")], at: Self.importedAt)
        _ = try sandbox.sql("UPDATE jobseekers SET id = '../../escape' WHERE id = '7200001A'")
        #expect(try sandbox.tick(at: Self.opening)["failed"] == 1)
        #expect(Self.writtenFiles(sandbox).isEmpty, "\(Self.writtenFiles(sandbox))")
        let error = try sandbox.sql("SELECT reply FROM attempts WHERE jobseeker_id = '../../escape'")
        #expect(error.contains("not made of plain file names"), "\(error)")
    }
}
