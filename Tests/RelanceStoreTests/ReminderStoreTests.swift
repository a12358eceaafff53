import RelanceCore
import RelanceStore
import Testing

/// Due reminders, the lease of an attempt in flight, and the rescue of a dead process's
/// attempts (SPEC section 3 and 11: kill -9 loses nothing, duplicates only what was in flight).
@Suite("store: reminders in flight")
struct ReminderStoreTests {
    static let ids = ["1000001A", "1000002B", "1000003C"]

    @Test("due reminders come in key order, a leased one is not due again until rescued")
    func leaseAndRescue() throws {
        let scene = try StoreScene.opened(with: Self.ids)
        try scene.planOpeningReminders()
        let now = scene.opening.adding(seconds: 60)
        let due = try scene.store.read { try $0.duePending(now: now, limit: 2) }
        #expect(due.map(\.jobseekerID) == Array(Self.ids.prefix(2)))

        let first = try #require(due.first)
        _ = try scene.store.write { session in
            try session.recordAttemptInFlight(
                first, channel: .email, recipient: "x@example.fr", startedAt: now, leasedUntil: now.adding(seconds: 600)
            )
        }
        let stillDue = try scene.store.read { try $0.duePending(now: now, limit: 10) }
        #expect(stillDue.map(\.jobseekerID) == Array(Self.ids.dropFirst()))

        // The process died: its attempt is interrupted and the reminder due again at once, from
        // when the attempt started (after the others, due since the opening).
        let interrupted = try scene.store.write { try $0.interruptAttemptsInFlight(now: now.adding(seconds: 5)) }
        #expect(interrupted == 1)
        let again = try scene.store.read { try $0.duePending(now: now.adding(seconds: 5), limit: 10) }
        #expect(again.map(\.jobseekerID) == Array(Self.ids.dropFirst()) + [Self.ids[0]])
        #expect(try scene.reminderStates() == Dictionary(uniqueKeysWithValues: Self.ids.map { ($0, "pending") }))
    }

    @Test("an acceptance noted before a crash settles its attempt once; others stay in flight")
    func loggedAcceptances() throws {
        let scene = try StoreScene.opened(with: Self.ids)
        try scene.planOpeningReminders()
        let now = scene.opening.adding(seconds: 60)
        let due = try scene.store.read { try $0.duePending(now: now, limit: 10) }
        try scene.store.write { session in
            for reminder in due.prefix(2) {
                _ = try session.recordAttemptInFlight(
                    reminder, channel: .email, recipient: nil, startedAt: now, leasedUntil: now.adding(seconds: 600))
            }
        }
        let noted = [(key: due[0].key, reply: "250 2.0.0 Ok: queued"), (key: due[2].key, reply: "250 2.0.0 Ok")]
        let later = now.adding(seconds: 30)
        #expect(try scene.store.write { try $0.settleLoggedAcceptances(noted, now: later) } == 1)
        #expect(try scene.store.write { try $0.settleLoggedAcceptances(noted, now: later) } == 0)
        #expect(
            try scene.reminderStates() == [Self.ids[0]: "sent", Self.ids[1]: "pending", Self.ids[2]: "pending"])
        // The one never noted is rescued as interrupted, the settled one is left alone.
        #expect(try scene.store.write { try $0.interruptAttemptsInFlight(now: later) } == 1)
    }
}
