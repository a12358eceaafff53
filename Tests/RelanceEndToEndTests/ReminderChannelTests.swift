import Foundation
import RelanceTestSupport
import Testing

/// Which channel a reminder goes out on (SPEC section 3, fallback), and who gets reminders at all.
@Suite("reminder channels and recipients, end to end")
struct ReminderChannelTests {
    /// One jobseeker, the channels of the step, and the channel SPEC 3 leads to (nil: `failed`).
    struct ChannelCase: Sendable, CustomTestStringConvertible {
        var name: String
        var jobseeker: JobseekerFixture
        var stepChannels: [String]
        var expected: String?

        var testDescription: String { name }
    }

    static func jobseeker(
        _ department: String = "75", email: String? = nil, phone: String? = nil, channels: [String]? = nil
    ) -> JobseekerFixture {
        JobseekerFixture(id: "7000001A", department: department, email: email, phone: phone, channels: channels)
    }

    static let mail = "canal@example.fr"

    static let channelCases = [
        ChannelCase(
            name: "the first channel of the step when there is an address for it",
            jobseeker: jobseeker(email: mail, phone: "06 12 34 56 78"), stepChannels: ["email", "sms"],
            expected: "email"),
        ChannelCase(
            name: "no email: falls back to sms on a mobile", jobseeker: jobseeker(phone: "0712345678"),
            stepChannels: ["email", "sms"], expected: "sms"),
        ChannelCase(
            name: "a landline cannot receive sms: falls back to email",
            jobseeker: jobseeker(email: mail, phone: "01 44 55 66 77"), stepChannels: ["sms", "email"],
            expected: "email"),
        ChannelCase(
            name: "a landline and no email: no usable channel, failed", jobseeker: jobseeker(phone: "01 44 55 66 77"),
            stepChannels: ["email", "sms"], expected: nil),
        ChannelCase(
            name: "no address at all: failed", jobseeker: jobseeker(), stepChannels: ["email", "sms"], expected: nil),
        ChannelCase(
            name: "an overseas mobile (0690) receives sms", jobseeker: jobseeker("971", phone: "0690 11 22 33"),
            stepChannels: ["sms"], expected: "sms"),
        ChannelCase(
            name: "a mobile written 0033… receives sms", jobseeker: jobseeker(phone: "0033712345678"),
            stepChannels: ["sms"], expected: "sms"),
        ChannelCase(
            name: "the jobseeker's own preference replaces the step's list",
            jobseeker: jobseeker(email: mail, phone: "06 12 34 56 78", channels: ["sms"]), stepChannels: ["email"],
            expected: "sms"),
        ChannelCase(
            name: "a webhook preference needs no address", jobseeker: jobseeker(channels: ["webhook"]),
            stepChannels: ["email", "sms"], expected: "webhook"),
        ChannelCase(
            name: "a preference with no usable channel fails: the step's list is not used",
            jobseeker: jobseeker(email: mail, phone: "01 44 55 66 77", channels: ["sms"]), stepChannels: ["email"],
            expected: nil),
    ]

    @Test("the first usable channel of the jobseeker's preference, else of the step", arguments: channelCases)
    func firstUsableChannel(_ example: ChannelCase) throws {
        let window = SpecWindow("2026-11")
        let step = PolicyStep(
            id: "opening", anchor: .opening, offsetDays: 0, at: LocalTime(10), channels: example.stepChannels)
        let territory = SpecTerritory(department: example.jobseeker.department)!
        let due = step.due(in: window, territory)
        let scenario = Scenario(
            policy: Policy(steps: [step]), period: "2026-11", jobseekers: [example.jobseeker],
            ticks: [window.opening(in: territory), due])
        // The model and the reading of SPEC 3 written in the case must agree.
        try #require(
            scenario.predicted(example.jobseeker.id, step.id)
                == (example.expected.map { .sent(channel: $0, at: due) } ?? .failed(at: due)))
        let sandbox = try scenario.run()
        try scenario.verifyReminders(in: sandbox)
        if example.expected == nil {
            let row = try #require(try sandbox.reminders(at: scenario.end).first)
            #expect(row.lastError != nil, "a failed reminder says why")
        }
    }

    /// Suspended and left jobseekers are not members of the period; one suspended after the
    /// opening reminder gets nothing more, no outcome and no case.
    @Test("only active jobseekers get reminders, outcomes and cases")
    func onlyActiveJobseekers() throws {
        let window = SpecWindow("2026-11")
        let paris = SpecTerritory(department: "75")!
        let steps = Array(Policy.sampleSteps.prefix(2))
        let jobseekers = [
            ("7000011L", "active"), ("7000012M", "suspended"), ("7000013N", "left"), ("7000014P", "active"),
        ]
        .map { id, status in
            JobseekerFixture(
                id: id, department: "75", email: "\(id.lowercased())@example.fr", phone: "0612345678", status: status)
        }
        let dues = steps.map { $0.due(in: window, paris) }
        let scenario = Scenario(
            policy: Policy(steps: steps, rules: [PolicyRule(id: "missed", condition: .missed, route: "phone")]),
            period: "2026-11", jobseekers: jobseekers,
            statusChanges: [
                StatusChange(jobseekerID: "7000014P", status: "suspended", at: dues[0].addingTimeInterval(86_400))
            ],
            ticks: [window.opening(in: paris)] + dues + [window.closing(in: paris).addingTimeInterval(86_400)])
        try #require(scenario.predicted("7000011L", "d-5")?.state == "sent")
        for id in ["7000012M", "7000013N"] {
            try #require(scenario.predicted(id, "opening") == .notPlanned)
            try #require(scenario.predicted(id, "d-5") == .notPlanned)
        }
        try #require(scenario.predicted("7000014P", "opening")?.state == "sent")
        try #require(scenario.predicted("7000014P", "d-5") == .notPlanned)
        let sandbox = try scenario.run()
        let expectations = try scenario.verifyReminders(in: sandbox)
        try scenario.verifyClosing(in: sandbox, expectations: expectations)
    }
}
