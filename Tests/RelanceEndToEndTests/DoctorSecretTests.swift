import Foundation
import RelanceTestSupport
import Testing

/// `relance doctor` reads every secret live delivery needs, as the tick does: a missing one is
/// found before the tick stops on it, with 78, and no value is ever shown.
@Suite("doctor, secrets")
struct DoctorSecretTests {
    static let now = "2026-11-20T09:00:00+01:00"

    /// A live sandbox whose endpoints are not listening (the doctor must not get that far).
    private static func sandbox(editing edit: (String) -> String = { $0 }) throws -> (Sandbox, [DeadPort]) {
        let ports = [try DeadPort(), try DeadPort()]
        let sandbox = try Sandbox.live(
            LiveDelivery(
                emailURL: ports[0].url(scheme: "smtp"), smsURL: ports[1].url(scheme: "http"),
                webhookURL: ports[1].url(scheme: "http")))
        let text = try String(contentsOfFile: sandbox.configPath, encoding: .utf8)
        try edit(text).write(toFile: sandbox.configPath, atomically: true, encoding: .utf8)
        return (sandbox, ports)
    }

    private static func expectNoSecret(in result: Sandbox.Result) {
        for secret in [LiveDelivery.smsToken, LiveDelivery.webhookSecret] {
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret))
        }
    }

    @Test("an unset secret variable fails with 78, names the variable, and the tick agrees")
    func missingVariable() throws {
        let (sandbox, _) = try Self.sandbox()
        sandbox.environment = ["RELANCE_WEBHOOK_SECRET": LiveDelivery.webhookSecret, "RELANCE_SMS_TOKEN": ""]
        let result = try sandbox.run(["doctor"], now: Self.now)
        #expect(result.status == 78, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("FAIL     secret: delivery.sms.token_env:"), "\(result.stdout)")
        #expect(result.stdout.contains("RELANCE_SMS_TOKEN"))
        #expect(result.stdout.contains("ok       secret: delivery.webhook.secret_env: RELANCE_WEBHOOK_SECRET is set"))
        #expect(result.stdout.contains("endpoints not probed"))
        Self.expectNoSecret(in: result)
        #expect(try sandbox.run(["tick"], now: Self.now).status == 78)
    }

    @Test("a secret file that is missing or empty fails with 78; a readable one is ok, its value unseen")
    func secretFiles() throws {
        let (sandbox, _) = try Self.sandbox {
            $0.replacingOccurrences(of: "token_env: RELANCE_SMS_TOKEN", with: "token_file: ../secrets/sms")
                .replacingOccurrences(of: "secret_env: RELANCE_WEBHOOK_SECRET", with: "secret_file: ../secrets/webhook")
        }
        try FileManager.default.createDirectory(atPath: sandbox.root + "/secrets", withIntermediateDirectories: true)
        try sandbox.write("secrets/webhook", LiveDelivery.webhookSecret + "\n")
        let missing = try sandbox.run(["doctor"], now: Self.now)
        #expect(missing.status == 78, "\(missing.stdout)\(missing.stderr)")
        #expect(missing.stdout.contains("FAIL     secret: delivery.sms.token_file: cannot read"), "\(missing.stdout)")
        #expect(missing.stdout.contains("ok       secret: delivery.webhook.secret_file:"), "\(missing.stdout)")
        Self.expectNoSecret(in: missing)
        try sandbox.write("secrets/sms", "")
        let empty = try sandbox.run(["doctor"], now: Self.now)
        #expect(empty.status == 78)
        #expect(empty.stdout.contains("FAIL     secret: delivery.sms.token_file:") && empty.stdout.contains("is empty"))
        try sandbox.write("secrets/sms", LiveDelivery.smsToken)
        let present = try sandbox.run(["doctor"], now: Self.now)
        // Every secret is there: the endpoints are probed now, and they are down.
        #expect(present.status == 69, "\(present.stdout)\(present.stderr)")
        #expect(!present.stdout.contains("FAIL     secret"))
        Self.expectNoSecret(in: present)
    }
}
