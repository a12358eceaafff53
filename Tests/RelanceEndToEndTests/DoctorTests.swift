import Foundation
import RelanceTestSupport
import Testing

/// `relance doctor` through the executable, against real servers on loopback.
@Suite("doctor, end to end")
struct DoctorTests {
    static let now = "2026-11-20T09:00:00+01:00"

    @Test("every live endpoint answers: exit 0, and nothing is sent to anyone")
    func healthy() throws {
        let sink = try SMTPSink()
        let server = try HTTPTestServer { _ in .status(405) }
        let sandbox = try Sandbox.live(LiveDelivery(sink: sink, http: server))
        try sandbox.importSampleDirectory(at: Self.now)
        let result = try sandbox.run(["doctor"], now: Self.now)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        for subject in ["configuration", "database integrity", "email", "sms", "webhook"] {
            #expect(result.stdout.contains("ok       \(subject):"), "\(subject): \(result.stdout)")
        }
        #expect(sink.capturedCount == 0)
        #expect(server.requests.map(\.method) == ["HEAD", "HEAD"])
        #expect(server.requests.allSatisfy { $0.body.isEmpty })
    }

    @Test("an endpoint that does not answer fails the doctor with 69 and names the channel")
    func endpointDown() throws {
        let deadSMTP = try DeadPort()
        let deadHTTP = try DeadPort()
        let sandbox = try Sandbox.live(
            LiveDelivery(
                emailURL: deadSMTP.url(scheme: "smtp"), smsURL: deadHTTP.url(scheme: "http"),
                webhookURL: deadHTTP.url(scheme: "http")))
        let result = try sandbox.run(["doctor"], now: Self.now)
        #expect(result.status == 69)
        for channel in ["email", "sms", "webhook"] {
            #expect(result.stdout.contains("FAIL     \(channel):"), "\(channel): \(result.stdout)")
        }
        #expect(!result.stdout.contains(LiveDelivery.smsToken) && !result.stderr.contains(LiveDelivery.smsToken))
    }

    @Test("a database other users can read is a warning that says how to fix it")
    func databaseMode() throws {
        let sandbox = try Sandbox()
        try sandbox.importSampleDirectory(at: Self.now)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: sandbox.databasePath)
        let result = try sandbox.run(["doctor"], now: Self.now)
        #expect(result.status == 0)
        #expect(
            result.stdout.contains("warning  database file:") && result.stdout.contains("chmod 600"), "\(result.stdout)"
        )
    }

    @Test("a template with an unknown variable fails the doctor with 78")
    func badTemplate() throws {
        let sandbox = try Sandbox()
        try sandbox.write("config/templates/opening.email.txt", "Bonjour {{prenom}}")
        let result = try sandbox.run(["doctor"], now: Self.now)
        #expect(result.status == 78)
        #expect(
            result.stdout.contains("FAIL     configuration:") && result.stdout.contains("prenom"), "\(result.stdout)")
    }
}
