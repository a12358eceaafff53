import Foundation
import RelanceStore
import RelanceTestSupport
import Testing

/// The tick through the executable, with the injected clock (never sleeps).
@Suite("tick, end to end")
struct TickTests {
    @Test("a second tick at the same instant does nothing")
    func secondTickDoesNothing() throws {
        let sandbox = try Sandbox()
        try sandbox.importSampleDirectory(at: "2026-10-20T09:00:00+02:00")
        let first = try sandbox.tick(at: "2026-10-28T10:30:00+01:00")
        #expect(first["opened"] == 1)
        #expect((first["sent"] ?? 0) > 40)
        let second = try sandbox.tick(at: "2026-10-28T10:30:00+01:00")
        #expect(second.keys.sorted() == first.keys.sorted(), "second tick: \(second)")
        #expect(second.values.allSatisfy { $0 == 0 }, "second tick: \(second)")
    }

    @Test("a tick while another holds the lock exits 75 at once")
    func concurrentTickIsRefused() throws {
        let sandbox = try Sandbox()
        try sandbox.importSampleDirectory(at: "2026-10-20T09:00:00+02:00")
        try {
            let lock = try TickLock(database: sandbox.databasePath)
            let result = try sandbox.run(["tick"], now: "2026-10-28T10:30:00+01:00")
            #expect(result.status == 75)
            #expect(result.stderr.contains("another tick"))
            withExtendedLifetime(lock) {}
        }()
        #expect(try sandbox.run(["tick"], now: "2026-10-28T10:30:00+01:00").status == 0)
    }

    @Test("a reminder leaves at its local time in each territory, not before")
    func reminderAtLocalTime() throws {
        let sandbox = try Sandbox()
        try sandbox.importSampleDirectory(at: "2026-10-20T09:00:00+02:00")
        // Réunion (UTC+4): the opening reminder is due at 10:00+04:00, i.e. 07:00 in Paris.
        let before = try sandbox.tick(at: "2026-10-28T06:59:00+01:00")
        #expect(before["sent"] == 0)
        let reunion = try sandbox.tick(at: "2026-10-28T07:00:00+01:00")
        #expect((reunion["sent"] ?? 0) > 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: sandbox.spoolPath + "/email/2026-10")
        let departments = try departmentsByJobseeker()
        for file in files {
            let id = String(file.prefix(8))
            #expect(departments[id] == "974", "\(file) left before its local 10:00")
        }
    }

    @Test("after a three-day outage only the latest relevant reminder is sent")
    func outageSendsOnlyTheLatest() throws {
        let sandbox = try Sandbox()
        try sandbox.importSampleDirectory(at: "2026-11-20T09:00:00+01:00")
        _ = try sandbox.tick(at: "2026-11-28T00:30:00+01:00")
        // Down from the 28th until the evening of 14 December: opening, d-5 and d-1 all fell due.
        let summary = try sandbox.tick(at: "2026-12-14T19:00:00+01:00")
        #expect((summary["expired"] ?? 0) > 0)
        let listing = try sandbox.run(["reminders", "list", "--format", "json"], now: "2026-12-14T19:00:00+01:00")
        // Overseas America is still before 18:00 local: there d-5 is rightly the latest step due.
        let departments = try departmentsByJobseeker()
        let reminders = try #require(
            try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [[String: Any]]
        ).filter { !(departments[$0["jobseeker_id"] as? String ?? ""] ?? "").hasPrefix("97") }
        #expect(!reminders.isEmpty)
        let sentSteps = Set(reminders.filter { $0["state"] as? String == "sent" }.compactMap { $0["step"] as? String })
        #expect(sentSteps == ["d-1"], "sent steps: \(sentSteps)")
        for reminder in reminders where ["opening", "d-5"].contains(reminder["step"] as? String) {
            #expect(reminder["state"] as? String == "expired")
        }
        let spooled = (FileManager.default.enumerator(atPath: sandbox.spoolPath)?.allObjects as? [String] ?? [])
            .filter { path in
                !(departments[String((path as NSString).lastPathComponent.prefix(8))] ?? "").hasPrefix("97")
            }
        #expect(!spooled.contains { $0.contains("-d-5.") || $0.contains("-opening.") })
        #expect(spooled.contains { $0.contains("-d-1.") })
    }

    private func departmentsByJobseeker() throws -> [String: String] {
        let text = try String(contentsOfFile: Sandbox.sample("jobseekers.csv"), encoding: .utf8)
        return Dictionary(
            text.split(separator: "\n").dropFirst().map { line in
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                return (String(fields[0]), String(fields[1]))
            }, uniquingKeysWith: { first, _ in first })
    }
}
