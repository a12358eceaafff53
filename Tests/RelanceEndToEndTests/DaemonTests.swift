import Foundation
import RelanceTestSupport
import Testing

/// `relance run` through the executable: systemd readiness, SIGHUP reloads, SIGTERM stops.
@Suite("daemon, end to end")
struct DaemonTests {
    static let opening = "2026-11-28T10:30:00+01:00"

    /// Starts the daemon with its stderr kept in a file of the sandbox.
    private static func start(_ sandbox: Sandbox, notify: NotifySocket, interval: Int = 1) throws -> (Process, String) {
        let log = sandbox.root + "/daemon.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let daemon = sandbox.process(["--log-level", "info", "run", "--interval", "\(interval)"], now: opening)
        daemon.environment?["NOTIFY_SOCKET"] = notify.path
        daemon.standardOutput = FileHandle.nullDevice
        daemon.standardError = FileHandle(forWritingAtPath: log)
        try daemon.run()
        return (daemon, log)
    }

    private static func text(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    @Test("READY=1 once started; a broken file on SIGHUP keeps the running configuration; SIGTERM stops with 0")
    func lifecycle() throws {
        let sandbox = try Sandbox()
        try sandbox.importSampleDirectory(at: "2026-11-20T09:00:00+01:00")
        let notify = try NotifySocket()
        let (daemon, log) = try Self.start(sandbox, notify: notify)
        defer { if daemon.isRunning { daemon.killHard() } }

        #expect(
            waitUntil(timeout: hangTimeout) { notify.messages.contains("READY=1") }, "notifications: \(notify.messages)"
        )
        #expect(waitUntil(timeout: hangTimeout) { Self.text(log).contains("tick finished") })

        let good = try String(contentsOfFile: sandbox.configPath, encoding: .utf8)
        try (good + "\nbogus: [\n").write(toFile: sandbox.configPath, atomically: true, encoding: .utf8)
        daemon.send(SIGHUP)
        #expect(waitUntil(timeout: hangTimeout) { Self.text(log).contains("configuration reload failed") })
        let ticksBefore = Self.text(log).components(separatedBy: "tick finished").count
        #expect(
            waitUntil(timeout: hangTimeout) {
                Self.text(log).components(separatedBy: "tick finished").count > ticksBefore
            },
            "the daemon goes on ticking with the configuration it had")
        #expect(daemon.isRunning)

        try good.write(toFile: sandbox.configPath, atomically: true, encoding: .utf8)
        daemon.send(SIGHUP)
        #expect(waitUntil(timeout: hangTimeout) { Self.text(log).contains("configuration reloaded") })

        daemon.send(SIGTERM)
        daemon.waitUntilExit()
        #expect(daemon.terminationStatus == 0)
        #expect(notify.messages.last == "STOPPING=1", "notifications: \(notify.messages)")
        // One event per line, even for the multi-line YAML error.
        #expect(Self.text(log).split(separator: "\n").allSatisfy { $0.hasPrefix("20") }, "\(Self.text(log))")
    }

    @Test("SIGTERM in the middle of a delivery burst: the burst stops, every attempt recorded, nothing lost")
    func stopDuringBurst() throws {
        let count = 2_000
        let burst = try LiveBurst(jobseekers: count, idDigit: 5, mailbox: "d", connections: 4, ratePerSecond: 200)
        let (sink, sandbox) = (burst.sink, burst.sandbox)
        let notify = try NotifySocket()
        let (daemon, _) = try Self.start(sandbox, notify: notify, interval: 3600)
        defer { if daemon.isRunning { daemon.killHard() } }

        try #require(waitUntil(timeout: hangTimeout) { sink.capturedCount >= 400 }, "the burst did not start")
        daemon.send(SIGTERM)
        daemon.waitUntilExit()
        #expect(daemon.terminationStatus == 0)
        let stopped = KeyedCopies(sink)
        // No new attempt after SIGTERM: the messages still queued were given up, not sent.
        #expect(Int(try sandbox.sql("SELECT COUNT(*) FROM attempts WHERE outcome = 'not_sent'")) ?? 0 > 0)
        #expect(stopped.keys.count < count, "the stop came after the whole burst: nothing was tested")
        #expect(try sandbox.sql("SELECT COUNT(*) FROM attempts WHERE outcome IN ('in_flight', 'interrupted')") == "0")
        #expect(try sandbox.reminderKeys(inState: "sent") == stopped.keys, "sent and received differ")
        #expect(stopped.extra.isEmpty, "sent twice before the stop: \(stopped.extra.keys.sorted().prefix(3))")

        _ = try sandbox.tick(at: Self.opening)
        #expect(try sandbox.reminderKeys(inState: "sent") == burst.openingKeys)
        expectNothingLost(
            KeyedCopies(sink), expected: burst.openingKeys, interrupted: [:], kills: 0,
            connections: burst.delivery.connections)
    }
}
