import Testing

@testable import RelanceCore

@Suite("French dates in messages (SPEC section 6)")
struct FrenchDatesTests {
    @Test(
        "Long form",
        arguments: [
            ("2026-12-15", "mardi 15 décembre 2026"),
            ("2026-12-01", "mardi 1er décembre 2026"),
            ("2026-11-28", "samedi 28 novembre 2026"),
            ("2026-11-29", "dimanche 29 novembre 2026"),
            ("2026-11-23", "lundi 23 novembre 2026"),
            ("2026-11-25", "mercredi 25 novembre 2026"),
            ("2026-05-14", "jeudi 14 mai 2026"),
            ("2026-05-08", "vendredi 8 mai 2026"),
            ("2027-02-15", "lundi 15 février 2027"),
            ("2027-08-01", "dimanche 1er août 2027"),
            ("2028-02-29", "mardi 29 février 2028"),
        ])
    func long(date: String, expected: String) {
        #expect(FrenchDates.long(day(date)) == expected)
    }

    @Test func everyMonthName() {
        let names = (1...12).map { FrenchDates.dayAndMonth(LocalDate(year: 2026, month: $0, day: 2)!) }
        #expect(
            names == [
                "2 janvier", "2 février", "2 mars", "2 avril", "2 mai", "2 juin",
                "2 juillet", "2 août", "2 septembre", "2 octobre", "2 novembre", "2 décembre",
            ])
    }

    @Test func firstOfTheMonthIsPremier() {
        #expect(FrenchDates.dayAndMonth(day("2026-01-01")) == "1er janvier")
        #expect(FrenchDates.dayAndMonth(day("2026-01-11")) == "11 janvier")
        #expect(FrenchDates.dayAndMonth(day("2026-01-21")) == "21 janvier")
        #expect(FrenchDates.dayAndMonth(day("2026-01-31")) == "31 janvier")
    }

    @Test func numericForm() {
        #expect(FrenchDates.numeric(day("2026-12-01")) == "01/12/2026")
        #expect(FrenchDates.numeric(day("2027-01-15")) == "15/01/2027")
    }

    @Test func periodLabels() {
        #expect(period("2026-11").frenchName == "novembre 2026")
        #expect(period("2027-02").frenchName == "février 2027")
        #expect(period("2026-12").frenchName == "décembre 2026")
    }
}
