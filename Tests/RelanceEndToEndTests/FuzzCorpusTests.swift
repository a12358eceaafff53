import Foundation
import RelanceTestSupport
import Testing

/// The fuzz targets' seed corpus and every crash ever found (Fuzz/corpus), replayed through the
/// same entry points as libFuzzer: each input must go through without a crash, and the oracles of
/// the differential targets must hold (a failed oracle aborts the replay).
@Suite("fuzz corpus replay")
struct FuzzCorpusTests {
    static let targets = [
        ("FuzzCSV", "csv"), ("FuzzConfig", "config"), ("FuzzJobseekerRow", "jobseeker-row"),
        ("FuzzSMTPReply", "smtp-reply"), ("FuzzRetryAfter", "retry-after"), ("FuzzAcceptedLog", "accepted-log"),
    ]

    @Test("every folder of Fuzz/corpus has its target")
    func everyCorpusReplayed() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Sandbox.repository + "/Fuzz/corpus")
        #expect(Set(folders) == Set(Self.targets.map(\.1)))
    }

    @Test("every input of the corpus goes through its target, its oracles holding", arguments: targets)
    func replay(target: String, corpus: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Sandbox.repository + "/.build/debug/" + target)
        process.arguments = [Sandbox.repository + "/Fuzz/corpus/" + corpus]
        let result = try process.runCollectingOutput()
        #expect(result.status == 0, "\(result.stderr)")
        let count = try FileManager.default.contentsOfDirectory(atPath: Sandbox.repository + "/Fuzz/corpus/" + corpus)
            .count
        #expect(count > 0 && result.stdout == "replayed \(count) input(s)\n")
    }
}
