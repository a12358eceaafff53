import Foundation
import Glibc
import RelanceStore
import RelanceTestSupport
import Testing

/// The systemd units of `cron/`: `systemd-analyze verify` accepts them without a warning, the
/// services reach an exposure level below 2.0, and they carry the settings operations rely on.
@Suite("cron/: systemd units")
struct UnitFileTests {
    static let units = [
        "relance.service", "relance-serve.service", "relance-tick.service", "relance-tick.timer",
        "relance-alert@.service", "relance-backup.service", "relance-backup.timer",
    ]
    static let services = [
        "relance.service", "relance-serve.service", "relance-tick.service", "relance-backup.service",
    ]

    @Test("systemd-analyze verify passes on every unit, with no warning about them")
    func verify() throws {
        let copies = try UnitCopies(dropIn: true)
        let result = try Tool.run(try Tool.find("systemd-analyze", package: "systemd"), ["verify"] + copies.paths)
        // Warnings about other units of the host (its targets) are not ours to judge.
        let ours = (result.stdout + result.stderr).split(separator: "\n").filter { $0.contains("relance") }
        #expect(result.status == 0, "systemd-analyze verify failed:\n\(result.stdout)\(result.stderr)")
        #expect(ours.isEmpty, "systemd-analyze verify warned:\n\(ours.joined(separator: "\n"))")
    }

    /// What the check above relies on: verify reports a misspelt key only as a warning (its exit
    /// status stays 0), and fails when ExecStart= names no executable — hence the copies name the
    /// built binary instead of /usr/local/bin/relance.
    @Test("verify does report a misspelt key and a missing binary")
    func verifyCatchesFaults() throws {
        let analyze = try Tool.find("systemd-analyze", package: "systemd")
        let misspelt = try UnitCopies {
            $0.replacingOccurrences(of: "ProtectSystem=strict", with: "ProtectSytem=strict")
        }
        let misspeltResult = try Tool.run(analyze, ["verify", misspelt.path("relance.service")])
        #expect(misspeltResult.stderr.contains("Unknown key 'ProtectSytem'"), "\(misspeltResult.stderr)")

        let missing = try UnitCopies(binary: "/nonexistent/relance")
        let missingResult = try Tool.run(analyze, ["verify", missing.path("relance.service")])
        #expect(missingResult.status != 0)
        #expect(missingResult.stderr.contains("/nonexistent/relance is not executable"), "\(missingResult.stderr)")
    }

    /// A bound, not the exact score: another systemd version weighs the settings differently.
    @Test("systemd-analyze security rates the service below 2.0 (OK or better)", arguments: services)
    func exposure(unit: String) throws {
        let copies = try UnitCopies()
        let result = try Tool.run(
            try Tool.find("systemd-analyze", package: "systemd"), ["security", "--offline=true", copies.path(unit)],
            environment: ["SYSTEMD_COLORS": "0"])
        #expect(result.status == 0, "\(result.stderr)")
        // "→ Overall exposure level for relance.service: 1.2 OK 🙂"
        let line = try #require(
            result.stdout.split(separator: "\n").last { $0.contains("Overall exposure level for \(unit):") },
            "no overall exposure line in:\n\(result.stdout)\(result.stderr)")
        let measured = line.components(separatedBy: "\(unit):")[1].split(separator: " ").map(String.init)
        try #require(measured.count >= 2, "unexpected line: \(line)")
        #expect(try #require(Double(measured[0])) < 2.0, "\(line)")
    }

    @Test("the daemon unit: notify, watchdog, reload, no restart on errors that do not fix themselves")
    func daemon() throws {
        let unit = try UnitFile("relance.service")
        #expect(unit.value("Type") == "notify")
        #expect(unit.value("NotifyAccess") == "main")
        #expect(
            unit.value("ExecStart") == "/usr/local/bin/relance --config /etc/relance/relance.yaml run --interval 300")
        #expect(unit.value("ExecReload") == "kill -HUP $MAINPID")
        #expect(unit.value("WatchdogSec") != nil)
        #expect(unit.value("Restart") == "on-failure")
        #expect(Set(unit.value("RestartPreventExitStatus")?.split(separator: " ") ?? []) == ["64", "65", "78"])
        #expect(unit.value("WantedBy", in: "Install") == "multi-user.target")
    }

    @Test("the HTTP interface alone: serve, reload rereads tokens, a socket folder, not beside the daemon")
    func serve() throws {
        let unit = try UnitFile("relance-serve.service")
        #expect(unit.value("ExecStart") == "/usr/local/bin/relance --config /etc/relance/relance.yaml serve")
        #expect(unit.value("ExecReload") == "kill -HUP $MAINPID")
        #expect(unit.value("Restart") == "on-failure")
        #expect(Set(unit.value("RestartPreventExitStatus")?.split(separator: " ") ?? []) == ["64", "65", "78"])
        #expect(unit.value("Conflicts", in: "Unit") == "relance.service")
        #expect(try UnitFile("relance.service").value("Conflicts", in: "Unit") == "relance-serve.service")
        // `listen: unix:/run/relance/http.sock`, in a folder systemd creates for either unit.
        for name in ["relance-serve.service", "relance.service"] {
            let listening = try UnitFile(name)
            #expect(listening.value("RuntimeDirectory") == "relance", "\(name)")
            #expect(listening.value("RuntimeDirectoryMode") == "0750", "\(name)")
        }
        #expect(unit.value("WantedBy", in: "Install") == "multi-user.target")
    }

    @Test("the timer style: a oneshot tick, a persistent timer with a randomized delay")
    func timer() throws {
        let service = try UnitFile("relance-tick.service")
        #expect(service.value("Type") == "oneshot")
        #expect(service.value("ExecStart") == "/usr/local/bin/relance --config /etc/relance/relance.yaml tick")
        #expect(service.value("SuccessExitStatus") == "75")
        let timer = try UnitFile("relance-tick.timer")
        #expect(timer.value("OnCalendar", in: "Timer") == "*:0/10")
        #expect(timer.value("Persistent", in: "Timer") == "true")
        #expect(timer.value("RandomizedDelaySec", in: "Timer") != nil)
        #expect((timer.value("Unit", in: "Timer") ?? "relance-tick.service") == "relance-tick.service")
        #expect(timer.value("WantedBy", in: "Install") == "timers.target")
    }

    @Test(
        "every service: a dedicated user, the state directory, an alert, no secret, the same sandbox",
        arguments: services)
    func identityAndSandbox(unit name: String) throws {
        let unit = try UnitFile(name)
        #expect(unit.value("User") == "relance")
        #expect(unit.value("StateDirectory") == "relance")
        #expect(unit.value("ConfigurationDirectory") == "relance")
        #expect(unit.value("ReadWritePaths") == "/var/lib/relance")
        #expect(unit.value("UMask") == "0077")
        for setting in [
            "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes", "PrivateDevices=yes", "NoNewPrivileges=yes",
            name == "relance-backup.service"
                ? "RestrictAddressFamilies=AF_UNIX" : "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6",
            "SystemCallFilter=@system-service",
            "SystemCallArchitectures=native", "CapabilityBoundingSet=", "AmbientCapabilities=",
            "ProtectKernelTunables=yes", "ProtectKernelModules=yes", "ProtectKernelLogs=yes",
            "ProtectControlGroups=yes", "ProtectClock=yes", "ProtectHostname=yes", "RestrictNamespaces=yes",
            "RestrictRealtime=yes", "RestrictSUIDSGID=yes", "LockPersonality=yes", "MemoryDenyWriteExecute=yes",
        ] {
            #expect(unit.lines("Service").contains(setting), "\(name) lacks \(setting)")
        }
        // As shipped the unit starts on a machine without secrets: credentials come with the drop-in.
        #expect(unit.values("LoadCredential").isEmpty, "\(name) needs secret files to start")
        #expect(unit.value("OnFailure", in: "Unit") == "relance-alert@%n.service")

        // Everything but how each one runs is the same in all; the backup has no network.
        let own: Set = [
            "Type", "NotifyAccess", "ExecStart", "ExecReload", "WatchdogSec", "TimeoutStartSec", "TimeoutStopSec",
            "Restart", "RestartSec", "RestartPreventExitStatus", "SuccessExitStatus", "Environment",
            "RestrictAddressFamilies", "IPAddressDeny", "RuntimeDirectory", "RuntimeDirectoryMode",
        ]
        let common = { (unit: UnitFile) in
            unit.lines("Service").filter { !own.contains(String($0.prefix { $0 != "=" })) }
        }
        #expect(common(unit) == common(try UnitFile("relance.service")))
    }
}

extension UnitFileTests {
    /// `cron/relance.crontab`: every job has five valid time fields, a user and a command under
    /// `flock -n`; run the way cron runs it, relance's output goes to syslog and only a failure
    /// other than "another tick runs" is printed, hence mailed.
    @Suite("cron/: crontab")
    struct CrontabTests {
        @Test("every line is a comment, a variable or a job with five time fields, a user and a command under flock -n")
        func syntax() throws {
            let crontab = try Crontab()
            #expect(!crontab.jobs.isEmpty)
            #expect(crontab.variables["RELANCE_CONFIG"] == "/etc/relance/relance.yaml")
            #expect(!(crontab.variables["MAILTO"] ?? "").isEmpty)
            let shell = try #require(crontab.variables["SHELL"])
            #expect(FileManager.default.isExecutableFile(atPath: shell), "SHELL=\(shell)")
            for name in crontab.variables.keys {
                #expect(
                    !["PASSWORD", "TOKEN", "SECRET"].contains { name.uppercased().contains($0) },
                    "a secret in cron: \(name)")
            }
            for job in crontab.jobs {
                #expect(job.user == "relance")
                #expect(job.command.contains("flock -n "), "\(job.command)")
                #expect(job.command.contains("relance ") && job.command.contains(" tick"), "\(job.command)")
                #expect(!job.command.contains("%"), "cron turns % into a newline")
                let lock = try job.flockPath()
                #expect(!lock.hasSuffix(".sqlite.lock"), "flock on relance's own lock makes every tick exit 75")
                let check = try Tool.run(shell, ["-n", "-c", job.command])
                #expect(check.status == 0, "\(shell) -n: \(check.stderr)")
            }
        }

        @Test(
            "the schedule check itself",
            arguments: [
                ("*/10 * * * *", true), ("0 8-20/2 * * 1-5", true), ("30 10 28 feb *", true), ("0 0 1,15 * sun", true),
                ("0 0 * * 7", true), ("60 * * * *", false), ("* 24 * * *", false), ("* * 0 * *", false),
                ("* * * 13 *", false), ("* * * * 8", false), ("*/0 * * * *", false), ("5-1 * * * *", false),
                ("jan * * * *", false), ("5/10 * * * *", false), ("*/10 * * *", false), ("@hourly", false),
            ])
        func schedule(fields: String, valid: Bool) {
            let job = try? Crontab.Job(line: fields + " relance flock -n /run/lock/tick relance tick")
            #expect((job != nil) == valid, "\(fields)")
        }

        @Test("a successful tick: its log lines go to syslog, nothing is mailed")
        func success() throws {
            let run = try CronRun(sandbox: try Sandbox())
            #expect(run.mail.isEmpty, "mailed: \(run.mail)")
            #expect(run.syslog.contains("logger -t relance"), "\(run.syslog)")
            let logLines = run.syslog.split(separator: "\n").filter { $0.hasPrefix("{") }
            #expect(logLines.contains { $0.contains("tick finished") }, "JSON log lines: \(run.syslog)")
            #expect(run.syslog.contains("opened="), "the tick's summary: \(run.syslog)")
        }

        @Test("a delivery channel down (69) is mailed; the reason is in syslog")
        func channelDown() throws {
            let sink = try SMTPSink()
            let server = try HTTPTestServer { _ in .ok() }
            let deadPort = try DeadPort()
            var delivery = LiveDelivery(sink: sink, http: server).with(channels: ["email"], for: "opening")
            delivery.emailURL = deadPort.url(scheme: "smtp")
            let scene = try FaultScene(delivery)
            let run = try CronRun(sandbox: scene.sandbox)
            #expect(run.mail.contains("relance tick failed with exit code 69"), "mailed: \(run.mail)")
            #expect(run.syslog.contains("down: email"), "\(run.syslog)")
        }

        @Test("an invalid configuration (78) is mailed")
        func invalidConfiguration() throws {
            let run = try CronRun(
                sandbox: try Sandbox { $0.replacingOccurrences(of: "  min_acts: 1", with: "  min_act: 1") })
            #expect(run.mail.contains("relance tick failed with exit code 78"), "mailed: \(run.mail)")
            #expect(run.syslog.contains("journal.min_act: unknown key"), "\(run.syslog)")
        }

        @Test("another tick holds relance's own lock (75): nothing is mailed")
        func relanceLocked() throws {
            let sandbox = try Sandbox()
            try FileManager.default.createDirectory(
                atPath: (sandbox.databasePath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let lock = try TickLock(database: sandbox.databasePath)
            let run = try CronRun(sandbox: sandbox)
            withExtendedLifetime(lock) {}
            #expect(run.mail.isEmpty, "mailed: \(run.mail)")
            #expect(run.syslog.contains("another tick is running"), "\(run.syslog)")
        }

        @Test("a tick still running under cron's flock: relance does not start, nothing is mailed")
        func cronLocked() throws {
            let run = try CronRun(sandbox: try Sandbox(), holdingCronLock: true)
            #expect(run.mail.isEmpty, "mailed: \(run.mail)")
            #expect(!run.syslog.contains(#""message""#), "relance ran: \(run.syslog)")
        }
    }
}

// MARK: - Support

extension UnitFileTests {
    /// Runs tools with Foundation's `Process`.
    enum Tool {
        struct Result {
            var status: Int32
            var stdout: String
            var stderr: String
        }

        /// The path of a tool, or a failed test naming the Debian package that has it.
        static func find(_ name: String, package: String) throws -> String {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
            let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/bin", "/usr/sbin", "/sbin"]
            let found = folders.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
            return try #require(
                found, "\(name) not found: install the Debian package '\(package)' (scripts/install-deps does)")
        }

        /// Runs `path arguments…` and waits for it. Its stdout is read to the end, so the run also
        /// waits for any process that inherited it. `environment` is added to this process's own,
        /// unless `replacingEnvironment`; `mergeOutput` sends stderr to stdout.
        static func run(
            _ path: String, _ arguments: [String], environment: [String: String] = [:],
            replacingEnvironment: Bool = false, mergeOutput: Bool = false
        ) throws -> Result {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
            process.environment =
                replacingEnvironment ? environment : ProcessInfo.processInfo.environment.merging(environment) { $1 }
            let errorPath = NSTemporaryDirectory() + "relance-tool-\(UUID().uuidString).err"
            _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
            defer { try? FileManager.default.removeItem(atPath: errorPath) }
            let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
            let out = Pipe()
            process.standardOutput = out
            process.standardError = mergeOutput ? out : errors
            try process.run()
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            try errors.close()
            return Result(
                status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                stderr: String(decoding: FileManager.default.contents(atPath: errorPath) ?? Data(), as: UTF8.self))
        }
    }

    /// A unit file of `cron/`, parsed as systemd reads it (sections, `Key=value`, comments).
    struct UnitFile {
        let name: String
        let text: String
        private let settings: [(section: String, line: String)]

        init(_ name: String) throws {
            self.name = name
            text = try String(contentsOfFile: Sandbox.repository + "/cron/" + name, encoding: .utf8)
            var section = ""
            var settings: [(section: String, line: String)] = []
            for raw in text.split(separator: "\n") {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
                if line.hasPrefix("[") && line.hasSuffix("]") {
                    section = String(line.dropFirst().dropLast())
                } else {
                    settings.append((section, line))
                }
            }
            self.settings = settings
        }

        /// The `Key=value` lines of a section, in order.
        func lines(_ section: String) -> [String] { settings.filter { $0.section == section }.map(\.line) }

        /// Every value given to `key` in `section`, in order.
        func values(_ key: String, in section: String = "Service") -> [String] {
            lines(section).filter { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
        }

        /// The last value given to `key` in `section`, as systemd keeps for single-valued keys.
        func value(_ key: String, in section: String = "Service") -> String? { values(key, in: section).last }
    }

    /// The units of `cron/` copied into a temporary folder, `/usr/local/bin/relance` replaced by the
    /// relance built in this checkout and `/usr/local/lib/relance/` by `cron/` (`systemd-analyze
    /// verify` checks that ExecStart= exists); with `dropIn`, `live-credentials.conf` installed for
    /// both services as the README says.
    final class UnitCopies {
        let folder: String

        init(binary: String? = nil, dropIn: Bool = false, edit: (String) -> String = { $0 }) throws {
            let built = Sandbox.repository + "/.build/debug/relance"
            if binary == nil {
                try #require(
                    FileManager.default.isExecutableFile(atPath: built),
                    "\(built) not found: build it first (swift build --build-tests)")
            }
            folder = NSTemporaryDirectory() + "relance-units-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for unit in UnitFileTests.units {
                let text = try UnitFile(unit).text
                    .replacingOccurrences(of: "/usr/local/bin/relance", with: binary ?? built)
                    .replacingOccurrences(of: "/usr/local/lib/relance/", with: Sandbox.repository + "/cron/")
                try edit(text).write(toFile: path(unit), atomically: true, encoding: .utf8)
            }
            if dropIn {
                let text = try String(
                    contentsOfFile: Sandbox.repository + "/cron/live-credentials.conf", encoding: .utf8)
                for service in ["relance.service", "relance-tick.service"] {
                    try FileManager.default.createDirectory(
                        atPath: path(service) + ".d", withIntermediateDirectories: true)
                    try text.write(toFile: path(service) + ".d/credentials.conf", atomically: true, encoding: .utf8)
                }
            }
        }

        deinit { try? FileManager.default.removeItem(atPath: folder) }

        func path(_ unit: String) -> String { folder + "/" + unit }
        var paths: [String] { UnitFileTests.units.map(path) }
    }

    /// `cron/relance.crontab`: its variables and jobs (the `/etc/cron.d` format, with a user field).
    struct Crontab {
        var variables: [String: String] = [:]
        var jobs: [Job] = []

        init() throws {
            let text = try String(contentsOfFile: Sandbox.repository + "/cron/relance.crontab", encoding: .utf8)
            for raw in text.split(separator: "\n") {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.isEmpty || line.hasPrefix("#") { continue }
                if let match = try #/^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/#.wholeMatch(in: line) {
                    variables[String(match.1)] = String(match.2)
                } else {
                    jobs.append(try Job(line: line))
                }
            }
        }

        struct Job {
            var schedule: [String]
            var user: String
            var command: String

            struct Invalid: Error, CustomStringConvertible {
                var description: String
            }

            /// Five time fields, a user, a command (the rest of the line, spacing kept).
            init(line: String) throws {
                guard let match = try #/^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S.*)$/#.wholeMatch(in: line)
                else { throw Invalid(description: "not five time fields, a user and a command: \(line)") }
                schedule = [match.1, match.2, match.3, match.4, match.5].map(String.init)
                user = String(match.6)
                command = String(match.7)
                for (position, field) in schedule.enumerated() where !Self.isValid(field, position: position) {
                    throw Invalid(description: "time field \(position + 1) '\(field)' is invalid: \(line)")
                }
            }

            /// The lock file of `flock [-n] [-E N] FILE COMMAND…`.
            func flockPath() throws -> String {
                let words = command.split(separator: " ").map(String.init)
                var index = try #require(words.firstIndex(of: "flock"), "no flock in \(command)") + 1
                while index < words.count, words[index].hasPrefix("-") {
                    index += ["-E", "-w", "--conflict-exit-code", "--timeout"].contains(words[index]) ? 2 : 1
                }
                return try #require(index < words.count ? words[index] : nil, "no lock file in \(command)")
            }

            private static let bounds = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)]
            private static let names = [
                3: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
                4: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"],
            ]

            /// crontab(5): lists of `*`, numbers and ranges, `*` and ranges with a `/step`; a month or
            /// day name only alone.
            static func isValid(_ field: String, position: Int) -> Bool {
                if names[position]?.contains(field.lowercased()) == true { return true }
                let (low, high) = bounds[position]
                return field.split(separator: ",", omittingEmptySubsequences: false).allSatisfy { item in
                    let parts = item.split(separator: "/", omittingEmptySubsequences: false)
                    guard parts.count <= 2 else { return false }
                    if parts.count == 2 {
                        guard let step = Int(parts[1]), step > 0 else { return false }
                    }
                    if parts[0] == "*" { return true }
                    let ends = parts[0].split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
                    guard !ends.isEmpty, ends.count <= 2, parts.count == 1 || ends.count == 2 else { return false }
                    let values = ends.compactMap { $0 }
                    return values.count == ends.count && values.allSatisfy { (low...high).contains($0) }
                        && values.first! <= values.last!
                }
            }
        }
    }

    /// The crontab's job run the way cron runs it — `SHELL -c COMMAND` with the crontab's variables
    /// only — on a sandbox: `relance` is the one built here and `logger` a stand-in that appends to a
    /// file (the syslog), both first in PATH; cron's lock file is moved into a scratch folder;
    /// `RELANCE_CONFIG` names the sandbox's configuration and `RELANCE_NOW` the opening of 2026-11.
    struct CronRun {
        /// What the job printed: what cron would mail.
        let mail: String
        /// What reached `logger`.
        let syslog: String

        init(sandbox: Sandbox, holdingCronLock: Bool = false) throws {
            let crontab = try Crontab()
            let job = try #require(crontab.jobs.first)
            let built = Sandbox.repository + "/.build/debug/relance"
            try #require(
                FileManager.default.isExecutableFile(atPath: built),
                "\(built) not found: build it first (swift build --build-tests)")
            _ = try Tool.find("flock", package: "util-linux")
            let scratch = sandbox.root + "/cron"
            let manager = FileManager.default
            try manager.createDirectory(atPath: scratch + "/bin", withIntermediateDirectories: true)
            try manager.createSymbolicLink(atPath: scratch + "/bin/relance", withDestinationPath: built)
            let syslogPath = scratch + "/syslog"
            try "#!/bin/sh\nprintf 'logger %s\\n' \"$*\" >> '\(syslogPath)'\ncat >> '\(syslogPath)'\n"
                .write(toFile: scratch + "/bin/logger", atomically: true, encoding: .utf8)
            try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scratch + "/bin/logger")

            let lockPath = scratch + "/cron-tick.flock"
            let command = job.command.replacingOccurrences(of: try job.flockPath(), with: lockPath)
            var environment = crontab.variables.merging(sandbox.environment) { $1 }
            environment["PATH"] = scratch + "/bin:" + (crontab.variables["PATH"] ?? "/usr/bin:/bin")
            environment["RELANCE_CONFIG"] = sandbox.configPath
            environment["RELANCE_NOW"] = FaultScene.opening
            environment["HOME"] = scratch
            environment["LOGNAME"] = job.user

            let descriptor = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
            defer { close(descriptor) }
            if holdingCronLock { try #require(flock(descriptor, LOCK_EX | LOCK_NB) == 0) }
            let result = try Tool.run(
                crontab.variables["SHELL"] ?? "/bin/sh", ["-c", command], environment: environment,
                replacingEnvironment: true, mergeOutput: true)
            try #require(result.status == 0, "the job line itself failed (\(result.status)): \(result.stdout)")
            mail = result.stdout
            syslog = (try? String(contentsOfFile: syslogPath, encoding: .utf8)) ?? ""
        }
    }
}
