import Foundation
import RelanceTestSupport
import Testing

/// The conventions of Unix tools: a version, usage errors, filters that name nothing known,
/// dry runs that say "would".
@Suite("command-line conventions")
struct CommandLineTests {
    static let now = "2026-11-28T10:30:00+01:00"

    @Test("relance --version prints the version of Sources/relance/Version.swift")
    func version() throws {
        let source = try String(
            contentsOfFile: Sandbox.repository + "/Sources/relance/Version.swift", encoding: .utf8)
        let declared = try #require(source.firstMatch(of: /relanceVersion = "([^"]+)"/)?.1)
        let result = try Sandbox().run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == declared + "\n")
    }

    @Test("relance without a command prints its usage on stderr and exits 64")
    func bare() throws {
        let result = try Sandbox().run([])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("usage: relance"), "\(result.stderr)")
    }

    @Test("relance --help lists each global option once; a command's help leaves them to it")
    func globalOptionsOnce() throws {
        let sandbox = try Sandbox()
        let help = try sandbox.run(["--help"]).stdout
        for option in ["--config <config>", "--db <db>", "--now <now>", "--log-level <log-level>"] {
            #expect(help.components(separatedBy: "  " + option).count == 2, "\(option): \(help)")
        }
        let status = try sandbox.run(["status", "--help"]).stdout
        #expect(!status.contains("--db <db>") && status.contains("--period <period>"), "\(status)")
    }

    @Test("every option with fixed values lists them in its help")
    func enumValues() throws {
        let sandbox = try Sandbox()
        let help = try sandbox.run(["cases", "list", "--help"]).stdout
        for value in ["table", "csv", "json", "open", "contacted", "resolved", "closed_no_contact"] {
            #expect(help.contains("        \(value) "), "\(value): \(help)")
        }
        let reminders = try sandbox.run(["reminders", "list", "--help"]).stdout
        for value in ["pending", "sent", "skipped", "expired", "failed"] {
            #expect(reminders.contains("        \(value) "), "\(value): \(reminders)")
        }
    }

    @Test("an unknown but well-formed period, jobseeker, advisor or agency is invalid input: 65, said on stderr")
    func unknownFilters() throws {
        let sandbox = try Sandbox()
        try sandbox.importSampleDirectory(at: "2026-11-20T09:00:00+01:00")
        _ = try sandbox.tick(at: Self.now)
        for (arguments, message) in [
            (["status", "--period", "2031-01"], "--period 2031-01: not a period relance tracks (known: 2026-11)"),
            (["reminders", "list", "--period", "2031-01"], "--period 2031-01"),
            (["reminders", "list", "--jobseeker", "9999999Z"], "--jobseeker 9999999Z: no such jobseeker"),
            (["cases", "list", "--advisor", "NOBODY"], "--advisor NOBODY: no such advisor"),
            (["cases", "list", "--agency", "NOWHERE"], "--agency NOWHERE: no such agency"),
        ] {
            let result = try sandbox.run(arguments, now: Self.now)
            #expect(result.status == 65, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(arguments)")
        }
        // Known ones still answer, malformed ones are usage errors.
        #expect(try sandbox.run(["status", "--period", "2026-11"], now: Self.now).status == 0)
        #expect(try sandbox.run(["reminders", "list", "--jobseeker", "1000001A"], now: Self.now).status == 0)
        #expect(try sandbox.run(["status", "--period", "2026-13"], now: Self.now).status == 64)
        #expect(try sandbox.run(["reminders", "list", "--state", "lost"], now: Self.now).status == 64)
    }

    @Test("tick --dry-run logs what it would do, and does none of it")
    func dryRunSaysWould() throws {
        let sandbox = try Sandbox()
        try sandbox.importSampleDirectory(at: "2026-11-20T09:00:00+01:00")
        let result = try sandbox.run(["--log-level", "info", "tick", "--dry-run"], now: Self.now)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("period would open"), "\(result.stderr)")
        #expect(result.stderr.contains("dry run finished: this is what a tick would do"), "\(result.stderr)")
        #expect(!result.stderr.contains("period opened") && !result.stderr.contains("tick finished"))
        #expect(sandbox.spooledReminders().isEmpty)
    }
}
