public import Foundation

/// The HTTP interface of a sandbox: an `http` section with test clients, `relance serve`
/// started on it, and requests sent with curl (SPEC 12).
public enum HTTPClients {
    /// The token of `portail` (scopes jobseekers, declarations, read).
    public static let portalToken = "portail-token-7d1e"
    /// The token of `lecteur` (scope read, one request per second).
    public static let readerToken = "lecteur-token-42aa"
    /// The token of `crm` (scope cases).
    public static let crmToken = "crm-token-0c5b"
    /// The token of `passerelle` (scope receipts: an SMS provider's or a mail platform's receipts).
    public static let receiptsToken = "passerelle-token-3c9f"
    /// The environment that holds the tokens.
    public static let environment = [
        "RELANCE_TEST_PORTAL_TOKEN": portalToken, "RELANCE_TEST_READER_TOKEN": readerToken,
        "RELANCE_TEST_CRM_TOKEN": crmToken, "RELANCE_TEST_RECEIPTS_TOKEN": receiptsToken,
    ]

    /// An `http` section listening on `listen` (`127.0.0.1:PORT` or `unix:PATH`); `extra` lines
    /// are added to it (indented by two spaces, e.g. `trusted_proxies: [...]`).
    public static func section(listen: String, maxBody: String = "1KiB", extra: [String] = []) -> String {
        (["", "http:", "  listen: \(listen)", "  max_body: \(maxBody)"] + extra.map { "  " + $0 } + [
            "  clients:",
            "    - { id: portail, token_env: RELANCE_TEST_PORTAL_TOKEN, scopes: [jobseekers, declarations, read] }",
            "    - { id: lecteur, token_env: RELANCE_TEST_READER_TOKEN, scopes: [read], rate_per_second: 1 }",
            "    - { id: crm, token_env: RELANCE_TEST_CRM_TOKEN, scopes: [cases] }",
            "    - { id: passerelle, token_env: RELANCE_TEST_RECEIPTS_TOKEN, scopes: [receipts] }",
        ]).joined(separator: "\n") + "\n"
    }
}

/// One answer of the server.
public struct HTTPReply: Sendable {
    public let status: Int
    /// Header names in lower case.
    public let headers: [String: String]
    public let body: String

    /// The body as a JSON object, nil when it is not one.
    public var json: [String: Any]? { try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] }
}

/// A running `relance serve` (or `run`) of a sandbox and the way to reach it.
public final class HTTPServerProcess: @unchecked Sendable {
    public let process: Process
    /// `http://127.0.0.1:PORT`, or `http://localhost` with `unixSocket`.
    public let base: String
    public let unixSocket: String?
    /// The server's stderr.
    public let logPath: String
    /// Kept alive as long as the server: its folder holds the database and the log.
    let sandbox: Sandbox

    init(sandbox: Sandbox, process: Process, base: String, unixSocket: String?, logPath: String) {
        self.sandbox = sandbox
        self.process = process
        self.base = base
        self.unixSocket = unixSocket
        self.logPath = logPath
    }

    deinit { if process.isRunning { process.killHard() } }

    /// What the server logged so far.
    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Sends one request with curl; `json` is sent as `application/json` unless `headers` sets
    /// another `Content-Type`.
    public func request(
        _ method: String, _ path: String, token: String? = nil, json: String? = nil, headers: [String] = []
    ) throws -> HTTPReply {
        // `-k`: the tests' certificates are self-signed.
        var arguments = ["-s", "-k", "-i", "-X", method, "--max-time", "30"]
        if let unixSocket { arguments += ["--unix-socket", unixSocket] }
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        if let json {
            if !headers.contains(where: { $0.lowercased().hasPrefix("content-type:") }) {
                arguments += ["-H", "Content-Type: application/json"]
            }
            arguments += ["--data-binary", json]
        }
        for header in headers { arguments += ["-H", header] }
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = arguments + [base + path]
        let result = try curl.runCollectingOutput()
        guard result.status == 0, let end = result.stdout.range(of: "\r\n\r\n") else {
            throw SandboxError(message: "curl \(method) \(path) failed (\(result.status)): \(result.stderr)")
        }
        let lines = result.stdout[..<end.lowerBound].components(separatedBy: "\r\n")
        let status = lines.first.flatMap { Int($0.split(separator: " ")[1]) } ?? 0
        var fields: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return HTTPReply(status: status, headers: fields, body: String(result.stdout[end.upperBound...]))
    }
}

extension Sandbox {
    /// Starts `relance ARGUMENTS…` (`serve`, or `run` with `http.listen`) at `now` with the
    /// clients' tokens, and waits until `/healthz` answers.
    public func startHTTP(
        _ arguments: [String] = ["serve"], now: String, port: Int? = nil, unixSocket: String? = nil,
        scheme: String = "http", logLevel: String = "info"
    ) throws -> HTTPServerProcess {
        environment.merge(HTTPClients.environment) { $1 }
        let logPath = root + "/http-\(UUID().uuidString).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let process = self.process(["--log-level", logLevel] + arguments, now: now)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: logPath)
        try process.run()
        let server = HTTPServerProcess(
            sandbox: self, process: process,
            base: unixSocket == nil ? "\(scheme)://127.0.0.1:\(port ?? 0)" : "http://localhost",
            unixSocket: unixSocket, logPath: logPath)
        guard
            waitUntil(
                timeout: 60,
                {
                    process.isRunning && (try? server.request("GET", "/healthz"))?.status == 200
                })
        else { throw SandboxError(message: "relance \(arguments) did not answer: \(server.log)") }
        return server
    }
}
