import Foundation
import Testing
import ToetsModel
@testable import ToetsReport

/// The rendered documents of the fixed fixture, byte for byte.
///
/// The English report, the letter, a method card and the register prefill are stored whole, so a
/// change shows as a readable diff; the Dutch report, the same markup with other words, is pinned
/// by its SHA-256 to keep the fixtures small.
@Suite struct GoldenReportTests {
    static let goldens = [KlankbordReport.fileName(.en), Kamerbrief.fileName, MethodCard.fileName("co-retweet", .en),
                          RegisterPrefill.fileName]

    @Test(arguments: goldens)
    func documentMatchesItsGoldenFile(name: String) throws {
        let actual = try #require(ReportBundle(ReportFixture.input)[name]).text
        let golden = try GoldenFiles.expected(name, actual: actual)
        #expect(actual == golden, "\(name) differs from Fixtures/\(name): \(GoldenFiles.firstDifference(golden, actual))")
    }

    @Test func dutchReportMatchesItsGoldenDigest() throws {
        let name = KlankbordReport.fileName(.nl)
        let actual = try #require(ReportBundle(ReportFixture.input)[name])
        let digest = Digest.sha256(of: actual.bytes).hex + "\n"
        let golden = try GoldenFiles.expected(name + ".sha256", actual: digest)
        #expect(digest == golden, "\(name) changed; regenerate with TOETS_UPDATE_GOLDEN=1 and review it")
    }

    @Test func theSameInputGivesTheSameBytes() {
        let first = ReportBundle(ReportFixture.input).documents
        let second = ReportBundle(ReportFixture.input).documents
        #expect(first == second)
        #expect(first.map(\.name) == [
            "klankbord.en.html", "klankbord.nl.html", "kamerbrief.nl.html",
            "method-coortweet.en.html", "method-coortweet.nl.html", "method-co-retweet.en.html",
            "method-co-retweet.nl.html", "method-near-duplicate.en.html", "method-near-duplicate.nl.html",
            "method-cards.en.html", "method-cards.nl.html", "algoritmeregister.json",
        ])
    }

    @Test func aChangedFigureChangesTheSentencesAndTheTables() {
        var input = ReportFixture.input
        input.methods[0].metrics.precision = Estimate(0.33, lower: 0.2, upper: 0.45)
        input.methods[0].population = nil
        let english = KlankbordReport(input, language: .en).html, dutch = KlankbordReport(input, language: .nl).html
        #expect(english.contains("Of every 100 accounts coortweet flags, about 33 belong to a campaign (between 20 and 45)."))
        #expect(dutch.contains("Van elke 100 accounts die coortweet aanwijst, horen er ongeveer 33 bij een campagne (tussen 20 en 45)."))
        #expect(english.contains("0.33 <span class=\"interval\">(0.20–0.45)</span>"))
        #expect(dutch.contains("0,33 <span class=\"interval\">(0,20–0,45)</span>"))
    }

    @Test func bothLanguagesHaveTheSameStructure() {
        let english = KlankbordReport(ReportFixture.input, language: .en).html
        let dutch = KlankbordReport(ReportFixture.input, language: .nl).html
        for tag in ["<section", "<table", "<svg", "<figure", "<h2", "<h3", "<li", "<tr"] {
            #expect(english.components(separatedBy: tag).count == dutch.components(separatedBy: tag).count, "\(tag)")
        }
        #expect(english.contains("<html lang=\"en\">") && dutch.contains("<html lang=\"nl\">"))
    }
}
