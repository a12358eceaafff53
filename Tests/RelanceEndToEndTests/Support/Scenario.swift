import Foundation
import RelanceTestSupport
import Testing

/// A cohort, a policy and a timeline of declarations, status changes and ticks: run through the
/// executable in a sandbox, then checked against ``ReminderModel``.
struct Scenario {
    var policy: Policy
    var period: String
    var jobseekers: [JobseekerFixture]
    var declarations: [DeclarationRecord] = []
    /// The rows to import for a record, when not the ones derived from it (sample files).
    var declarationLines: [Date: [String]] = [:]
    var statusChanges: [StatusChange] = []
    /// The tick instants (in any order, duplicates ignored).
    var ticks: [Date]
    /// What is imported before the first tick.
    var setup = Setup.jobseekers
    /// Live delivery to loopback servers instead of the spool.
    var delivery: LiveDelivery?

    enum Setup {
        /// The jobseekers of the scenario.
        case jobseekers
        /// The sample directory files themselves (the scenario's jobseekers must describe them).
        case sampleDirectory
    }

    var window: SpecWindow { SpecWindow(period) }

    /// The tick instants in order.
    var orderedTicks: [Date] { Set(ticks).sorted() }

    /// The last tick, where the results are read.
    var end: String { orderedTicks.last!.iso }

    var model: ReminderModel {
        ReminderModel(
            policy: policy, window: window, jobseekers: jobseekers, declarations: declarations,
            statusChanges: statusChanges, ticks: orderedTicks)
    }

    /// Every hour from `start` through `end`.
    static func hourly(from start: Date, through end: Date) -> [Date] {
        Array(stride(from: start.timeIntervalSince1970, through: end.timeIntervalSince1970, by: 3600))
            .map { Date(timeIntervalSince1970: $0) }
    }

    /// Every hour within 12 hours of one of `instants`, every 6 hours otherwise, from `start` through `end`:
    /// ticks dense where something falls due, sparse where nothing should happen.
    static func ticks(from start: Date, through end: Date, hourlyAround instants: [Date]) -> [Date] {
        hourly(from: start, through: end).filter { tick in
            Int(tick.timeIntervalSince1970) % (6 * 3600) == 0
                || instants.contains { abs($0.timeIntervalSince(tick)) <= 12 * 3600 }
        }
    }

    /// The instants themselves and the whole hours from `hours.lowerBound` to `hours.upperBound`
    /// hours around each, in order: ticks where a test expects something to happen.
    static func ticks(around instants: [Date], hours: ClosedRange<Int> = -1...1) -> [Date] {
        Set(
            instants
                + instants.flatMap { instant in
                    hours.map { hour(instant).addingTimeInterval(Double($0) * 3600) }
                }
        ).sorted()
    }

    /// The instant `start` rounded down to the hour.
    static func hour(_ start: Date) -> Date {
        Date(timeIntervalSince1970: (start.timeIntervalSince1970 / 3600).rounded(.down) * 3600)
    }

    /// A declaration recorded when it is made, with `acts` acts.
    static func declaration(_ id: String, _ period: String, at instant: Date, acts: Int = 0) -> DeclarationRecord {
        DeclarationRecord(jobseekerID: id, period: period, declaredAt: instant, recordedAt: instant, acts: acts)
    }

    /// What the model predicts for one reminder (`JOBSEEKER`, `STEP`).
    func predicted(_ jobseekerID: String, _ stepID: String) -> ReminderModel.Outcome? {
        model.expectations().first { $0.jobseeker.id == jobseekerID && $0.step.id == stepID }?.outcome
    }

    /// The instant of a local day and time in a department's zone.
    static func local(_ department: String, _ day: Day, _ time: LocalTime) -> Date {
        SpecTerritory(department: department)!.instant(day, time)
    }

    /// Runs the timeline in a new sandbox: the jobseekers are imported a week before the first
    /// tick; at equal instants, declarations and status changes come before the tick.
    func run() throws -> Sandbox {
        let sandbox = try policy.sandbox()
        if let delivery {
            sandbox.environment = LiveDelivery.environment
            try sandbox.reconfigure(delivery)
        }
        let setup = orderedTicks[0].addingTimeInterval(-7 * 86_400).iso
        switch self.setup {
        case .jobseekers: try sandbox.importJobseekers(jobseekers, at: setup)
        case .sampleDirectory: try sandbox.importSampleDirectory(at: setup)
        }
        enum Event {
            case declare([String])
            case status(JobseekerFixture)
            case tick
        }
        var events: [(Date, Int, Event)] = []
        var actNumber = 0
        for (instant, records) in Dictionary(grouping: declarations, by: \.recordedAt) {
            let lines =
                declarationLines[instant]
                ?? records.flatMap { record in
                    let declared = record.declaredAt.iso
                    guard record.acts > 0 else { return ["\(record.jobseekerID),\(record.period),\(declared),,,"] }
                    return (0..<record.acts).map { _ in
                        actNumber += 1
                        return
                            "\(record.jobseekerID),\(record.period),\(declared),\(window.openingDay),candidature,Acte \(actNumber)"
                    }
                }
            events.append((instant, 0, .declare(lines)))
        }
        for change in statusChanges {
            guard var jobseeker = jobseekers.first(where: { $0.id == change.jobseekerID }) else { continue }
            jobseeker.status = change.status
            events.append((change.at, 0, .status(jobseeker)))
        }
        events += orderedTicks.map { ($0, 1, .tick) }
        for (instant, _, event) in events.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) {
            switch event {
            case .declare(let lines): try sandbox.importDeclarations(lines, at: instant.iso)
            case .status(let jobseeker): try sandbox.importJobseekers([jobseeker], at: instant.iso)
            case .tick: _ = try sandbox.tick(at: instant.iso)
            }
        }
        return sandbox
    }

    /// Checks every reminder of the sandbox and the delivered messages (by default the spool)
    /// against the model; returns the expectations for further checks.
    @discardableResult
    func verifyReminders(
        in sandbox: Sandbox, delivered: DeliveredMessages? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [ReminderModel.Expectation] {
        let delivered = delivered ?? DeliveredMessages(spoolOf: sandbox)
        let expectations = model.expectations()
        var rows = Dictionary(uniqueKeysWithValues: try sandbox.reminders(at: end).map { ($0.key, $0) })
        var spool: Set<String> = []
        for expectation in expectations {
            let row = rows.removeValue(forKey: expectation.key)
            check(row, against: expectation, sourceLocation: sourceLocation)
            guard case .sent(let channel, _) = expectation.outcome else { continue }
            let file =
                "\(channel)/\(period)/\(expectation.jobseeker.id)-\(expectation.step.id).\(channel == "email" ? "eml" : "json")"
            spool.insert(file)
            // The message names its reminder: X-Relance-Key, or the JSON reference / key.
            let text = delivered.text(file) ?? ""
            #expect(
                text.contains(expectation.key)
                    || text.contains(expectation.key.replacingOccurrences(of: "/", with: "\\/")),
                "\(file) does not name \(expectation.key)", sourceLocation: sourceLocation)
        }
        #expect(rows.isEmpty, "reminders nobody expected: \(rows.keys.sorted())", sourceLocation: sourceLocation)
        let spooled = delivered.paths
        #expect(
            delivered.duplicated.isEmpty, "delivered more than once: \(delivered.duplicated)",
            sourceLocation: sourceLocation)
        #expect(
            spooled.subtracting(spool).isEmpty, "unexpected messages: \(spooled.subtracting(spool).sorted())",
            sourceLocation: sourceLocation)
        #expect(
            spool.subtracting(spooled).isEmpty, "missing messages: \(spool.subtracting(spooled).sorted())",
            sourceLocation: sourceLocation)
        return expectations
    }

    private func check(
        _ row: ReminderListing?, against expectation: ReminderModel.Expectation, sourceLocation: SourceLocation
    ) {
        let key = expectation.key
        let state = row?.state ?? "absent"
        switch expectation.outcome {
        case .notPlanned:
            #expect(
                row == nil || state == "skipped", "\(key): expected not sent, is \(state)",
                sourceLocation: sourceLocation)
        case .pending, .expired, .failed, .skipped:
            #expect(
                state == expectation.outcome.state, "\(key): expected \(expectation.outcome), is \(state)",
                sourceLocation: sourceLocation)
        case .sent(let channel, let at):
            #expect(
                state == "sent", "\(key): expected \(expectation.outcome), is \(state)", sourceLocation: sourceLocation)
            #expect(
                row?.channel == channel, "\(key): sent by \(row?.channel ?? "-"), expected \(channel)",
                sourceLocation: sourceLocation)
            #expect(
                row?.sentAt.flatMap { Date(iso: $0) } == at,
                "\(key): sent at \(row?.sentAt ?? "-"), expected \(at.iso)", sourceLocation: sourceLocation)
        }
        guard let row else { return }
        // Instants are printed with the jobseeker's local offset (SPEC section 2).
        let offset = expectation.territory.offsetText(at: expectation.due)
        #expect(
            Date(iso: row.dueAt) == expectation.due && row.dueAt.hasSuffix(offset),
            "\(key): due at \(row.dueAt), expected \(expectation.due.iso) written with \(offset)",
            sourceLocation: sourceLocation)
        #expect(
            Date(iso: row.expiresAt) == expectation.expires,
            "\(key): expires at \(row.expiresAt), expected \(expectation.expires.iso)", sourceLocation: sourceLocation)
    }
}
