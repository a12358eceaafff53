import Foundation
import RelanceTestSupport
import Testing

/// An id seen on an earlier line of a jobseekers file is an error on the later line, whether the
/// earlier row was new, changed, unchanged or invalid; errors come in line order.
@Suite("import jobseekers, duplicate ids")
struct ImportDuplicateTests {
    static let header = ImportTests.header

    /// What follows `file` on the error lines of stderr that name a line of it, in order.
    static func errors(_ stderr: String, in file: String) -> [String] {
        stderr.split(separator: "\n").compactMap { line in
            line.range(of: file + ":").map { String(line[line.index(before: $0.upperBound)...]) }
        }.filter { $0.dropFirst().first?.isNumber == true }
    }

    @Test("in a new file: after a written row and after an invalid one")
    func newFile() throws {
        let sandbox = try Sandbox()
        let file = try sandbox.write(
            "dup.csv",
            Self.header + "2000001A,75,Ana,B,,,,,,,,\n2000002B,75,Bob,C,,,,,,,,\n2000001A,75,Other,D,,,,,,,,\n"
                + "2000003C,99,Cy,E,,,,,,,,\n2000003C,75,Cy,E,,,,,,,,\n2000004D,75,Dan,F,,,,,,,,\n")
        let result = try sandbox.run(
            ["import", "jobseekers", file, "--skip-invalid"], now: "2026-10-21T09:00:00+02:00")
        #expect(result.status == 65)
        #expect(result.stdout.contains("3 new or changed"), "\(result.stdout)")
        #expect(
            Self.errors(result.stderr, in: file) == [
                ":4: id: '2000001A' appears twice in the file", ":5: department: '99' is not a department code",
                ":6: id: '2000003C' appears twice in the file",
            ], "stderr: \(result.stderr)")
    }

    @Test("on a re-import: after an unchanged row and after a changed one, nothing written")
    func reimport() throws {
        let sandbox = try Sandbox()
        let first = try sandbox.write(
            "first.csv", Self.header + "2000001A,75,Ana,B,,,,,,,,\n2000002B,75,Bob,C,,,,,,,,\n")
        #expect(try sandbox.run(["import", "jobseekers", first], now: "2026-10-21T09:00:00+02:00").status == 0)
        let second = try sandbox.write(
            "second.csv",
            Self.header + "2000001A,75,Ana,B,,,,,,,,\n2000002B,75,Bobby,C,,,,,,,,\n2000001A,75,Ana,B,,,,,,,,\n"
                + "2000002B,75,Bob,C,,,,,,,,\n2000005E,75,Eve,G,,,,,,,,\n")
        let result = try sandbox.run(["import", "jobseekers", second], now: "2026-10-22T09:00:00+02:00")
        #expect(result.status == 65)
        #expect(
            Self.errors(result.stderr, in: second) == [
                ":4: id: '2000001A' appears twice in the file", ":5: id: '2000002B' appears twice in the file",
            ], "stderr: \(result.stderr)")
        let again = try sandbox.run(["import", "jobseekers", first], now: "2026-10-23T09:00:00+02:00")
        #expect(again.stdout.contains("0 new or changed"), "nothing was written before: \(again.stdout)")
    }
}
