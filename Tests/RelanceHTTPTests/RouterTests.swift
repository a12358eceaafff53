import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import RelanceConfig
import RelanceCore
import RelanceEngine
import RelanceHTTP
import RelanceStore
import RelanceTestSupport
import Testing

/// The application in process with HummingbirdTesting: `.router` for the logic, `.live` for
/// the real socket, on a sandbox whose period 2026-10 is open.
@Suite("HTTP interface, in process")
struct RouterTests {
    static let during = "2026-10-29T09:00:00+01:00"

    /// A context on a sandbox with the sample directory and an open period.
    private static func context(listen: String = "127.0.0.1:0") throws -> (Sandbox, Relance, HTTPSettings) {
        let sandbox = try Sandbox { $0 + HTTPClients.section(listen: listen) }
        try sandbox.importSampleDirectory(at: "2026-10-20T09:00:00+01:00")
        _ = try sandbox.tick(at: "2026-10-28T10:30:00+01:00")
        for (name, value) in HTTPClients.environment { setenv(name, value, 1) }
        let configuration = try Configuration.load(from: sandbox.configPath)
        let relance = Relance(
            configuration: configuration, store: try Store(path: configuration.databasePath),
            clock: FixedClock(Instant(iso: during)!), logger: Logger(label: "test"), transport: DiscardingTransport())
        return (sandbox, relance, try #require(configuration.http))
    }

    private static let portal: HTTPFields = [
        .authorization: "Bearer \(HTTPClients.portalToken)", .contentType: "application/json",
    ]

    private static func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    @Test("declarations: 201, 200 with acts merged as a set and the earliest declared_at kept, 422s")
    func declarations() async throws {
        let (sandbox, relance, settings) = try Self.context()
        let app = Application(
            router: try HTTPServer.router(relance: relance, settings: settings, logger: relance.logger))
        try await app.test(.router) { client in
            let later = #"""
                {"jobseeker_id": "1000001A", "period": "2026-10", "declared_at": "2026-10-29T08:00:00+01:00",
                 "acts": [{"date": "2026-10-27", "type": "candidature", "label": "Boulangerie"}]}
                """#
            let earlier = #"""
                {"jobseeker_id": "1000001A", "period": "2026-10", "declared_at": "2026-10-28T20:00:00+01:00",
                 "acts": [{"date": "2026-10-27", "type": "candidature", "label": "Boulangerie"},
                          {"date": "2026-10-28", "type": "entretien"}]}
                """#
            try await client.execute(
                uri: "/v1/declarations", method: .post, headers: Self.portal, body: Self.body(later)
            ) {
                #expect($0.status == .created)
            }
            try await client.execute(
                uri: "/v1/declarations", method: .post, headers: Self.portal, body: Self.body(earlier)
            ) {
                #expect($0.status == .ok)
            }
            try await client.execute(
                uri: "/v1/jobseekers/1000001A/periods/2026-10", method: .get, headers: Self.portal
            ) { response in
                let object =
                    try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
                #expect(object?["acts_count"] as? Int == 2)
                #expect(object?["declared_at"] as? String == "2026-10-28T20:00:00+01:00")
            }
            for (text, field) in [
                (
                    #"{"jobseeker_id": "9999999Z", "period": "2026-10", "declared_at": "2026-10-29T08:00:00+01:00"}"#,
                    "jobseeker_id"
                ),
                (
                    #"{"jobseeker_id": "1000001A", "period": "2026-11", "declared_at": "2026-10-29T08:00:00+01:00"}"#,
                    "period"
                ),
                (
                    #"{"jobseeker_id": "1000001A", "period": "2026-10", "declared_at": "2026-10-29T09:06:00+01:00"}"#,
                    "declared_at"
                ),
                (
                    #"{"jobseeker_id": "1000001A", "period": "2026-10", "declared_at": "2026-10-29T08:00:00+01:00", "x": 1}"#,
                    "x"
                ),
            ] {
                try await client.execute(
                    uri: "/v1/declarations", method: .post, headers: Self.portal, body: Self.body(text)
                ) {
                    response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.headers[.contentType] == "application/problem+json")
                    #expect(
                        String(buffer: response.body).contains(#""field": "\#(field)""#),
                        "\(String(buffer: response.body))")
                }
            }
        }
        _ = sandbox
    }

    @Test("the real socket: healthz, and 401 with WWW-Authenticate and no CORS or cookie header")
    func live() async throws {
        let (sandbox, relance, settings) = try Self.context()
        let app = try HTTPServer.application(relance: relance, settings: settings, logger: relance.logger)
        try await app.test(.live) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/status", method: .get, headers: [.cookie: "session=x"]) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
                #expect(response.headers[.setCookie] == nil)
                #expect(response.headers[HTTPFields.Element.Name("Access-Control-Allow-Origin")!] == nil)
            }
        }
        _ = sandbox
    }
}
