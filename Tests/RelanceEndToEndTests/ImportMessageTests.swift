import Foundation
import RelanceTestSupport
import Testing

/// Import messages a person can act on: what is wrong with a row or a file, and what to do.
@Suite("import messages")
struct ImportMessageTests {
    static let header = ImportTests.header
    static let now = "2026-10-21T09:00:00+02:00"

    /// stderr without relance's prefix, one entry a line.
    static func lines(_ stderr: String) -> [String] { ConfigCheckTests.lines(stderr) }

    @Test("a row with the other separator names the one detected from the header")
    func mixedSeparators() throws {
        let sandbox = try Sandbox()
        let file = try sandbox.write(
            "mixed.csv", Self.header + "2000001A,75,Ana,B,,,,,,,,\n2000002B;75;Bob;C;;;;;;;;\n")
        let result = try sandbox.run(["import", "jobseekers", file], now: Self.now)
        #expect(result.status == 65)
        #expect(
            Self.lines(result.stderr).first
                == "\(file):3: row has 1 fields, the header has 12 (the separator detected from the header is ',', "
                + "this row uses ';')", "\(result.stderr)")

        let semicolons = try sandbox.write(
            "semicolons.csv",
            Self.header.replacingOccurrences(of: ",", with: ";")
                + "2000001A;75;Ana;B;;;;;;;;\n2000002B,75,Bob,C,,,,,,,,\n")
        let other = try sandbox.run(["import", "jobseekers", semicolons], now: Self.now)
        #expect(
            Self.lines(other.stderr).first
                == "\(semicolons):3: row has 1 fields, the header has 12 (the separator detected from the header is "
                + "';', this row uses ',')", "\(other.stderr)")
    }

    @Test("a row with too few fields and no other separator says only that")
    func shortRow() throws {
        let sandbox = try Sandbox()
        let file = try sandbox.write("short.csv", Self.header + "2000001A,75,Ana\n")
        let result = try sandbox.run(["import", "jobseekers", file], now: Self.now)
        #expect(Self.lines(result.stderr).first == "\(file):2: row has 3 fields, the header has 12")
    }

    @Test("a Windows-1252 file says so and how to convert it")
    func windows1252() throws {
        let sandbox = try Sandbox()
        let path = sandbox.root + "/excel.csv"
        var bytes = Array((Self.header + "2000001A,75,Zo").utf8)
        bytes += [0xE9] + Array(",Ducourt,,,,,,,,\n".utf8)  // "é" in Windows-1252
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let result = try sandbox.run(["import", "jobseekers", path], now: Self.now)
        #expect(result.status == 65)
        #expect(
            Self.lines(result.stderr).first
                == "\(path):2: is not valid UTF-8: it looks like Windows-1252 (Latin-1), as Excel saves CSV; convert "
                + "it with iconv -f WINDOWS-1252 -t UTF-8 '\(path)' > converted.csv", "\(result.stderr)")

        // 0x81 is no character of Windows-1252: then relance does not guess.
        bytes[bytes.firstIndex(of: 0xE9)!] = 0x81
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let other = try sandbox.run(["import", "jobseekers", path], now: Self.now)
        #expect(Self.lines(other.stderr).first == "\(path):2: is not valid UTF-8", "\(other.stderr)")
    }

    @Test("a failed import's summary says nothing was written, and counts nothing as new")
    func failedSummary() throws {
        let sandbox = try Sandbox()
        let file = try sandbox.write("bad.csv", Self.header + "2000001A,75,Ana,B,,,,,,,,\n2000002B,99,Bob,C,,,,,,,,\n")
        let result = try sandbox.run(["import", "jobseekers", file], now: Self.now)
        #expect(result.status == 65)
        #expect(
            result.stdout
                == "jobseekers: 2 rows, 1 invalid: nothing written (1 valid row left out: fix the errors, or "
                + "--skip-invalid)\n")
        let dryRun = try sandbox.run(["import", "jobseekers", file, "--dry-run"], now: Self.now)
        #expect(!dryRun.stdout.contains("new or changed"), "\(dryRun.stdout)")
    }

    @Test("an SMS-only jobseeker without a mobile is a warning; the row is imported")
    func smsOnlyLandline() throws {
        let sandbox = try Sandbox()
        let file = try sandbox.write(
            "sms.csv",
            Self.header + "2000001A,75,Ana,B,,01 45 45 45 45,,,,sms,,\n"
                + "2000002B,75,Bob,C,,06 12 34 56 78,,,,sms,,\n"
                + "2000003C,75,Eve,D,eve@example.fr,01 45 45 45 45,,,,sms|email,,\n" + "2000004D,75,Ali,E,,,,,,sms,,\n")
        let result = try sandbox.run(["import", "jobseekers", file], now: Self.now)
        #expect(result.status == 0, "\(result.stderr)")
        let advice =
            "no reminder can reach this jobseeker (SMS go to mobiles only; give a mobile, or add email to channels)"
        #expect(
            Self.lines(result.stderr) == [
                "\(file):2: phone: channels is 'sms' only and the row has a landline phone: \(advice)",
                "\(file):5: phone: channels is 'sms' only and the row has no phone: \(advice)",
            ], "\(result.stderr)")
        #expect(!result.stderr.contains("45 45"), "a phone number in the output")
        #expect(result.stdout.contains("4 new or changed"), "\(result.stdout)")
    }
}
