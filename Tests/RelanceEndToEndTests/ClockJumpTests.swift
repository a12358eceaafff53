import Foundation
import RelanceTestSupport
import Testing

/// A clock that jumps between ticks (an operator's mistake, a VM restored from a snapshot):
/// nothing is sent twice, nothing is lost, nothing is undone.
@Suite("clock jumps, end to end")
struct ClockJumpTests {
    @Test("a tick days in the past after a later one sends nothing again and undoes nothing")
    func backwards() throws {
        let sandbox = try Sandbox()
        try sandbox.importSampleDirectory(at: "2026-11-20T09:00:00+01:00")
        _ = try sandbox.tick(at: "2026-11-28T10:30:00+01:00")
        _ = try sandbox.tick(at: "2026-12-10T10:30:00+01:00")
        let before = try sandbox.reminders(at: "2026-12-10T10:30:00+01:00")
        let spooled = sandbox.spooledReminders()

        let back = try sandbox.tick(at: "2026-12-07T10:30:00+01:00")
        #expect(back["sent"] == 0 && back["opened"] == 0 && back["closed"] == 0, "\(back)")
        #expect(try sandbox.reminders(at: "2026-12-10T10:30:00+01:00") == before)
        #expect(sandbox.spooledReminders() == spooled)
    }

    @Test("a jump forward over the deadline catches up like an outage: closing, escalation, only the latest reminder")
    func forwards() throws {
        let sandbox = try Sandbox()
        try sandbox.importSampleDirectory(at: "2026-11-20T09:00:00+01:00")
        _ = try sandbox.tick(at: "2026-11-28T10:30:00+01:00")
        let jump = try sandbox.tick(at: "2026-12-16T12:00:00+01:00")
        #expect(
            jump["closed"] == 1, "by noon in Paris the window has closed in every territory, overseas America included")
        #expect((jump["missed"] ?? 0) > 0 && (jump["cases_opened"] ?? 0) > 0, "\(jump)")
        let reminders = try sandbox.reminders(at: "2026-12-16T12:00:00+01:00")
        // d-5 and d-1 fell due during the jump and expired at closing: none was sent late.
        #expect(!reminders.contains { ["d-5", "d-1"].contains($0.step) && $0.state == "sent" })
        let again = try sandbox.tick(at: "2026-12-16T12:00:00+01:00")
        #expect(again.keys.sorted() == jump.keys.sorted(), "\(again)")
        #expect(again.values.allSatisfy { $0 == 0 }, "\(again)")
    }
}
