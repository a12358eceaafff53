import Foundation
import RelanceTestSupport
import Testing

/// A closing is recorded in short transactions of members in key order (so that the HTTP
/// interface never waits long for the database): `kill -9` between or inside them, and the next
/// tick goes on where the last committed one stopped, with every outcome, streak and case equal
/// to those of a closing in one transaction.
extension CrashRecoveryTests {
    /// Two periods, so that streaks carry over and cases opened in October are extended in November.
    static let beforeOctober = "2026-10-20T09:00:00+01:00"
    static let octoberOpening = "2026-10-28T12:00:00+01:00"
    static let octoberClosing = "2026-11-17T12:00:00+01:00"
    static let novemberOpening = "2026-11-28T12:00:00+01:00"
    /// After the closing of 2026-11 in every territory (Saint-Pierre-et-Miquelon closes at 04:00 in Paris).
    static let novemberClosing = "2026-12-16T12:00:00+01:00"
    /// Members per closing transaction in the chunked runs: 240 members make 15 chunks.
    static let smallChunk = "16"

    /// 240 jobseekers in metropolitan France (Paris, and Cher where the journal is required) and
    /// overseas (closing at other instants), some declaring in time, some without acts, some
    /// missing one month or both.
    static let closingCohort = (1...240).map { index in
        JobseekerFixture(
            id: String(format: "5%06dA", index), department: ["75", "18", "971", "974", "975", "976"][index % 6],
            email: "c\(index)@example.fr")
    }

    /// The declarations of a period: jobseeker `i` declares unless `missing(i)`, without acts when `noActs(i)`.
    static func declarations(
        _ period: String, at declaredAt: String, missing: (Int) -> Bool, noActs: (Int) -> Bool
    ) -> [String] {
        closingCohort.enumerated().compactMap { offset, jobseeker in
            let index = offset + 1
            guard !missing(index) else { return nil }
            let act = noActs(index) ? ",," : "\(declaredAt.prefix(10)),candidature,Envoi de CV"
            return "\(jobseeker.id),\(period),\(declaredAt),\(act)"
        }
    }

    /// A sandbox where 2026-10 is closed and 2026-11 open with its declarations, just before the
    /// tick that closes it; closings record `chunk` members per transaction (default: all at once).
    static func beforeNovemberClosing(chunk: String?) throws -> Sandbox {
        let sandbox = try Sandbox()
        if let chunk { sandbox.environment["RELANCE_CHUNK_SIZE"] = chunk }
        try sandbox.importSampleAdvisors(at: beforeOctober)
        try sandbox.importJobseekers(closingCohort, at: beforeOctober)
        _ = try sandbox.tick(at: octoberOpening)
        try sandbox.importDeclarations(
            declarations(
                "2026-10", at: "2026-11-02T10:00:00+01:00", missing: { $0 % 5 == 0 }, noActs: { $0 % 4 == 1 }),
            at: "2026-11-02T10:00:00+01:00")
        _ = try sandbox.tick(at: octoberClosing)
        _ = try sandbox.tick(at: novemberOpening)
        try sandbox.importDeclarations(
            declarations(
                "2026-11", at: "2026-12-01T10:00:00+01:00", missing: { $0 % 3 == 0 }, noActs: { $0 % 8 == 1 }),
            at: "2026-12-01T10:00:00+01:00")
        return sandbox
    }

    /// Every member's outcome and streaks, every case with its reasons, and the periods' states.
    static func closingResults(_ sandbox: Sandbox) throws -> [String] {
        try [
            """
            SELECT period, jobseeker_id, territory, outcome, journal, missed_streak, journal_streak,
                unreachable_streak FROM members ORDER BY period, jobseeker_id
            """,
            "SELECT id, jobseeker_id, route, state, advisor, agency, opened_on, due_on, opened_at FROM cases ORDER BY id",
            "SELECT case_id, period, reason, rule_id FROM case_reasons ORDER BY case_id, period, reason",
            "SELECT period, territory, closed_at, closed_through FROM period_territories ORDER BY period, territory",
            "SELECT period, state, closed_at FROM periods ORDER BY period",
        ].map { try sandbox.sql($0) }
    }

    @Test("a closing killed mid-chunk resumes after the last committed chunk: outcomes and cases as in one transaction")
    func chunkedClosingSurvivesKillNine() throws {
        let reference = try Self.beforeNovemberClosing(chunk: nil)
        let counts = try reference.tick(at: Self.novemberClosing)
        let expected = try Self.closingResults(reference)
        try #require((counts["missed"] ?? 0) > 0 && (counts["cases_opened"] ?? 0) > 0, "\(counts)")
        #expect(try reference.sql("SELECT COUNT(*) FROM case_reasons WHERE period = '2026-11'") != "0")

        // The same closing in chunks of 16 members, counting its writes to the WAL.
        let chunked = try Self.beforeNovemberClosing(chunk: Self.smallChunk)
        let wal = chunked.databasePath + "-wal"
        let (writes, status) = try chunked.countCalls(
            "pwrite64", on: wal, running: ["tick"], now: Self.novemberClosing)
        try #require(status == 0 && writes > 30, "\(writes) writes to the WAL, exit \(status)")
        #expect(try Self.closingResults(chunked) == expected, "chunked closing differs from one transaction")

        // Killed at writes spread over the tick: the kills that land while the closing is under way
        // (some territory has recorded part of its members) must change nothing in the end.
        var midClosingKills = 0
        for tenth in 1...9 {
            let killed = try Self.beforeNovemberClosing(chunk: Self.smallChunk)
            let process = try killed.launch(
                ["tick"], now: Self.novemberClosing, killedAtCall: writes * tenth / 10, of: "pwrite64",
                on: killed.databasePath + "-wal")
            process.waitUntilExit()
            try #require(
                process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL,
                "tick ended (\(process.terminationStatus)) before write \(writes * tenth / 10) of \(writes)")
            #expect(try killed.sql("PRAGMA integrity_check") == "ok")
            let underWay = try killed.sql("SELECT COUNT(*) FROM period_territories WHERE closed_through IS NOT NULL")
            if underWay != "0" { midClosingKills += 1 }
            _ = try killed.tick(at: Self.novemberClosing)
            #expect(try Self.closingResults(killed) == expected, "killed at write \(writes * tenth / 10) of \(writes)")
        }
        #expect(midClosingKills >= 2, "only \(midClosingKills) kills landed while the closing was under way")
    }
}
