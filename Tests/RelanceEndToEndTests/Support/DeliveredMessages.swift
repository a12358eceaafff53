import Foundation
import RelanceTestSupport

/// The reminder messages a run delivered, by spool-style path (`CHANNEL/PERIOD/JOBSEEKER-STEP.eml|json`),
/// each with every copy that arrived: from the spool folder, or from the loopback servers of a
/// live run (the key read from `X-Relance-Key`, the SMS `reference` or the webhook `key`).
struct DeliveredMessages {
    private(set) var copies: [String: [String]] = [:]

    /// The spool of a sandbox (one copy per file).
    init(spoolOf sandbox: Sandbox) {
        for path in sandbox.spooledReminders() {
            copies[path] = [
                sandbox.contents(sandbox.spoolPath + "/" + path).map { String(decoding: $0, as: UTF8.self) } ?? ""
            ]
        }
    }

    /// What reached the SMTP sink and the HTTP server (`/sms`, `/webhook`), advisor digests left out.
    init(sink: SMTPSink, http: HTTPTestServer) {
        for message in sink.captured() {
            let text = message.text
            guard let key = Self.header("X-Relance-Key", in: text), !key.hasPrefix("digest/") else { continue }
            copies[Self.path("email", key: key), default: []].append(text)
        }
        for request in http.requests {
            let channel = request.path.hasSuffix("/sms") ? "sms" : "webhook"
            let object = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any]
            guard let key = (object?["reference"] ?? object?["key"]) as? String else { continue }
            copies[Self.path(channel, key: key), default: []].append(request.text)
        }
    }

    /// The paths that arrived at least once.
    var paths: Set<String> { Set(copies.keys) }

    /// The paths that arrived more than once.
    var duplicated: [String] { copies.filter { $0.value.count > 1 }.keys.sorted() }

    /// The first copy of a path.
    func text(_ path: String) -> String? { copies[path]?.first }

    /// `CHANNEL/PERIOD/JOBSEEKER-STEP.eml|json` of a key `JOBSEEKER/PERIOD/STEP`.
    static func path(_ channel: String, key: String) -> String {
        let parts = key.split(separator: "/")
        return "\(channel)/\(parts[1])/\(parts[0])-\(parts[2]).\(channel == "email" ? "eml" : "json")"
    }

    private static func header(_ name: String, in text: String) -> String? {
        for line in text.split(separator: "\r\n", omittingEmptySubsequences: false) {
            if line.isEmpty { return nil }
            if line.hasPrefix(name + ": ") { return String(line.dropFirst(name.count + 2)) }
        }
        return nil
    }
}
