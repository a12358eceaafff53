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

    /// What reached the SMTP sink and the HTTP server (`/sms`, `/webhook`), advisor digests left
    /// out. A message naming no reminder is kept under `unkeyed/…`, so that it shows as unexpected.
    init(sink: SMTPSink, http: HTTPTestServer) {
        for message in sink.captured() {
            let key = message.relanceKey.flatMap(Self.wellFormed)
            guard !(key?.hasPrefix("digest/") ?? false) else { continue }
            copies[key.map { Self.path("email", key: $0) } ?? "unkeyed/email", default: []].append(message.text)
        }
        for request in http.requests {
            let channel = request.path.hasSuffix("/sms") ? "sms" : request.path.hasSuffix("/webhook") ? "webhook" : nil
            let object = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any]
            let key = ((object?["reference"] ?? object?["key"]) as? String).flatMap(Self.wellFormed)
            let path = channel.flatMap { channel in key.map { Self.path(channel, key: $0) } }
            copies[path ?? "unkeyed/\(channel ?? request.path)", default: []].append(request.text)
        }
    }

    /// The paths that arrived at least once.
    var paths: Set<String> { Set(copies.keys) }

    /// The paths that arrived more than once.
    var duplicated: [String] { copies.filter { $0.value.count > 1 }.keys.sorted() }

    /// The first copy of a path.
    func text(_ path: String) -> String? { copies[path]?.first }

    /// The key if it has the form `JOBSEEKER/PERIOD/STEP` (or `digest/…`), else nil.
    private static func wellFormed(_ key: String) -> String? {
        key.split(separator: "/", omittingEmptySubsequences: false).count == 3 ? key : nil
    }

    /// `CHANNEL/PERIOD/JOBSEEKER-STEP.eml|json` of a key `JOBSEEKER/PERIOD/STEP`.
    static func path(_ channel: String, key: String) -> String {
        let parts = key.split(separator: "/")
        return "\(channel)/\(parts[1])/\(parts[0])-\(parts[2]).\(channel == "email" ? "eml" : "json")"
    }
}
