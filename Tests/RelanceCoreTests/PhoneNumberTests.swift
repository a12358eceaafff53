import Testing

@testable import RelanceCore

@Suite("French phone numbers (SPEC section 7)")
struct PhoneNumberTests {
    @Test(
        "The four French formats and separators",
        arguments: [
            "06 12 34 56 78", "0612345678", "+33612345678", "0033612345678", "06.12.34.56.78", "06-12-34-56-78",
            "+33 6 12 34 56 78", "00 33 6 12 34 56 78", " 06 12 34 56 78 ",
        ])
    func metropolitanMobile(text: String) throws {
        let phone = try #require(PhoneNumber(text))
        #expect(phone.e164 == "+33612345678")
        #expect(phone.description == "+33612345678")
        #expect(phone.isMobile)
    }

    @Test(
        "Normalisation to E.164",
        arguments: [
            ("07 98 76 54 32", "+33798765432", true),
            ("+33798765432", "+33798765432", true),
            ("0690 12 34 56", "+590690123456", true),
            ("0691123456", "+590691123456", true),
            ("0694 12 34 56", "+594694123456", true),
            ("0696123456", "+596696123456", true),
            ("0697123456", "+596697123456", true),
            ("0692123456", "+262692123456", true),
            ("0693 12 34 56", "+262693123456", true),
            ("06 39 12 34 56", "+262639123456", true),
            ("+33690123456", "+590690123456", true),
            ("0033694123456", "+594694123456", true),
            ("+590690123456", "+590690123456", true),
            ("+262 692 12 34 56", "+262692123456", true),
            ("00596696123456", "+596696123456", true),
            ("0695123456", "+33695123456", true),
            ("01 42 34 56 78", "+33142345678", false),
            ("0299123456", "+33299123456", false),
            ("0388123456", "+33388123456", false),
            ("0491123456", "+33491123456", false),
            ("0556123456", "+33556123456", false),
            ("09 70 12 34 56", "+33970123456", false),
            ("0800123456", "+33800123456", false),
            ("+33142345678", "+33142345678", false),
            ("+590590123456", "+590590123456", false),
            ("+262262123456", "+262262123456", false),
        ] as [(String, String?, Bool)])
    func normalisation(text: String, e164: String?, mobile: Bool) {
        let phone = PhoneNumber(text)
        #expect(phone?.e164 == e164)
        if e164 != nil { #expect(phone?.isMobile == mobile) }
    }

    @Test(
        "Invalid inputs",
        arguments: [
            "", "+", "06", "061234567", "06123456789", "6123456789", "0012345678", "+44 7700 900123", "+1 555 123 4567",
            "+330612345678", "+3361234567", "+336123456789", "00612345678", "06 12 34 56 7a", "06/12/34/56/78",
            "(06) 12 34 56 78", "0612+345678", "++33612345678", "０６12345678", "06 12 34 56 78 ext 1",
            "+590 0690 12 34 56",
            "+59069012345", "0612345678\n",
        ])
    func invalid(text: String) {
        #expect(PhoneNumber(text) == nil)
    }

    @Test func storedNumbersAreRestoredAsIs() {
        let phone = PhoneNumber(e164: "+33612345678")
        #expect(phone == PhoneNumber("06 12 34 56 78"))
        #expect(phone.isMobile)
        #expect(!PhoneNumber(e164: "+33142345678").isMobile)
        #expect(PhoneNumber(e164: "+596697123456").isMobile)
        #expect(!PhoneNumber(e164: "+596596123456").isMobile)
    }
}
