import Testing
import ToetsModel
@testable import ToetsReport

/// The section on false positives among ordinary accounts says, in both languages, only what the
/// counts and the score stage's test support.
@Suite struct OrdinaryErrorsReportTests {
    /// The fixture, with near-duplicate's 22 ordinary false positives on Telegram held to be (or
    /// not to be) clearly more than elsewhere, and `unexplained` of them in no such group.
    static func input(telegramAbove: Bool, unexplained: Int?) -> ReportInput {
        var input = ReportFixture.input
        var facts = ReportFixture.ordinaryErrors
        let index = facts.methods.firstIndex { $0.method == "near-duplicate" }!
        facts.methods[index].unexplained = unexplained
        facts.methods[index].parts[0].cells[0].moreThanElsewhere = telegramAbove
        facts.methods[index].parts[0].explained = telegramAbove ? 22 : 0
        input.ordinaryErrors = facts
        return input
    }

    static func html(_ input: ReportInput, _ language: Language) -> String {
        KlankbordReport(input, language: language).html.replacing("\u{00A0}", with: " ")
    }

    @Test func aPlatformThatHoldsTheFalsePositivesIsNamedWithItsCountsInBothLanguages() {
        let input = Self.input(telegramAbove: true, unexplained: 0)
        let english = Self.html(input, .en), dutch = Self.html(input, .nl)
        #expect(english.contains("near-duplicate: 36 false positives, 14 of them accounts of legitimate coordination "
                                 + "(counted by kind above) and 22 of them ordinary accounts."))
        #expect(english.contains("By platform, 22 of the 22 (100%) fall where near-duplicate flags ordinary accounts clearly "
                                 + "more often than elsewhere: telegram, 22 of 80 (28%; interval 19% to 38%) against 0 of 149 "
                                 + "elsewhere (0.0%; interval 0.0% to 2.5%)."))
        #expect(english.contains("None of the 22 remains unexplained."))
        #expect(dutch.contains("near-duplicate: 36 onterecht aangewezen accounts, waarvan 14 van legitieme samenwerking "
                               + "(per soort hierboven geteld) en 22 gewone accounts."))
        #expect(dutch.contains("Per platform vallen 22 van de 22 (100%) waar near-duplicate gewone accounts duidelijk vaker "
                               + "aanwijst dan elders: telegram, 22 van 80 (28%; interval 19% tot 38%) tegen 0 van 149 elders "
                               + "(0,0%; interval 0,0% tot 2,5%)."))
        #expect(dutch.contains("Geen van de 22 blijft onverklaard."))
        // Activity did not pass the test: no claim, in so many words.
        #expect(english.contains("By activity, no group where near-duplicate flags ordinary accounts clearly more often than elsewhere."))
        #expect(dutch.contains("Per activiteit is er geen groep waar near-duplicate gewone accounts duidelijk vaker aanwijst dan elders."))
    }

    @Test func withoutTheTestPassedTheReportClaimsNoPlatformAndLeavesThemUnexplained() {
        let input = Self.input(telegramAbove: false, unexplained: 22)
        for language in Language.allCases {
            let html = Self.html(input, language)
            #expect(!html.contains(language == .en ? "fall where near-duplicate flags"
                                   : "waar near-duplicate gewone accounts duidelijk vaker aanwijst dan elders:"))
            #expect(!html.contains(language == .en ? "(more than elsewhere)" : "(meer dan elders)"))
        }
        #expect(Self.html(input, .en).contains("By platform, no group where near-duplicate flags ordinary accounts clearly "
                                               + "more often than elsewhere. By activity, no group"))
        #expect(Self.html(input, .en).contains("So all 22 remain unexplained."))
        #expect(Self.html(input, .nl).contains("Alle 22 blijven dus onverklaard."))
    }

    @Test func aHeldBackCountIsNeverPrintedAsSmall() {
        // co-retweet's analysis is held back: its row says so, and no "< 10" stands for a count that may be large.
        let input = Self.input(telegramAbove: true, unexplained: nil)
        let english = Self.html(input, .en)
        #expect(english.contains("co-retweet: not shown, because its counts would reveal a number below 10 in the table of kinds."))
        #expect(english.contains("Fewer than 10 of the 22 remain unexplained."))
        #expect(Self.html(input, .nl).contains("Minder dan 10 van de 22 blijven onverklaard."))
        // co-retweet's row: kinds, ordinary, platform, activity and unexplained all not shown.
        let held = "<td class=\"num\">not shown</td>"
        #expect(english.contains("<th scope=\"row\">co-retweet</th><td class=\"num\">8</td>"
                                 + String(repeating: held, count: 5) + "</tr>"))
    }

    @Test func theSummaryTableAddsUp() {
        let english = Self.html(Self.input(telegramAbove: true, unexplained: 0), .en)
        // near-duplicate: 36 in all, 14 by kind, 22 ordinary; 22 by platform, 0 by activity; 0 unexplained.
        #expect(english.contains("<th scope=\"row\">near-duplicate</th><td class=\"num\">36</td><td class=\"num\">14</td>"
                                 + "<td class=\"num\">22</td><td class=\"num\">22</td><td class=\"num\">0</td>"
                                 + "<td class=\"num\">0</td>"))
    }

    @Test func theResultsAnalysisIsReadAsTheScoreStageWritesIt() throws {
        let json = #"{"accounts":400,"accounts_of_kinds_too_small_to_show":3,"#
            + #""activity_bands":[{"lower":1,"name":"1","upper":1},{"lower":2,"name":"2+","upper":null}],"#
            + #""methods":[{"method":"a","note":"suppressed-small-cell"},{"breakdowns":[{"breakdown":"platform","#
            + #""cells":[{"accounts":200,"cell":"telegram","elsewhere":{"accounts":200,"false_positives":12,"#
            + #""false_positive_rate":{"interval":{"kind":"wilson","lower":0.03,"notes":[],"upper":0.1},"note":null,"#
            + #""value":0.06}},"false_positive_rate":{"interval":{"kind":"wilson","lower":0.24,"notes":[],"upper":0.37},"#
            + #""note":null,"value":0.3},"false_positives":60,"more_than_elsewhere":true},"#
            + #"{"cell":"x","note":"suppressed-small-cell"}],"explained":60}],"false_positives":72,"#
            + #""method":"b","unexplained":12}]}"#
        let facts = try #require(ReportInputMapping.ordinaryErrors(try JSONDocument(Array(json.utf8)).root))
        #expect(facts.accounts == 400 && facts.accountsOfHiddenKinds == 3)
        #expect(facts.bands == [.init(name: "1", lower: 1, upper: 1), .init(name: "2+", lower: 2, upper: nil)])
        #expect(facts.methods[0] == .init(method: "a", falsePositives: nil, unexplained: nil, parts: []))
        let part = try #require(facts.methods[1].parts.first)
        #expect(facts.methods[1].falsePositives == 72 && facts.methods[1].unexplained == 12 && part.explained == 60)
        #expect(part.cells[0].falsePositives == 60 && part.cells[0].accounts == 200 && part.cells[0].moreThanElsewhere)
        #expect(part.cells[0].rate.lower == 0.24 && part.cells[0].elsewhereRate.upper == 0.1)
        #expect(part.cells[0].elsewhereFalsePositives == 12 && part.cells[0].elsewhereAccounts == 200)
        #expect(part.cells[1].falsePositives == nil && part.cells[1].accounts == nil && !part.cells[1].moreThanElsewhere)
    }

    @Test func resultsWithoutTheAnalysisShowNoSection() {
        var input = ReportFixture.input
        input.ordinaryErrors = nil
        #expect(!Self.html(input, .en).contains("id=\"ordinary\""))
        #expect(Self.html(ReportFixture.input, .en).contains("id=\"ordinary\""))
    }
}
