import Foundation
import RelanceTestSupport
import Testing

/// Jobseekers in Paris with an email address and a mobile each, whose `opening` reminder of
/// 2026-11 goes by SMS then email, delivered live to an SMS gateway on loopback (answering 200,
/// like a provider that accepts everything) and an SMTP sink; SMS receipts expected within two
/// hours, the alarm over `alarmWindow` known verdicts; `relance serve` takes the receipts.
struct ReceiptScene {
    static let opening = "2026-11-28T10:30:00+01:00"
    /// After the SMS receipt timeout of the opening's sends.
    static let afterTimeout = "2026-11-28T13:00:00+01:00"

    let sink: SMTPSink
    let gateway: HTTPTestServer
    let sandbox: Sandbox
    let delivery: LiveDelivery
    let ids: [String]

    init(jobseekers: Int = 40, emailReceipts: Bool = false, alarmWindow: Int = 40) throws {
        sink = try SMTPSink()
        gateway = try HTTPTestServer { _ in .ok(#"{"status": "accepted"}"#) }
        var delivery = LiveDelivery(sink: sink, http: gateway).with(channels: ["sms", "email"], for: "opening")
        delivery.smsReceiptTimeout = "2h"
        delivery.emailReceiptTimeout = emailReceipts ? "1d" : nil
        delivery.returnPath = "retours+{key}@example.fr"
        delivery.alarm = "{ window: \(alarmWindow), undelivered_ratio: 0.2 }"
        self.delivery = delivery
        sandbox = try Sandbox.live(delivery)
        ids = (1...jobseekers).map { String(format: "3%06dA", $0) }
        try sandbox.importJobseekers(
            jobseekersCSV(ids.enumerated().map { Self.row($0.element, number: $0.offset + 1) }),
            at: "2026-11-20T09:00:00+01:00")
    }

    /// A CSV row: `p.N@example.fr` and mobile `06 10 00 NN NN` (or `phone` when given).
    static func row(_ id: String, number: Int, phone: String? = nil) -> String {
        "\(id),75,Personne\(number),p.\(number)@example.fr,\(phone ?? String(format: "06 10 %02d %02d %02d", number / 10000, number / 100 % 100, number % 100)),"
    }

    /// The SMS the gateway accepted so far: reference and number, in order of arrival.
    func smsSent() -> [(reference: String, to: String)] {
        gateway.requests.filter { $0.path == "/sms" }.compactMap { request in
            guard let body = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
                let reference = body["reference"] as? String, let to = body["to"] as? String
            else { return nil }
            return (reference, to)
        }
    }

    /// The reminders of `step`, by key, as `reminders list` shows them at `now`.
    func reminders(_ step: String = "opening", at now: String) throws -> [String: ReminderListing] {
        Dictionary(
            uniqueKeysWithValues: try sandbox.reminders(at: now).filter { $0.step == step }.map { ($0.key, $0) })
    }

    /// `relance serve` on this sandbox at `now`, with the receipts client.
    func serve(at now: String) throws -> HTTPServerProcess {
        let port = try LoopbackSocket.freePort()
        let config = try String(contentsOfFile: sandbox.configPath, encoding: .utf8)
        if !config.contains("\nhttp:") {
            _ = try sandbox.write(
                "config/relance.yaml", config + HTTPClients.section(listen: "127.0.0.1:\(port)", maxBody: "1MiB"))
        } else {
            let replaced = config.replacingOccurrences(
                of: #"listen: 127\.0\.0\.1:[0-9]+"#, with: "listen: 127.0.0.1:\(port)", options: .regularExpression)
            _ = try sandbox.write("config/relance.yaml", replaced)
        }
        return try sandbox.startHTTP(now: now, port: port)
    }

    /// SMS receipts as a JSON array.
    static func smsReceipts(_ receipts: [(reference: String, status: String)], at: String = opening) -> String {
        "["
            + receipts.map { #"{"reference": "\#($0.reference)", "status": "\#($0.status)", "at": "\#(at)"}"# }
            .joined(separator: ",") + "]"
    }
}
