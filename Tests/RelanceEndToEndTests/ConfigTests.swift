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

    @Test("a missing template or an unknown key is a configuration error (78)")
    func errors() throws {
        let missing = try Sandbox()
        try FileManager.default.removeItem(atPath: missing.root + "/config/templates/d-1.sms.txt")
        let result = try missing.run(["config", "check"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("d-1.sms.txt: missing template"))

        let unknown = try Sandbox { $0.replacingOccurrences(of: "  min_acts: 1", with: "  min_act: 1") }
        let unknownResult = try unknown.run(["config", "check"])
        #expect(unknownResult.status == 78)
        #expect(unknownResult.stderr.contains("journal.min_act: unknown key"), "\(unknownResult.stderr)")

        let variable = try Sandbox()
        try variable.write("config/templates/opening.email.txt", "Bonjour {{prenom}}")
        let variableResult = try variable.run(["config", "check"])
        #expect(variableResult.status == 78)
        #expect(variableResult.stderr.contains("unknown variable 'prenom'"))
    }

    /// Members of a period are the jobseekers registered when its window opens, so a step cannot
    /// fall due before it: `config check` says so instead of sending it late.
    @Test(
        "a step due before the window opens is refused, naming the step and the first such period",
        arguments: [
            ("{ id: annonce, anchor: opening, offset_days: -2, at: \"10:00\", channels: [email] }", "2000-01"),
            ("{ id: annonce, anchor: deadline, offset_days: -18, at: \"10:00\", channels: [email] }", "2000-04"),
        ])
    func stepBeforeOpening(step: String, period: String) throws {
        let sandbox = try Sandbox { $0.replacingOccurrences(of: "reminders:\n", with: "reminders:\n  - \(step)\n") }
        let result = try sandbox.run(["config", "check"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("relance.yaml:15: reminders[0]: step 'annonce' falls on"), "\(result.stderr)")
        #expect(result.stderr.contains("before the window of \(period) opens"), "\(result.stderr)")
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
