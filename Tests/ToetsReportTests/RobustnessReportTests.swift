import Testing
import ToetsModel
@testable import ToetsReport

/// Section 7a says only what its figures show, in both languages.
@Suite struct RobustnessReportTests {
    func report(_ language: Language, _ change: (inout RobustnessFacts) -> Void = { _ in }) -> KlankbordReport {
        var input = ReportFixture.input
        change(&input.robustness!)
        return KlankbordReport(input, language: language)
    }

    @Test func aMethodIsCalledSurelyFirstOnlyAt95PercentOfResamples() {
        for language in Language.allCases {
            let unsure = report(language).firstPlaceSentence(ReportFixture.robustness)
            #expect(unsure == RobustnessText.firstUnsure.filled(["method": "coortweet", "percent": language.numbers.percent(0.62)])(language))
            let sure = report(language) { $0.ranks[0].probabilityFirst = 0.96 }
            var facts = ReportFixture.robustness
            facts.ranks[0].probabilityFirst = 0.96
            #expect(sure.firstPlaceSentence(facts)
                == RobustnessText.firstSure.filled(["method": "coortweet", "percent": language.numbers.percent(0.96)])(language))
        }
    }

    @Test func theSectionSaysTheDeclaredPointIsJudgedAndCountsRankChanges() {
        for language in Language.allCases {
            let html = report(language).html
            #expect(html.contains(RobustnessText.heading(language)))
            #expect(html.contains(RobustnessText.judged(language)))
            // One of the two sweep points would rank coortweet second, not first.
            #expect(report(language).sweepRankChanges(ReportFixture.robustness) == 1)
            #expect(html.contains(RobustnessText.sweepRankChanges.filled(["count": "1", "points": "2"])(language)))
            #expect(html.contains("T0049.003"))
        }
    }

    @Test func aHeldBackCountIsShownAsBelowTheThreshold() {
        let html = report(.en).html
        #expect(html.contains("&lt;\u{00A0}10") || html.contains("<\u{00A0}10"))
    }

    @Test func resultsWithoutRobustnessLeaveTheSectionOut() {
        var input = ReportFixture.input
        input.robustness = nil
        #expect(!KlankbordReport(input, language: .en).html.contains(RobustnessText.heading(.en)))
    }
}
