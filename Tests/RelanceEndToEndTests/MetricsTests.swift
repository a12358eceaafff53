import Foundation
import RelanceTestSupport
import Testing

/// Prometheus metrics: `tick --metrics-file` and the daemon's `/metrics`, parsed by the
/// reference client library and compared with `status` and `cases list`.
@Suite("metrics, end to end")
struct MetricsTests {
    static let ticks = ["2026-11-28T10:30:00+01:00", "2026-12-10T10:30:00+01:00", "2026-12-16T12:00:00+01:00"]

    /// The sample month ticked at the opening, at d-5 and after closing, the last tick writing metrics.
    private static func sampleMonth() throws -> (Sandbox, [Python.Sample]) {
        let sandbox = try Sandbox()
        try sandbox.importSampleDirectory(at: "2026-11-20T09:00:00+01:00")
        for now in ticks.dropLast() { _ = try sandbox.tick(at: now) }
        try sandbox.importDeclarations(
            try String(contentsOfFile: Sandbox.sample("declarations-2026-11.csv"), encoding: .utf8)
                .split(separator: "\n").dropFirst().map(String.init), at: ticks[2])
        let file = sandbox.root + "/relance.prom"
        try sandbox.succeed(["tick", "--metrics-file", file], now: ticks[2])
        return (sandbox, try Python.parsePrometheus(try String(contentsOfFile: file, encoding: .utf8)))
    }

    @Test("the metrics file parses and agrees with status and cases list")
    func metricsFileAgrees() throws {
        let (sandbox, samples) = try Self.sampleMonth()
        let period = try #require(try sandbox.periods(at: Self.ticks[2]).first { $0.period == "2026-11" })
        for (state, count) in period.reminders {
            #expect(
                samples.sum("relance_reminders", where: ["period": "2026-11", "state": state]) == count,
                "\(state)")
        }
        let cases = try sandbox.cases(at: Self.ticks[2])
        #expect(
            samples.sum("relance_cases", where: ["state": "open"]) == cases.filter { $0.state == "open" }.count)
        #expect(samples.sum("relance_cases_overdue") == cases.filter(\.overdue).count)
        #expect(samples.sum("relance_ticks_total") == Self.ticks.count)
        let sent = period.reminders["sent"] ?? 0
        #expect(sent > 0)
        #expect(samples.sum("relance_attempts_total", where: ["outcome": "accepted"]) == sent)
        #expect(samples.contains { $0.name == "relance_channel_failure_ratio" })
        #expect(samples.contains { $0.name == "relance_last_successful_tick_timestamp_seconds" && $0.value > 0 })
    }

    @Test("the daemon serves the same metrics on /metrics, and /healthz")
    func daemonEndpoint() throws {
        let (sandbox, fromFile) = try Self.sampleMonth()
        let port = try LoopbackSocket.freePort()
        let daemon = sandbox.process(
            ["run", "--interval", "3600", "--metrics-listen", "127.0.0.1:\(port)"], now: Self.ticks[2])
        daemon.standardError = FileHandle.nullDevice
        try daemon.run()
        defer { daemon.killHard() }
        let url = "http://127.0.0.1:\(port)"
        #expect(waitUntil(timeout: hangTimeout) { (try? curl(url + "/healthz")) == "ok\n" })
        let served = try Python.parsePrometheus(try curl(url + "/metrics"))
        for name in ["relance_reminders", "relance_cases", "relance_attempts_total"] {
            #expect(served.sum(name) == fromFile.sum(name), "\(name)")
        }
        #expect((try? curl(url + "/nothing")) == nil)
    }

    @Test("only a loopback address may serve metrics")
    func loopbackOnly() throws {
        let result = try Sandbox().run(["run", "--metrics-listen", "0.0.0.0:9464"], now: Self.ticks[0])
        #expect(result.status == 64)
        #expect(result.stderr.contains("only a loopback address"))
    }
}

/// `curl -sf URL`: the body of a 2xx answer; throws otherwise.
func curl(_ url: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    process.arguments = ["-sf", "--max-time", "\(Int(hangTimeout))", url]
    let result = try process.runCollectingOutput()
    guard result.status == 0 else { throw CurlFailure(url: url, status: result.status) }
    return result.stdout
}

/// A `curl` run that did not get a 2xx answer.
private struct CurlFailure: Error {
    let url: String
    let status: Int32
}
