import Foundation
import RelanceTestSupport
import Testing

extension UnitFileTests {
    /// `cron/install` into a staging tree (`DESTDIR`), as an operator runs it on a fresh machine:
    /// everything the units name — programs, units, the user, folders, files — exists there or
    /// is created by the shipped sysusers.d and tmpfiles.d files. systemd is not PID 1 in the test
    /// container, so the units are not booted; these checks stand in for that.
    @Suite("cron/: what cron/install installs")
    struct InstallTests {
        @Test("every program, unit, user, folder and file the units reference is installed or created")
        func references() throws {
            let tree = try InstalledTree()
            let relanceUser = try #require(tree.user("relance"), "sysusers.d creates no relance user")
            for name in UnitFileTests.units {
                let unit = try UnitFile(name)
                let installed = tree.root + "/etc/systemd/system/" + name
                #expect(FileManager.default.fileExists(atPath: installed), "\(name) is not installed")
                for command in unit.values("ExecStart") {
                    let program = String(command.prefix { $0 != " " })
                    #expect(
                        FileManager.default.isExecutableFile(atPath: tree.root + program), "\(name): \(program)")
                    for word in command.split(separator: " ") where word.hasPrefix("/etc/") {
                        #expect(FileManager.default.fileExists(atPath: tree.root + word), "\(name): \(word)")
                    }
                }
                for target in unit.values("OnFailure", in: "Unit") {
                    let template = target.replacingOccurrences(of: "@%n.service", with: "@.service")
                    #expect(UnitFileTests.units.contains(template), "\(name): OnFailure=\(target) is not shipped")
                }
                if name.hasSuffix(".timer") {
                    let service =
                        unit.value("Unit", in: "Timer") ?? name.replacingOccurrences(of: ".timer", with: ".service")
                    #expect(UnitFileTests.units.contains(service), "\(name) starts \(service), not shipped")
                }
                for user in unit.values("User") + unit.values("Group") where user != "root" {
                    #expect(tree.user(user) != nil || tree.group(user) != nil, "\(name): \(user) is not created")
                }
                for environment in unit.values("Environment") {
                    let value = String(environment.drop { $0 != "=" }.dropFirst())
                    guard value.hasPrefix("/") else { continue }
                    #expect(FileManager.default.fileExists(atPath: tree.root + value), "\(name): \(environment)")
                }
                let folders =
                    unit.values("ReadWritePaths") + unit.values("StateDirectory").map { "/var/lib/" + $0 }
                    + unit.values("ConfigurationDirectory").map { "/etc/" + $0 }
                for folder in folders {
                    let attributes = try FileManager.default.attributesOfItem(atPath: tree.root + folder)
                    #expect(attributes[.type] as? FileAttributeType == .typeDirectory, "\(name): \(folder)")
                }
            }
            // The live drop-in's secrets are the operator's to write, in a folder the install creates.
            let dropIn = try String(contentsOfFile: Sandbox.repository + "/cron/live-credentials.conf", encoding: .utf8)
            for line in dropIn.split(separator: "\n") where line.hasPrefix("LoadCredential=") {
                let source = String(line.drop { $0 != ":" }.dropFirst())
                let folder = (source as NSString).deletingLastPathComponent
                #expect(FileManager.default.fileExists(atPath: tree.root + folder), "\(line): no \(folder)")
            }
            // The state, spool and backup folders hold personal data: 0700, owned by relance.
            for folder in ["/var/lib/relance", "/var/lib/relance/spool", "/var/lib/relance/backups"] {
                let attributes = try FileManager.default.attributesOfItem(atPath: tree.root + folder)
                #expect((attributes[.posixPermissions] as? Int) == 0o700, "\(folder)")
                #expect((attributes[.ownerAccountID] as? Int) == relanceUser, "\(folder)")
            }
            let configuration = try String(contentsOfFile: tree.root + "/etc/relance/relance.yaml", encoding: .utf8)
            #expect(configuration.contains("database: /var/lib/relance/relance.sqlite"))
            #expect(configuration.contains("spool_dir: /var/lib/relance/spool"))
            #expect(FileManager.default.fileExists(atPath: tree.root + "/etc/relance/templates/opening.email.txt"))
        }

        @Test("the live-mode drop-in names where each credential is read, for both services")
        func liveCredentials() throws {
            let text = try String(contentsOfFile: Sandbox.repository + "/cron/live-credentials.conf", encoding: .utf8)
            let credentials = text.split(separator: "\n").filter { $0.hasPrefix("LoadCredential=") }
            #expect(!credentials.isEmpty)
            for service in ["relance.service", "relance-tick.service"] {
                #expect(text.contains("/etc/systemd/system/\(service).d/"), "where to install it for \(service)")
                for credential in credentials {
                    let name = credential.dropFirst("LoadCredential=".count).prefix { $0 != ":" }
                    #expect(text.contains("/run/credentials/\(service)/\(name)"), "\(service): \(name)")
                }
            }
        }

        @Test("relance-alert mails the failed unit's status with sendmail")
        func alertMails() throws {
            let run = try AlertRun(withSendmail: true)
            #expect(run.status == 0, "\(run.output)")
            #expect(run.sendmail.contains("To: ops@example.fr\n"), "\(run.sendmail)")
            #expect(run.sendmail.contains("Subject: [relance] relance-tick.service failed on "), "\(run.sendmail)")
            #expect(run.sendmail.contains("status=69/UNAVAILABLE"), "\(run.sendmail)")
            #expect(run.sendmailArguments == "-i -- ops@example.fr\n", "\(run.sendmailArguments)")
            #expect(run.journal.isEmpty)
        }

        @Test("without sendmail, relance-alert writes the status to the journal")
        func alertLogs() throws {
            let run = try AlertRun(withSendmail: false)
            #expect(run.status == 0, "\(run.output)")
            #expect(run.journalArguments == "-t relance-alert -p err\n", "\(run.journalArguments)")
            #expect(run.journal.contains("relance-tick.service failed on "), "\(run.journal)")
            #expect(run.journal.contains("status=69/UNAVAILABLE"), "\(run.journal)")
        }

        @Test("relance-backup writes a dated 0600 copy and keeps the newest RELANCE_BACKUP_KEEP")
        func backupRotation() throws {
            let sandbox = try Sandbox()
            let imported = try sandbox.run(
                ["import", "agencies", Sandbox.sample("agencies.csv")], now: "2026-10-20T09:00:00+02:00")
            #expect(imported.status == 0, "\(imported.stderr)")
            let folder = sandbox.root + "/backups"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let old = (1...8).map { String(format: "relance-202601%02dT033000Z.sqlite", $0) }
            for name in old + ["notes.txt"] { try sandbox.write("backups/" + name, "old") }
            let bin = try ToolFolder(in: sandbox.root, links: [:])
            var environment = sandbox.environment
            environment["PATH"] = bin.path + ":/usr/bin:/bin"
            environment["RELANCE_CONFIG"] = sandbox.configPath
            environment["RELANCE_BACKUP_DIR"] = folder
            environment["RELANCE_BACKUP_KEEP"] = "3"
            let result = try Tool.run(Sandbox.repository + "/cron/relance-backup", [], environment: environment)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            let left = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            let new = try #require(left.first { !old.contains($0) && $0 != "notes.txt" }, "\(left)")
            #expect(left == [old[6], old[7], new, "notes.txt"].sorted(), "\(left)")
            let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/" + new)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let header = try #require(FileManager.default.contents(atPath: folder + "/" + new)).prefix(15)
            #expect(String(decoding: header, as: UTF8.self) == "SQLite format 3")

            environment["RELANCE_BACKUP_KEEP"] = "0"
            let refused = try Tool.run(Sandbox.repository + "/cron/relance-backup", [], environment: environment)
            #expect(refused.status == 64, "\(refused.stderr)")
        }
    }
}

// MARK: - Support

extension UnitFileTests.InstallTests {
    /// `cron/install` run with `DESTDIR` and the relance built in this checkout.
    final class InstalledTree {
        let root: String

        init() throws {
            let built = Sandbox.repository + "/.build/debug/relance"
            try #require(FileManager.default.isExecutableFile(atPath: built), "build relance first")
            _ = try UnitFileTests.Tool.find("systemd-sysusers", package: "systemd")
            root = NSTemporaryDirectory() + "relance-install-\(UUID().uuidString)"
            let result = try UnitFileTests.Tool.run(
                Sandbox.repository + "/cron/install", [], environment: ["DESTDIR": root, "RELANCE_BINARY": built])
            try #require(result.status == 0, "cron/install failed: \(result.stdout)\(result.stderr)")
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        /// The uid of a user of the tree's `/etc/passwd`.
        func user(_ name: String) -> Int? { id(of: name, in: "/etc/passwd") }
        /// The gid of a group of the tree's `/etc/group`.
        func group(_ name: String) -> Int? { id(of: name, in: "/etc/group") }

        private func id(of name: String, in file: String) -> Int? {
            let text = (try? String(contentsOfFile: root + file, encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                if fields.count > 2, fields[0] == name { return Int(fields[2]) }
            }
            return nil
        }
    }

    /// A folder of stand-in tools first in PATH: `relance` (the built one) and the given scripts.
    struct ToolFolder {
        let path: String

        init(in folder: String, links: [String: String], scripts: [String: String] = [:]) throws {
            path = folder + "/tools"
            let manager = FileManager.default
            try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
            let links = links.merging(["relance": Sandbox.repository + "/.build/debug/relance"]) { $1 }
            for (name, target) in links {
                try manager.createSymbolicLink(atPath: path + "/" + name, withDestinationPath: target)
            }
            for (name, text) in scripts {
                try ("#!/bin/sh\n" + text).write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
                try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path + "/" + name)
            }
        }
    }

    /// `cron/relance-alert relance-tick.service` with stand-ins for `systemctl` (a failed unit's
    /// status), `sendmail` (when `withSendmail`) and `systemd-cat`, which record what they receive.
    /// PATH holds only the stand-ins and `uname`, so the machine's own sendmail is not found.
    struct AlertRun {
        let status: Int32
        let output: String
        let sendmail: String
        let sendmailArguments: String
        let journal: String
        let journalArguments: String

        init(withSendmail: Bool) throws {
            let folder = NSTemporaryDirectory() + "relance-alert-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let record = { (name: String) in
                "printf '%s\\n' \"$*\" > '\(folder)/\(name).args'\ncat > '\(folder)/\(name)'\n"
            }
            var scripts = [
                "systemctl":
                    "echo '× relance-tick.service - relance: one tick'\n"
                    + "echo '    Process: 42 ExecStart=/usr/local/bin/relance tick (code=exited, status=69/UNAVAILABLE)'\n",
                "systemd-cat": record("journal"),
            ]
            if withSendmail { scripts["sendmail"] = record("sendmail") }
            let tools = try ToolFolder(in: folder, links: ["uname": "/bin/uname", "cat": "/bin/cat"], scripts: scripts)
            let result = try UnitFileTests.Tool.run(
                Sandbox.repository + "/cron/relance-alert", ["relance-tick.service"],
                environment: ["PATH": tools.path, "RELANCE_ALERT_TO": "ops@example.fr"], replacingEnvironment: true,
                mergeOutput: true)
            let read = { (name: String) in (try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)) ?? "" }
            status = result.status
            output = result.stdout
            sendmail = read("sendmail")
            sendmailArguments = read("sendmail.args")
            journal = read("journal")
            journalArguments = read("journal.args")
        }
    }
}
