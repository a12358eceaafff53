import RelanceCore
import RelanceDelivery
import Testing

/// The VERP return path of SPEC 13: the key with `=` for `/`, a `.`, and a 10-hex tag.
@Suite("VERP return path")
struct ReturnPathTests {
    let path = ReturnPath(pattern: "retours+{key}@example.fr", secret: "s3cret")
    let key = ReminderKey(jobseekerID: "1234567A", period: Period(year: 2026, month: 12)!, step: "d-5")

    @Test("an address names its reminder back, whatever the case of the domain")
    func roundTrip() {
        let address = path.address(for: key)
        #expect(address.hasPrefix("retours+1234567A=2026-12=d-5.") && address.hasSuffix("@example.fr"))
        #expect(path.key(in: address) == .reminder(key))
        #expect(
            path.key(in: "<" + address.replacingOccurrences(of: "example.fr", with: "EXAMPLE.FR") + ">")
                == .reminder(key))
    }

    @Test("another secret, another key, a changed digit or a foreign address name nothing")
    func forgeries() {
        let address = path.address(for: key)
        let other = ReturnPath(pattern: "retours+{key}@example.fr", secret: "autre")
        #expect(other.key(in: address) == .invalidTag)
        let swapped = address.replacingOccurrences(of: "1234567A", with: "7654321A")
        #expect(path.key(in: swapped) == .invalidTag)
        #expect(path.key(in: "ne-pas-repondre@example.fr") == .notOurs)
        #expect(path.key(in: "retours+nodot@example.fr") == .notOurs)
        #expect(path.address(for: ReminderKey(jobseekerID: "1234567A", period: key.period, step: "d-1")) != address)
    }
}
