import Foundation
import RelanceTestSupport

/// A row of `config/sample/jobseekers.csv` (no field of that file is quoted).
struct SampleJobseeker {
    var id: String
    var department: String
    var firstName: String
    var email: String

    /// Every sample jobseeker by id.
    static let all: [String: SampleJobseeker] = {
        let text = (try? String(contentsOfFile: Sandbox.sample("jobseekers.csv"), encoding: .utf8)) ?? ""
        let rows = text.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        return Dictionary(
            rows.map {
                (
                    $0[0].description,
                    SampleJobseeker(id: "\($0[0])", department: "\($0[1])", firstName: "\($0[2])", email: "\($0[4])")
                )
            },
            uniquingKeysWith: { first, _ in first })
    }()
}

/// Seconds since 1970 of an ISO 8601 instant with offset.
func unixTime(_ iso: String) -> Int64 {
    Int64(ISO8601DateFormatter().date(from: iso)!.timeIntervalSince1970)
}
