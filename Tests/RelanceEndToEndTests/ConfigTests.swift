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
}
