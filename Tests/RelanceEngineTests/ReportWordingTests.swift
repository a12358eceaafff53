import Testing

@testable import RelanceEngine

/// The French of the reports (SPEC 16, issue 15): the store's codes turned into words, and
/// differences written the way a French reader expects.
@Suite("report wording")
struct ReportWordingTests {
    @Test(
        "failure causes and steps read in French; unknown values are kept as they are",
        arguments: [
            ("no usable channel", "aucun canal utilisable"),
            ("channels exhausted: timeout", "canaux épuisés : délai dépassé"),
            ("channels exhausted: SMTP 550", "canaux épuisés : SMTP 550"),
            ("channel down", "canal indisponible"),
            ("opening", "ouverture"),
            ("d-5", "d-5"),
        ])
    func causes(_ code: String, _ words: String) {
        #expect(ReportFormat.label(code) == words)
    }

    @Test(
        "a difference carries its sign, and none when it rounds to zero",
        arguments: [
            (EvaluationRate.missed, 0.0213, "+2,1\u{202F}pt"),
            (EvaluationRate.missed, -0.0004, "0,0\u{202F}pt"),
            (EvaluationRate.missed, 0.0004, "0,0\u{202F}pt"),
            (EvaluationRate.missed, -0.105, "−10,5\u{202F}pt"),
            (EvaluationRate.casesPer1000, -0.04, "0,0"),
            (EvaluationRate.casesPer1000, 12.34, "+12,3"),
        ])
    func differences(_ rate: EvaluationRate, _ value: Double, _ text: String) {
        #expect(rate.differenceText(value) == text)
    }
}
