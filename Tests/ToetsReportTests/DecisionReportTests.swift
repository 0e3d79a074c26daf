import Testing
import ToetsModel
@testable import ToetsReport

/// What the reports conclude follows from the decision rule and the run's figures, in English
/// and Dutch: a method is named best only when the rule names it, never one over its budget.
@Suite struct DecisionReportTests {
    static func reports(_ input: ReportInput) -> (en: String, nl: String, letter: String) {
        (KlankbordReport(input, language: .en).html, KlankbordReport(input, language: .nl).html, Kamerbrief(input).html)
    }

    @Test func eachOutcomeIsSaidAsTheRuleDecidesItInBothLanguages() {
        var input = ReportFixture.input
        var (en, nl, letter) = Self.reports(input)
        #expect(en.contains("By this rule no method is shown to be better than the others: coortweet has the highest F1 of the "
            + "methods within their harm budget, but it is not shown to be better than co-retweet by at least 0.05."))
        #expect(nl.contains("Volgens deze regel is geen methode aantoonbaar beter dan de andere: coortweet heeft de hoogste F1"))
        for text in [en, nl, letter] { #expect(!text.contains("the best method") && !text.contains("de beste methode")) }

        input.decision?.outcome = "best"
        input.decision?.method = "coortweet"
        (en, nl, letter) = Self.reports(input)
        #expect(en.contains("By this rule coortweet is the best method: it stays within its harm budget, and it is shown to be "
            + "better than every other method that does, by at least 0.05 in F1."))
        #expect(nl.contains("Volgens deze regel is coortweet de beste methode"))
        #expect(letter.contains("Volgens deze regel is coortweet de beste methode"))

        input.decision?.outcome = "only-recommendable"
        input.decision?.method = "co-retweet"
        (en, nl, _) = Self.reports(input)
        #expect(en.contains("By this rule only co-retweet can be recommended") && en.contains("That does not show it is better"))
        #expect(nl.contains("Volgens deze regel kan alleen co-retweet worden aanbevolen"))

        input.decision?.outcome = "none-recommendable"
        input.decision?.method = nil
        (en, nl, letter) = Self.reports(input)
        #expect(en.contains("By this rule no method can be recommended"))
        #expect(letter.contains("Volgens deze regel kan geen methode worden aanbevolen"))
    }

    @Test func aMethodOverItsBudgetIsToldWhyInWordsAndNumbers() {
        let (en, nl, letter) = Self.reports(ReportFixture.input)
        #expect(en.contains("near-duplicate cannot be recommended: it flags about 111 of every 1,000 legitimate accounts, more "
            + "than the budget of 100; for news syndication it is over, or not shown within, the budget per kind."))
        #expect(nl.contains("near-duplicate kan niet worden aanbevolen: de methode wijst van elke 1000 legitieme accounts er "
            + "ongeveer 111 aan, meer dan het budget van 100"))
        #expect(letter.contains("Niet aan te bevelen: near-duplicate: wijst te veel legitieme accounts aan en wijst bij een soort "
            + "legitieme samenwerking te veel accounts aan."))
        // The harm table shows each standing.
        #expect(en.contains("<th scope=\"row\">near-duplicate</th><td class=\"num\">65</td><td class=\"num\">111 <span class=\"interval\">(80–150)</span></td>"
            + "<td class=\"num\">100</td><td>over</td>"))
    }

    @Test func withoutARuleTheReportsRankNothing() {
        var input = ReportFixture.input
        input.decision = nil
        let (en, nl, letter) = Self.reports(input)
        #expect(en.contains("The pipeline declared no decision rule before scoring, so this report names no method better than another"))
        #expect(nl.contains("De pijplijn legde vóór het scoren geen beslisregel vast"))
        #expect(letter.contains("De pijplijn legde vóór het scoren geen beslisregel vast"))
        // The comparisons keep their verdicts from the test of the figure shown.
        #expect(en.contains("<td>they differ</td>") && en.contains("<td>no clear difference</td>"))
    }

    @Test func aMethodThatFlagsNothingIsWarnedAboutOnItsCardAndInTheReport() {
        var input = ReportFixture.input
        input.methods[2].warnings = ["operating-point-flags-nothing"]
        input.methods[2].flags = 0
        let card = MethodCard(input.methods[2], language: .en).document.rendered
        #expect(card.contains("Warning: the declared operating point of near-duplicate flags no account on these data"))
        #expect(KlankbordReport(input, language: .nl).html.contains("Waarschuwing: het opgegeven werkpunt van near-duplicate wijst"))
        #expect(Kamerbrief(input).html.contains("Methode near-duplicate wees op deze gegevens geen enkel account aan"))
        #expect(!KlankbordReport(ReportFixture.input, language: .en).html.contains("Warning: the declared operating point"))
    }

    @Test func intervalsSayWhichAreExactAndWhichRestOnFewClusters() {
        var input = ReportFixture.input
        input.methods[0].metrics.precision = Estimate(1, lower: 0.83, upper: 1, intervalKind: "clopper-pearson", fewClusters: true)
        let en = KlankbordReport(input, language: .en).html
        #expect(en.contains("1.00 <span class=\"interval\">(0.83–1.00)\u{00A0}‡\u{00A0}†</span>"))
        #expect(en.contains("The intervals resample 3 campaign clusters") && en.contains("That is fewer than 20"))
    }

    @Test func theDesignIsShownWithSampleAndPopulationFiguresNamed() {
        let (en, nl, _) = Self.reports(ReportFixture.input)
        #expect(en.contains("180 labelled accounts with inclusion probability 1.00 and 224 labelled accounts with inclusion probability 0.30"))
        #expect(en.contains("Campaign accounts are 19.8% of the labelled accounts, and an estimated 8.7% of all accounts."))
        #expect(en.contains("Precision, in the sample") && en.contains("Precision, all accounts (estimate)"))
        #expect(nl.contains("Precisie, in de steekproef") && nl.contains("Precisie, alle accounts (schatting)"))
        #expect(en.contains("Estimated for all accounts, not only the labelled ones:"))
    }

    @Test func theLedgerAndTheUnknownsAreInTheReport() {
        var input = ReportFixture.input
        input.disclosure?.pureSets = [NamedValue("coortweet", "own-flag"), NamedValue("coortweet", "top-50")]
        let en = KlankbordReport(input, language: .en).html
        #expect(en.contains("E. Disclosure control") && en.contains("Smallest published cell: 10 accounts. Cells held back: 14."))
        #expect(en.contains("In these published sets every labelled account has the same label: the accounts coortweet flags; "
            + "the 50 accounts coortweet scores highest."))
        #expect(en.contains("Precision if the unlabelled flagged accounts were legitimate, or campaign accounts"))
    }
}
