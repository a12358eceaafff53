import RelanceCore
import Testing

/// `JOBSEEKER/PERIOD/STEP`, the one written form of a reminder's identity.
@Suite("reminder key")
struct ReminderKeyTests {
    @Test("written and read back")
    func roundTrip() throws {
        let key = ReminderKey(jobseekerID: "1234567A", period: try #require(Period("2026-12")), step: "d-5")
        #expect(key.description == "1234567A/2026-12/d-5")
        #expect(ReminderKey("1234567A/2026-12/d-5") == key)
        #expect(ReminderKey(Substring("x1234567A/2026-12/d-5").dropFirst()) == key)
    }

    @Test(
        "what cannot name a reminder is refused",
        arguments: [
            "", "1234567A/2026-12", "1234567A/2026-12/d-5/x", "/2026-12/d-5", "1234567A/2026-12/",
            "1234567A/2026-13/d-5", "1234567A/26-12/d-5", "digest/2026-12-04/ADV001", "desk/sign-in/ADV001/ab12",
        ])
    func refused(_ text: String) {
        #expect(ReminderKey(text) == nil)
    }
}
