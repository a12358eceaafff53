import Foundation
import RelanceTestSupport
import Testing

/// The fuzz targets' seed corpus and every crash ever found (Fuzz/corpus), replayed through the
/// same entry points as libFuzzer: each input must go through without a crash.
@Suite("fuzz corpus replay")
struct FuzzCorpusTests {
    @Test(
        "every input of the corpus goes through its target", arguments: [("FuzzCSV", "csv"), ("FuzzConfig", "config")])
    func replay(target: String, corpus: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Sandbox.repository + "/.build/debug/" + target)
        process.arguments = [Sandbox.repository + "/Fuzz/corpus/" + corpus]
        let result = try process.runCollectingOutput()
        #expect(result.status == 0, "\(result.stderr)")
        let count = try FileManager.default.contentsOfDirectory(atPath: Sandbox.repository + "/Fuzz/corpus/" + corpus)
            .count
        #expect(result.stdout == "replayed \(count) input(s)\n")
    }
}
