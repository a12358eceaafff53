import Foundation
import RelanceTestSupport
import Testing

/// A case that reaches no advisor and no agency (issue 11, point 1): accepted at import with a
/// warning naming the row, then visible in every place operations look, and sent to `alerts.email`.
@Suite("unrouted cases, end to end")
struct UnroutedCaseTests {
    /// `1000001A` names an agency that is not imported, `1000003C` no agency and no advisor:
    /// their cases reach no one. `1000002B` is routed to its advisor, `1000004D` (unknown
    /// advisor, known agency) to its agency's queue.
    static let rows = [
        "1000001A,75,Léa,Moreau,lea@example.fr,0612345678,NOPE1,",
        "1000002B,75,Anne,Martin,anne@example.fr,0690123456,PAR11,ADV001",
        "1000003C,75,Marc,Petit,marc@example.fr,,,",
        "1000004D,75,Paul,Durand,paul@example.fr,,PAR11,GHOST",
    ]

    @Test("a jobseeker whose cases would reach no one is imported with a warning naming the row")
    func importWarns() throws {
        let scene = try AdvisorScene(Self.rows)
        #expect(scene.imported.status == 0, "\(scene.imported.stderr)")
        let lines = scene.imported.stderr.split(separator: "\n").map(String.init)
        let file = scene.sandbox.root + "/jobseekers.csv"
        #expect(lines.contains { $0.contains("\(file):2: agency: unknown agency 'NOPE1'") }, "\(lines)")
        #expect(lines.contains { $0.contains("\(file):5: advisor: unknown advisor 'GHOST'") }, "\(lines)")
        #expect(!lines.contains { $0.contains("\(file):3:") || $0.contains("\(file):4:") }, "\(lines)")
    }

    @Test("the unrouted queue shows in the tick log, doctor, status, the report and cases list")
    func queueIsVisible() throws {
        let scene = try AdvisorScene(Self.rows)
        let sandbox = scene.sandbox
        #expect(scene.closed.status == 0)
        #expect(
            scene.closed.stderr.contains("cases reach no advisor and no agency")
                && scene.closed.stderr.contains("cases=2"),
            "\(scene.closed.stderr)")

        let unrouted = try scene.cases(["--unrouted"])
        #expect(Set(unrouted.compactMap { $0["jobseeker_id"] as? String }) == ["1000001A", "1000003C"])
        #expect(unrouted.allSatisfy { $0["unrouted"] as? Bool == true })
        let routed = try scene.cases().filter { $0["unrouted"] as? Bool == false }
        #expect(Set(routed.compactMap { $0["jobseeker_id"] as? String }) == ["1000002B", "1000004D"])

        let doctor = try sandbox.run(["doctor"], now: AdvisorScene.closing)
        #expect(doctor.status == 0, "\(doctor.stdout)\(doctor.stderr)")
        #expect(
            doctor.stdout.split(separator: "\n").contains {
                $0.hasPrefix("warning") && $0.contains("case routing") && $0.contains("2 active case(s)")
            }, "\(doctor.stdout)")

        let status = try sandbox.run(["status", "--format", "json"], now: AdvisorScene.closing)
        let object = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        #expect(object?["cases_unrouted"] as? Int == 2, "\(status.stdout)")
        let table = try sandbox.run(["status"], now: AdvisorScene.closing)
        #expect(table.stdout.contains("cases_unrouted") && table.stdout.contains("2 active case(s)"), "\(table.stdout)")

        let metrics = sandbox.root + "/metrics.prom"
        #expect(try sandbox.run(["tick", "--metrics-file", metrics], now: AdvisorScene.closing).status == 0)
        let exposition = String(decoding: sandbox.contents(metrics) ?? Data(), as: UTF8.self)
        #expect(exposition.contains("\nrelance_cases_unrouted 2\n"), "\(exposition)")

        let json = try sandbox.run(["report", "--period", "2026-10", "--format", "json"], now: AdvisorScene.closing)
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(report?["cases_unrouted"] as? Int == 2, "\(json.stdout)")
        let text = try sandbox.run(["report", "--period", "2026-10"], now: AdvisorScene.closing)
        #expect(text.stdout.contains("sans destinataire (ni conseiller ni agence connue) : 2"), "\(text.stdout)")
        let html = try sandbox.run(["report", "--period", "2026-10", "--format", "html"], now: AdvisorScene.closing)
        #expect(html.stdout.contains("<b>2</b><span>suivis sans destinataire</span>"))
    }

    @Test("operations receive the unrouted cases' digest; an agency imported later gets its cases")
    func digestToOperations() throws {
        let scene = try AdvisorScene(Self.rows)
        let day = "2026-11-16"
        let alerts = try #require(try scene.digest("alerts.unrouted", on: day))
        #expect(alerts.to == ["exploitation@example.fr"])
        #expect(alerts.relanceKey == "digest/\(day)/alerts.unrouted")
        let text = try #require(alerts.text)
        #expect(text.contains("1000001A") && text.contains("1000003C"), "\(text)")
        #expect(!text.contains("1000002B") && !text.contains("1000004D"))
        #expect(text.contains("ne parviennent à aucun conseiller ni à aucune agence"))
        #expect(text.contains("Agence indiquée\u{00A0}: NOPE1 (agence non importée)"))
        #expect(try scene.digest("agency-PAR11", on: day)?.text?.contains("1000004D") == true)

        let agency = try scene.sandbox.write(
            "late-agency.csv", "code;name;email;department\nNOPE1;Nouvelle;nouvelle@example.fr;75\n")
        #expect(try scene.sandbox.run(["import", "agencies", agency], now: "2026-11-16T18:00:00+01:00").status == 0)
        let next = try scene.sandbox.run(["tick"], now: "2026-11-17T09:00:00+01:00")
        #expect(next.stderr.contains("cases=1"), "\(next.stderr)")
        let nextDay = "2026-11-17"
        let queue = try #require(try scene.digest("agency-NOPE1", on: nextDay)?.text)
        #expect(queue.contains("1000001A"))
        let remaining = try #require(try scene.digest("alerts.unrouted", on: nextDay)?.text)
        #expect(remaining.contains("1000003C") && !remaining.contains("1000001A"))
    }

    @Test("without alerts.email, config check, doctor and the tick say unrouted cases reach nobody")
    func withoutAlertsEmail() throws {
        let scene = try AdvisorScene(Self.rows) { config in
            config.replacingOccurrences(of: "alerts:\n", with: "").split(separator: "\n")
                .filter { !$0.contains("exploitation@example.fr") }.joined(separator: "\n") + "\n"
        }
        let check = try scene.sandbox.run(["config", "check"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("alerts.email: not set") && check.stdout.contains("would reach nobody"))
        let doctor = try scene.sandbox.run(["doctor"], now: AdvisorScene.closing)
        #expect(doctor.stdout.contains("alerts.email: not set"), "\(doctor.stdout)")
        #expect(doctor.stdout.contains("nobody receives them"))
        #expect(scene.closed.stderr.contains("nobody receives them"), "\(scene.closed.stderr)")
        #expect(try scene.digest("alerts.unrouted", on: "2026-11-16") == nil)
    }

    @Test("alerts.email must be one address")
    func invalidAlertsEmail() throws {
        let sandbox = try Sandbox { $0.replacingOccurrences(of: "exploitation@example.fr", with: "exploitation") }
        let check = try sandbox.run(["config", "check"])
        #expect(check.status == 78)
        #expect(check.stderr.contains("alerts.email"), "\(check.stderr)")
    }
}
