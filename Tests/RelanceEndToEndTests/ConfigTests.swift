import Foundation
import RelanceTestSupport
import Testing

@Suite("config check, end to end")
struct ConfigCheckTests {
    @Test("the sample configuration passes")
    func samplePasses() throws {
        let result = try Sandbox().run(["config", "check"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("configuration OK"))
    }

    @Test("a missing template, an unknown key or variable: a configuration error (78) naming file, line, key")
    func errors() throws {
        let missing = try Sandbox()
        try FileManager.default.removeItem(atPath: missing.root + "/config/templates/d-1.sms.txt")
        let result = try missing.run(["config", "check"])
        #expect(result.status == 78)
        #expect(
            Self.lines(result.stderr) == [
                "\(missing.root)/config/templates/d-1.sms.txt: missing template for step d-1, channel sms"
            ], "\(result.stderr)")

        let unknown = try Sandbox { $0.replacingOccurrences(of: "  min_acts: 1", with: "  min_act: 1") }
        let unknownResult = try unknown.run(["config", "check"])
        #expect(unknownResult.status == 78)
        #expect(
            Self.lines(unknownResult.stderr) == [
                "\(unknown.configPath):11: journal.min_act: unknown key (did you mean 'min_acts'? expected one of: "
                    + "min_acts, obligations, required_departments)"
            ])

        let variable = try Sandbox()
        try variable.write("config/templates/opening.email.txt", "Bonjour {{prenom}}")
        let variableResult = try variable.run(["config", "check"])
        #expect(variableResult.status == 78)
        #expect(
            Self.lines(variableResult.stderr) == [
                "\(variable.root)/config/templates/opening.email.txt: unknown variable 'prenom' (allowed: acts_count, "
                    + "days_left, days_left_text, deadline, first_name, full_name, jobseeker_id, last_name, opening, "
                    + "period)"
            ], "\(variableResult.stderr)")
    }

    /// The lines relance printed on stderr, without its `relance: ` prefix.
    static func lines(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").map { $0.hasPrefix("relance: ") ? String($0.dropFirst(9)) : String($0) }
    }

    @Test("every error is reported, in file order, with its line, key path and message")
    func severalErrors() throws {
        let sandbox = try Sandbox {
            $0.replacingOccurrences(of: "  clock: local", with: "  clock: locale")
                .replacingOccurrences(of: "  min_acts: 1", with: "  min_act: 1")
                .replacingOccurrences(of: "from: \"08:00\"", with: "from: \"25:00\"")
                .replacingOccurrences(of: "anchor: deadline, offset_days: -5", with: "anchor: deadlin, offset_days: -5")
                .replacingOccurrences(of: "  sla_business_days: 5", with: "  sla_business_days: many")
                .replacingOccurrences(of: "    max_segments: 3", with: "    max_segments: 30")
        }
        let result = try sandbox.run(["config", "check"])
        #expect(result.status == 78)
        let file = sandbox.configPath
        #expect(
            Self.lines(result.stderr) == [
                "\(file):8: cycle.clock: must be one of local, paris, not 'locale'",
                "\(file):11: journal.min_act: unknown key (did you mean 'min_acts'? expected one of: min_acts, "
                    + "obligations, required_departments)",
                "\(file):13: send_window.from: '25:00': the hour 25 is out of range (00 to 23)",
                "\(file):16: reminders[1].anchor: must be one of opening, deadline, closing, not 'deadlin'",
                "\(file):21: escalation.sla_business_days: must be an integer",
                "\(file):46: delivery.sms.max_segments: must be between 1 and 10, not 30",
            ], "\(result.stderr)")
    }

    @Test(
        "a misspelt key suggests the nearest valid one",
        arguments: [
            ("send_window: {", "send_windows: {", "13: send_windows", "send_window"),
            ("  deadline_day: 15", "  dealine_day: 15", "7: cycle.dealine_day", "deadline_day"),
            ("    rate_per_second: 500", "    rate_per_sec: 500", "41: delivery.email.rate_per_sec", "rate_per_second"),
            ("    rate_per_second: 500", "    speed: 500", "41: delivery.email.speed", nil),
        ] as [(String, String, String, String?)])
    func suggestion(original: String, misspelt: String, location: String, suggested: String?) throws {
        let sandbox = try Sandbox { $0.replacingOccurrences(of: original, with: misspelt) }
        let result = try sandbox.run(["config", "check"])
        #expect(result.status == 78)
        let line = try #require(Self.lines(result.stderr).first, "\(result.stderr)")
        #expect(line.hasPrefix("\(sandbox.configPath):\(location): unknown key ("), "\(line)")
        if let suggested {
            #expect(line.contains("(did you mean '\(suggested)'? expected one of: "), "\(line)")
        } else {
            #expect(!line.contains("did you mean"), "too far from every key to suggest one: \(line)")
        }
    }

    @Test("a time out of range names the part that is")
    func timeOutOfRange() throws {
        let sandbox = try Sandbox { $0.replacingOccurrences(of: "to: \"20:00\"", with: "to: \"20:75\"") }
        let result = try sandbox.run(["config", "check"])
        #expect(result.status == 78)
        #expect(
            Self.lines(result.stderr)
                == ["\(sandbox.configPath):13: send_window.to: '20:75': the minute 75 is out of range (00 to 59)"])
    }

    @Test("a YAML syntax error: FILE:LINE:COL, the line and a caret under the column")
    func yamlSyntax() throws {
        let sandbox = try Sandbox {
            $0.replacingOccurrences(
                of: "send_window: { from: \"08:00\", to: \"20:00\" }",
                with: "send_window: { from: \"08:00\", to: \"20:00\"")
        }
        let result = try sandbox.run(["config", "check"])
        #expect(result.status == 78)
        #expect(
            Self.lines(result.stderr) == [
                "\(sandbox.configPath):14:1: invalid YAML: did not find expected ',' or '}' "
                    + "(while parsing a flow mapping at line 13, column 14)",
                "    reminders:",
                "    ^",
            ], "\(result.stderr)")
    }

    @Test("a step whose time is outside send_window is a warning, not an error")
    func stepOutsideSendWindow() throws {
        let sandbox = try Sandbox {
            $0.replacingOccurrences(of: "offset_days: -1, at: \"18:00\"", with: "offset_days: -1, at: \"21:30\"")
        }
        let result = try sandbox.run(["config", "check"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            Self.lines(result.stderr) == [
                "warning: \(sandbox.configPath):17: reminders[2].at: 21:30 is outside send_window (08:00 to 20:00): "
                    + "the reminder waits until the window opens"
            ], "\(result.stderr)")
        #expect(result.stdout.contains("configuration OK, with warnings"))
    }

    /// A short SMS fits one GSM-7 segment with any unaccented name, but a "ç" in a name switches
    /// the whole text to UCS-2 (70 characters a segment).
    static let shortSMS = "France Travail : {{first_name}} {{last_name}}, actualisez-vous avant le {{deadline}}."

    @Test("an SMS that an accented name pushes past one segment is a warning with the worst case")
    func accentPushesSMSPastOneSegment() throws {
        let sandbox = try Sandbox()
        try sandbox.write("config/templates/d-5.sms.txt", Self.shortSMS)
        let result = try sandbox.run(["config", "check"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            Self.lines(result.stderr) == [
                "warning: \(sandbox.root)/config/templates/d-5.sms.txt: an accented name (ç forces UCS-2) makes it "
                    + "2 UCS-2 segments with long accented names, 1 GSM-7 without accents"
            ], "\(result.stderr)")
        #expect(result.stdout.contains("step d-5 sms: 2 UCS-2 segment(s) at most (1 GSM-7 without accents)\n"))
    }

    @Test("an SMS that an accented name pushes past max_segments is an error")
    func accentPushesSMSPastMaxSegments() throws {
        let sandbox = try Sandbox { $0.replacingOccurrences(of: "max_segments: 3", with: "max_segments: 1") }
        try sandbox.write("config/templates/d-5.sms.txt", Self.shortSMS)
        let result = try sandbox.run(["config", "check"])
        #expect(result.status == 78)
        let problems = Self.lines(result.stderr).filter { $0.contains("d-5.sms.txt") }
        #expect(
            problems == [
                "\(sandbox.root)/config/templates/d-5.sms.txt: 2 UCS-2 segments with long accented names, more than "
                    + "delivery.sms.max_segments (1)"
            ], "\(result.stderr)")
    }

    /// Members of a period are the jobseekers registered when its window opens, so a step cannot
    /// fall due before it: `config check` says so instead of sending it late.
    @Test(
        "a step due before the window opens is refused, naming the step and the first such period",
        arguments: [
            (
                "{ id: annonce, anchor: opening, offset_days: -2, at: \"10:00\", channels: [email] }",
                "2000-01-26, before the window of 2000-01 opens (2000-01-28)"
            ),
            (
                "{ id: annonce, anchor: deadline, offset_days: -18, at: \"10:00\", channels: [email] }",
                "2000-04-27, before the window of 2000-04 opens (2000-04-28)"
            ),
        ])
    func stepBeforeOpening(step: String, falls: String) throws {
        let sandbox = try Sandbox { $0.replacingOccurrences(of: "reminders:\n", with: "reminders:\n  - \(step)\n") }
        let result = try sandbox.run(["config", "check"])
        #expect(result.status == 78)
        #expect(
            Self.lines(result.stderr) == [
                "\(sandbox.configPath):15: reminders[0]: step 'annonce' falls on \(falls): jobseekers become members "
                    + "of a period when it opens"
            ], "\(result.stderr)")
    }

    @Test("a deadline step two weeks ahead stays inside every window, February included")
    func deadlineStepInsideWindows() throws {
        let sandbox = try Sandbox {
            $0.replacingOccurrences(
                of: "reminders:\n",
                with:
                    "reminders:\n  - { id: early, anchor: deadline, offset_days: -14, at: \"10:00\", channels: [email] }\n"
            )
        }
        try sandbox.write("config/templates/early.email.subject", "Rappel")
        try sandbox.write("config/templates/early.email.txt", "Bonjour {{first_name}}")
        let result = try sandbox.run(["config", "check"])
        #expect(result.status == 0, "\(result.stderr)")
    }
}
