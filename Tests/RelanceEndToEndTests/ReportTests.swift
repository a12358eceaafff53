import Foundation
import RelanceTestSupport
import Testing

/// `relance report` over the sample month 2026-11, replayed once for every test of the suite.
@Suite("report, end to end")
struct ReportTests {
    /// The sample directory ticked through period 2026-11, the declarations imported as they
    /// happen, one declaration recorded late, and every output taken a week after the closing.
    struct Replay: Sendable {
        static let ticks = [
            "2026-11-28T10:30:00+01:00", "2026-12-10T10:30:00+01:00", "2026-12-14T18:30:00+01:00",
            "2026-12-16T12:00:00+01:00",
        ]
        static let late = "2026-12-18T09:00:00+01:00"
        /// After the cases' due date (five business days after the closing day).
        static let now = "2026-12-24T10:00:00+01:00"

        /// `status --period 2026-11 --format json`, and the report in each format.
        let statusOutput: String
        let jsonOutput: String
        let text: String
        let html: String

        static let shared = Result { try Replay() }

        init() throws {
            let sandbox = try Sandbox()
            try sandbox.importSampleDirectory(at: "2026-11-20T09:00:00+01:00")
            let declarations = try SampleData.declarations("declarations-2026-11.csv")
            var previous = Date.distantPast
            for tick in Self.ticks {
                let until = Date(iso: tick)!
                let lines = declarations.filter { $0.declaredAt > previous && $0.declaredAt <= until }.map(\.line)
                if !lines.isEmpty { try sandbox.importDeclarations(lines, at: tick) }
                previous = until
                _ = try sandbox.tick(at: tick)
            }
            try sandbox.importDeclarations(["1000003C,2026-11,\(Self.late),,,"], at: Self.late)
            _ = try sandbox.tick(at: Self.late)
            func output(_ arguments: [String]) throws -> String { try sandbox.succeed(arguments, now: Self.now).stdout }
            statusOutput = try output(["status", "--period", "2026-11", "--format", "json"])
            jsonOutput = try output(["report", "--period", "2026-11", "--format", "json"])
            text = try output(["report", "--period", "2026-11"])
            html = try output(["report", "--period", "2026-11", "--format", "html"])
        }

        /// The report's JSON object.
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(jsonOutput.utf8))) as? [String: Any] ?? [:]
        }

        /// The one period of the status.
        var status: [String: Any] {
            let object = (try? JSONSerialization.jsonObject(with: Data(statusOutput.utf8))) as? [String: Any]
            return (object?["periods"] as? [[String: Any]])?.first ?? [:]
        }
    }

    @Test("report --format json agrees with status --format json, field by field")
    func jsonAgreesWithStatus() throws {
        let replay = try Replay.shared.get()
        let (report, status) = (replay.json, replay.status)
        #expect(
            Set(status.keys) == [
                "period", "state", "jobseekers", "declared", "late", "missed", "journal_missing", "reminders",
                "cases_open",
            ])
        for (field, value) in status {
            #expect(
                report[field] as? NSObject == value as? NSObject, "\(field): \(report[field] ?? "none") vs \(value)")
        }
        #expect(report["state"] as? String == "closed" && report["late"] as? Int == 1)
        #expect((report["missed"] as? Int ?? 0) > 0 && (report["journal_missing"] as? Int ?? 0) > 0)
        #expect((report["cases_overdue"] as? Int ?? 0) > 0, "the cases were due on 2026-12-23")
        let journal = try #require(report["journal"] as? [String: Int])
        #expect(journal["missing"] == report["journal_missing"] as? Int && journal["pending"] == 0)
    }

    @Test("the cumulative curve starts at the opening, never decreases and ends at declared + late")
    func cumulativeCurve() throws {
        let replay = try Replay.shared.get()
        let days = try #require(replay.json["declarations_by_day"] as? [[String: Any]])
        #expect(days.first?["day"] as? String == "2026-11-28")
        var total = 0
        var previous = 0
        for day in days {
            total += (day["on_time"] as? Int ?? 0) + (day["late"] as? Int ?? 0)
            let cumulative = day["cumulative"] as? Int ?? -1
            #expect(cumulative == total && cumulative >= previous, "\(day)")
            previous = cumulative
        }
        let labels = days.compactMap { $0["day"] as? String }
        #expect(labels == labels.sorted() && Set(labels).count == days.count)
        let declared = (replay.json["declared"] as? Int ?? 0) + (replay.json["late"] as? Int ?? 0)
        #expect(total == declared && declared > 40)
        #expect(days.first { $0["day"] as? String == "2026-12-18" }?["late"] as? Int == 1)
        let sends = try #require(replay.json["reminder_sends"] as? [[String: Any]])
        #expect(Set(sends.compactMap { $0["step"] as? String }).isSuperset(of: ["opening", "d-5", "d-1", "missed"]))
    }

    @Test("the text report names every section")
    func textSections() throws {
        let replay = try Replay.shared.get()
        for title in [
            "DEMANDEURS D'EMPLOI", "ACTUALISATIONS PAR JOUR", "JOURNAL DE LA RECHERCHE D'EMPLOI",
            "RELANCES PAR ÉTAPE, CANAL ET ÉTAT", "ÉCHECS D'ENVOI PAR CAUSE", "SUIVIS PAR ORIENTATION ET AGENCE",
            "SUIVIS EN RETARD",
        ] {
            #expect(replay.text.contains(title + "\n"), "no section \(title)")
        }
        #expect(replay.text.hasPrefix("Rapport relance : novembre 2026 (2026-11), close\n"))
        #expect(replay.text.contains("fenêtre du 28 novembre 2026 au 15 décembre 2026 (date limite)"))
        // French numbers: a share with a decimal comma and a narrow no-break space before %.
        #expect(replay.text.range(of: "[0-9],[0-9]\u{202F}%", options: .regularExpression) != nil)
    }

    @Test("the html report is one self-contained page with inline SVG charts, printable on A4")
    func htmlPage() throws {
        let html = try Replay.shared.get().html
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for tag in ["<html", "</html>", "<body", "<style>"] {
            #expect(html.components(separatedBy: tag).count == 2, "\(tag) not exactly once")
        }
        #expect(html.components(separatedBy: "<svg").count - 1 >= 5)
        #expect(html.components(separatedBy: "<svg").count == html.components(separatedBy: "</svg>").count)
        for external in ["http://", "https://", "<script", "<link", "src=", "url(", "@import"] {
            #expect(!html.contains(external), "\(external) in the page")
        }
        #expect(html.contains("@page") && html.contains("size: A4") && html.contains("@media print"))
        #expect(html.contains("<polyline") && html.contains(">clôture</text>") && html.contains("<html lang=\"fr\">"))
    }

    /// A headless Chromium (Debian's `chromium`, installed by scripts/install-deps).
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("a headless browser prints the html report on a few A4 pages")
    func printsOnA4() throws {
        let chromium = try #require(Self.chromium, "no headless browser: run scripts/install-deps (Debian's chromium)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "relance-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        let pdf = folder.appendingPathComponent("report.pdf")
        try Replay.shared.get().html.write(to: page, atomically: true, encoding: .utf8)
        let browser = Process()
        browser.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        browser.arguments = [
            "60", chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
            "--user-data-dir=\(folder.path)/profile", "--print-to-pdf=\(pdf.path)", page.absoluteString,
        ]
        browser.standardOutput = FileHandle.nullDevice
        browser.standardError = FileHandle.nullDevice
        try browser.run()
        browser.waitUntilExit()
        let bytes = String(decoding: try Data(contentsOf: pdf), as: UTF8.self)
        let pages =
            bytes.components(separatedBy: "/Type /Page").count - bytes.components(separatedBy: "/Type /Pages").count
        #expect(bytes.hasPrefix("%PDF"))
        #expect((2...4).contains(pages), "\(pages) pages")
        #expect(bytes.contains("/MediaBox [0 0 594.9"), "not A4")
    }

    @Test("no format carries a jobseeker's id, email or phone")
    func noPersonalData() throws {
        let replay = try Replay.shared.get()
        let outputs = [replay.text, replay.html, replay.jsonOutput]
        for jobseeker in try SampleData.jobseekers() {
            let phoneDigits = jobseeker.phone.map { String($0.filter(\.isNumber).suffix(9)) }
            for needle in [jobseeker.id, jobseeker.email, phoneDigits].compactMap({ $0 }) where !needle.isEmpty {
                #expect(!outputs.contains { $0.contains(needle) }, "\(needle) is in the report")
            }
        }
    }

    @Test("failures are counted by normalised cause, never quoting the reply")
    func failuresByCause() throws {
        let sink = try SMTPSink(hardReject: [.rcpt])
        let server = try HTTPTestServer { request in
            request.path == "/sms" ? .status(400, body: "{\"error\": \"invalid recipient +33698765432\"}") : .ok()
        }
        let scene = try FaultScene(
            LiveDelivery(sink: sink, http: server).with(channels: ["email", "sms"], for: "opening"))
        #expect(try scene.sandbox.tick(at: FaultScene.opening)["failed"] == 1)
        func report(_ format: String) throws -> String {
            try scene.sandbox.succeed(["report", "--period", "2026-11", "--format", format], now: FaultScene.opening)
                .stdout
        }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report("json").utf8)) as? [String: Any])
        let failures = (object["failures"] as? [[String: Any]] ?? []).map { failure in
            ["channel", "outcome", "cause", "attempts"].map { "\(failure[$0] ?? "")" }.joined(separator: " ")
        }
        #expect(Set(failures) == ["email permanent SMTP 500 1", "sms permanent HTTP 400 1"], "\(failures)")
        #expect(object["unreachable"] as? Int == 1)
        for format in ["text", "json", "html"] {
            let output = try report(format)
            #expect(output.contains("HTTP 400") && output.contains("SMTP 500"), "\(format)")
            for needle in ["aicha", "698765432", "98 76 54 32", "invalid recipient"] {
                #expect(!output.contains(needle), "\(needle) in the \(format) report")
            }
        }
    }

    @Test("an unknown period exits 65 naming the known ones; a malformed one exits 64")
    func unknownPeriod() throws {
        let sandbox = try Sandbox()
        try sandbox.importSampleDirectory(at: "2026-11-20T09:00:00+01:00")
        _ = try sandbox.tick(at: Replay.ticks[0])
        let unknown = try sandbox.run(["report", "--period", "2031-01"], now: Replay.ticks[0])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("2031-01") && unknown.stderr.contains("2026-11"), "\(unknown.stderr)")
        #expect(unknown.stdout.isEmpty)
        #expect(try sandbox.run(["report", "--period", "2026-13"], now: Replay.ticks[0]).status == 64)
        #expect(
            try sandbox.run(["report", "--period", "2026-11", "--format", "pdf"], now: Replay.ticks[0]).status == 64)
    }
}
