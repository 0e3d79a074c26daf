import Foundation
import Testing
@testable import ToetsReport

/// Harm in absolute numbers: every ratio beside its counts, analysts' workload per method,
/// chilling effects and what a flag must never be used for, in both languages.
@Suite struct AbsoluteHarmTests {
    static func text(_ language: Language, _ input: ReportInput = ReportFixture.input) -> String {
        PilotClaimsTests.text(KlankbordReport(input, language: language).html)
    }

    @Test func everyRatioInTheHeatMapStandsBesideItsCounts() {
        let en = KlankbordReport(ReportFixture.input, language: .en).html
        let nl = KlankbordReport(ReportFixture.input, language: .nl).html
        // co-retweet on Telegram: ratio 2.40, 14 of the cell's 100 legitimate accounts flagged.
        #expect(en.contains(">14\u{00A0}of\u{00A0}100</text>") && nl.contains(">14\u{00A0}van\u{00A0}100</text>"))
        #expect(en.contains("co-retweet, platform: telegram (2.40, 14 of 100)"))
        #expect(nl.contains("co-retweet, platform: telegram (2,40, 14 van 100)"))
        // A suppressed cell shows no count.
        #expect(!en.contains("of\u{00A0}5</text>"))
        // Without counts (older results), n as before.
        var input = ReportFixture.input
        for index in input.strata.indices { input.strata[index].falsePositives = nil }
        #expect(KlankbordReport(input, language: .en).html.contains(">n\u{00A0}=\u{00A0}120</text>"))
    }

    @Test func columnHeadersFitTheirCells() {
        let (lines, size) = HeatMap.header("account-signals", width: 60)
        #expect(lines == ["account-", "signals"] && size == 10)
        #expect(lines.allSatisfy { SVGWriter.textWidth($0, size: size) <= 60 })
        #expect(HeatMap.header("coortweet", width: 100) == (["coortweet"], 12))
        // Bold heads get a tenth to spare over the plain estimate (84 points at 10 points).
        #expect(HeatMap.header("near-duplicate", width: 95).lines == ["near-duplicate"])
    }

    @Test func analystsWorkloadIsStatedPerMethodInCounts() {
        #expect(Self.text(.en).contains("coortweet: to find 44 of the 80 campaign accounts, analysts check 71 flagged "
            + "accounts, 27 of them legitimate: about 6 legitimate accounts for every 10 campaign accounts found."))
        #expect(Self.text(.nl).contains("coortweet: om 44 van de 80 campagne-accounts te vinden, kijken analisten 71 "
            + "aangewezen accounts na, waarvan 27 legitiem: ongeveer 6 legitieme accounts per 10 gevonden campagne-accounts."))
        var input = ReportFixture.input
        input.methods[0].metrics.counts = ConfusionFacts(truePositives: 0, falsePositives: 12, falseNegatives: 80, trueNegatives: 312)
        #expect(Self.text(.en, input).contains("coortweet: finds none of the 80 campaign accounts, yet analysts would check 12 "
            + "legitimate accounts it flagged."))
        input.methods[0].metrics.counts = ConfusionFacts(truePositives: 0, falsePositives: 0, falseNegatives: 80, trueNegatives: 324)
        #expect(Self.text(.en, input).contains("coortweet: flags no labelled account"))
    }

    @Test func chillingEffectsAndForbiddenUsesAreDiscussedWithThisRunsCounts() {
        let en = Self.text(.en), nl = Self.text(.nl)
        #expect(en.contains("Chilling effects") && en.contains("freedom of expression (art. 10 ECHR)"))
        #expect(nl.contains("Afschrikwekkende werking") && nl.contains("vrijheid van meningsuiting (art. 10 EVRM)"))
        #expect(en.contains("What a flag must never be used for") && en.contains("to remove, block, label or demote posts or accounts"))
        #expect(nl.contains("Waarvoor een aanwijzing nooit mag dienen"))
        // news syndication: 14 of 30 published; volunteers: the published 0 hides a held-back count; fans: 10 of 20.
        #expect(en.contains("news syndication: up to 14 of 30 accounts"))
        #expect(en.contains("volunteers: fewer than 10 of 45 accounts") && !en.contains("volunteers: none of 45"))
        #expect(nl.contains("fans: tot 10 van 20 accounts"))
        // Labels of volunteers reveal political affiliation: said, with the legal ground.
        #expect(en.contains("Labels of the kinds volunteers reveal a person's political affiliation: they are special-category data (GDPR art. 9)"))
        var input = ReportFixture.input
        input.legitimateCoordination.removeAll { $0.kind == "volunteers" }
        #expect(!Self.text(.en, input).contains("special-category data (GDPR art. 9), processed"))
    }
}
