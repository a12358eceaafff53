import Foundation
import RelanceTestSupport
import Testing

/// Whole periods replayed tick by tick with the injected clock, then checked reminder by
/// reminder, message by message, outcome by outcome and case by case against an independent
/// model of SPEC sections 2–4 (see `Support/`).
@Suite("month replay, end to end")
struct MonthReplayTests {
    /// Period 2026-11 with the sample directory, a tick every hour from before its first opening
    /// (UTC+4) to four days after its last closing (UTC-4). Each sample declaration is imported at
    /// the first tick after it was made, as if it had just reached relance. Replayed once to the
    /// spool, and once live to an SMTP sink and an HTTP gateway on loopback, where every message
    /// must arrive exactly once.
    @Test(
        "2026-11 replayed hour by hour with the sample data: every reminder, message, outcome and case as predicted",
        arguments: [false, true])
    func sampleMonthHourByHour(live: Bool) throws {
        let jobseekers = try SampleData.jobseekers()
        let window = SpecWindow("2026-11")
        let territories = jobseekers.map { SpecTerritory(department: $0.department)! }
        let ticks = Scenario.hourly(
            from: Scenario.hour(territories.map(window.opening).min()!.addingTimeInterval(-4 * 3600)),
            through: territories.map(window.closing).max()!.addingTimeInterval(4 * 86_400))
        var records: [DeclarationRecord] = []
        var lines: [Date: [String]] = [:]
        for row in try SampleData.declarations("declarations-2026-11.csv") {
            let recorded = try #require(ticks.first { $0 >= row.declaredAt })
            lines[recorded, default: []].append(row.line)
            records.append(
                DeclarationRecord(
                    jobseekerID: row.jobseekerID, period: row.period, declaredAt: row.declaredAt, recordedAt: recorded,
                    acts: row.hasAct ? 1 : 0))
        }
        let sink = try SMTPSink()
        let gateway = try HTTPTestServer { _ in .ok() }
        let scenario = Scenario(
            policy: .sample, period: "2026-11", jobseekers: jobseekers, declarations: records,
            declarationLines: lines, ticks: ticks, setup: .sampleDirectory,
            delivery: live ? LiveDelivery(sink: sink, http: gateway) : nil)
        try requireVariety(scenario.model.expectations())

        let sandbox = try scenario.run()
        let delivered = live ? DeliveredMessages(sink: sink, http: gateway) : nil
        let expectations = try scenario.verifyReminders(in: sandbox, delivered: delivered)
        try scenario.verifyClosing(in: sandbox, expectations: expectations)
        try scenario.verifyFigures(in: sandbox, expectations: expectations)
        for row in try sandbox.reminders(at: scenario.end) where row.state == "sent" {
            let due = try #require(Date(iso: row.dueAt))
            let sent = try #require(row.sentAt.flatMap { Date(iso: $0) })
            #expect(
                due <= sent && sent < due.addingTimeInterval(3600), "\(row.key): due \(row.dueAt), sent \(row.sentAt!)")
        }
    }

    /// Period 2027-03 opens on 28 March 2027, the day Paris moves to summer time at 02:00: the
    /// window opens at 00:00+01:00 and the opening reminder leaves at 10:00+02:00. A step at 02:30
    /// falls in the gap: RFC 5545 makes it 03:30+02:00, and it waits for the send window.
    @Test("2027-03 crosses the change to summer time: reminders still leave at their local hour")
    func summerTimeChange() throws {
        let cohort = [
            JobseekerFixture(id: "4000001A", department: "75", email: "paris@example.fr"),
            JobseekerFixture(id: "4000002B", department: "57", phone: "06 12 34 00 02"),
            JobseekerFixture(id: "4000003C", department: "974", email: "reunion@example.fr"),
            JobseekerFixture(id: "4000004D", department: "971", phone: "0690 12 00 04"),
            JobseekerFixture(id: "4000005E", department: "18", email: "cher@example.fr"),
            JobseekerFixture(id: "4000006F", department: "75", email: "tardif@example.fr"),
        ]
        let window = SpecWindow("2027-03")
        let paris = SpecTerritory(department: "75")!
        let night = PolicyStep(
            id: "nuit", anchor: .opening, offsetDays: 0, at: LocalTime(2, 30), channels: ["email", "sms"])
        let policy = Policy(steps: Policy.sampleSteps + [night])
        // The scenario means something only if the opening day is the day of the change.
        try #require(paris.offsetText(at: window.opening(in: paris)) == "+01:00")
        try #require(paris.offsetText(at: policy.steps[0].due(in: window, paris)) == "+02:00")

        let territories = cohort.map { SpecTerritory(department: $0.department)! }
        let keyInstants = territories.flatMap { territory in
            policy.steps.map { $0.due(in: window, territory) } + [
                window.opening(in: territory), window.closing(in: territory),
            ]
        }
        let scenario = Scenario(
            policy: policy, period: "2027-03", jobseekers: cohort,
            declarations: [
                Scenario.declaration("4000005E", "2027-03", at: paris.instant(Day(2027, 3, 29), LocalTime(9))),
                Scenario.declaration("4000006F", "2027-03", at: paris.instant(Day(2027, 4, 11), LocalTime(12))),
            ],
            ticks: Scenario.ticks(
                from: Scenario.hour(keyInstants.min()!.addingTimeInterval(-6 * 3600)),
                through: keyInstants.max()!.addingTimeInterval(86_400), hourlyAround: keyInstants))
        let sandbox = try scenario.run()
        let expectations = try scenario.verifyReminders(in: sandbox)
        try scenario.verifyClosing(in: sandbox, expectations: expectations)
        try scenario.verifyFigures(in: sandbox, expectations: expectations)

        let rows = try sandbox.reminders(at: scenario.end)
        let nightInParis = try #require(rows.first { $0.key == "4000001A/2027-03/nuit" })
        #expect(nightInParis.dueAt == "2027-03-28T03:30:00+02:00")
        #expect(nightInParis.sentAt == "2027-03-28T08:00:00+02:00")
        // Every other message to metropolitan France left at its step's local time, in summer time.
        let sentInParis = rows.filter { row in
            row.state == "sent" && row.step != night.id
                && ["75", "57", "18"].contains(
                    cohort.first { $0.id == row.jobseekerID }!.department)
        }
        try #require(!sentInParis.isEmpty)
        for row in sentInParis {
            let step = try #require(policy.steps.first { $0.id == row.step })
            #expect(row.sentAt?.dropFirst(10) == "T\(step.at):00+02:00", "\(row.key) left at \(row.sentAt ?? "-")")
        }
    }

    /// Fails unless the predicted outcomes cover every channel, a failure and a reminder not sent
    /// because of a declaration: a replay without them would prove little.
    private func requireVariety(_ expectations: [ReminderModel.Expectation]) throws {
        var kinds = Set<String>()
        for expectation in expectations {
            switch expectation.outcome {
            case .sent(let channel, _): kinds.insert(channel)
            case .failed: kinds.insert("failed")
            case .notPlanned where expectation.jobseeker.status == "active": kinds.insert("not sent")
            default: break
            }
        }
        try #require(kinds == ["email", "sms", "webhook", "failed", "not sent"], "\(kinds)")
    }
}
