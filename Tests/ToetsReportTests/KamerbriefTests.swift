import Foundation
import Testing
@testable import ToetsReport

/// The draft letter to parliament: BZK's structure, marked placeholders, numbers only from the input.
@Suite struct KamerbriefTests {
    static let letter = Kamerbrief(ReportFixture.input)

    /// The text of the letter without markup, from the addressee to the signature.
    static func bodyText(_ html: String) -> String {
        let start = html.range(of: "<address>")!.lowerBound
        let end = html.range(of: "<section id=\"bijlagen\"")!.lowerBound
        var text = String(html[start..<end])
        // The chart's axis marks are a scale, not results; its bars and table come from the ledger.
        while let figure = text.range(of: "<svg"), let close = text.range(of: "</svg>") {
            text.removeSubrange(figure.lowerBound..<close.upperBound)
        }
        return text.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
    }

    @Test func theLetterFollowsTheStructureOfALetterToParliament() {
        let html = KamerbriefTests.letter.html
        let parts = ["Aan de Voorzitter van de Tweede Kamer der Staten-Generaal", "<dt>Datum</dt>", "<dt>Betreft</dt>",
                     "<dt>Kenmerk</dt>", "Geachte voorzitter,", "Met deze brief informeer ik uw Kamer over",
                     ">Aanleiding</h2>", ">Wat we hebben gedaan</h2>", ">Wat de proef laat zien</h2>", ">Waarborgen</h2>",
                     ">Waardering en beperkingen</h2>", ">Vervolg</h2>", "Tot slot.",
                     "De Minister van Binnenlandse Zaken en Koninkrijksrelaties,", ">Bijlagen</h2>",
                     ">Herkomst van de getallen</h2>"]
        var position = html.startIndex
        for part in parts {
            let found = html.range(of: part, range: position..<html.endIndex)
            #expect(found != nil, "missing or out of order: \(part)")
            if let found { position = found.upperBound }
        }
        #expect(html.contains("<html lang=\"nl\">") && html.contains("CONCEPT"))
        for safeguard in ["DPIA", "Een mens beoordeelt elk signaal", "geen besluiten over personen", "schuilnaam", "klankbordgroep"] {
            #expect(html.contains(safeguard), "\(safeguard)")
        }
    }

    @Test func placeholdersAreClearlyMarked() {
        let html = KamerbriefTests.letter.html
        let placeholders = HTMLDocumentTests.matches(#"<span class="placeholder">(\[IN TE VULLEN: [^\]]+\])</span>"#, in: html)
        #expect(placeholders.count >= 10)
        for what in ["datum", "kenmerk", "naam", "toezegging, motie of verzoek van de commissie, met vindplaats",
                     "dossiernummer, titel en volgnummer"] {
            #expect(placeholders.contains("[IN TE VULLEN: \(what)]"), "\(what)")
        }
        #expect(html.components(separatedBy: "[IN TE VULLEN:").count - 1 == placeholders.count, "every placeholder is marked")
    }

    @Test func threeToFiveKeyResultsInNaturalFrequenciesAndOneChart() throws {
        let html = KamerbriefTests.letter.html
        let results = try #require(html.components(separatedBy: "<section id=\"uitkomsten\"").last?
            .components(separatedBy: "</section>").first)
        let items = results.components(separatedBy: "<li>").count - 1
        #expect((3...5).contains(items))
        #expect(results.contains("Van elke 100 accounts die deze methode aanwees, hoorden er ongeveer 62 echt bij een campagne. De marge is 51 tot 72."))
        #expect(results.contains("vond deze methode er ongeveer 55 (marge 44 tot 66)"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 1, "at most one chart")
    }

    @Test func everyNumberInTheLetterComesFromTheInput() {
        let letter = KamerbriefTests.letter
        let shown = Set(letter.figures.map(\.shown))
        let text = KamerbriefTests.bodyText(letter.html)
        let numbers = HTMLDocumentTests.matches(#"(\d[\d\u00A0]*(?:,\d+)?)"#, in: text)
        #expect(!numbers.isEmpty)
        for number in numbers where !["100", "1000"].contains(number) {
            #expect(shown.contains(number), "\(number) in the letter does not come from the results ledger")
        }
        // And the ledger tells where each came from.
        #expect(letter.figures.contains(Kamerbrief.Figure(shown: "404", source: "grondwaarheid: accounts met vastgesteld label")))
        #expect(letter.figures.allSatisfy { letter.html.contains(">\($0.shown)</th>") })
    }

    @Test func otherResultsGiveOtherNumbers() {
        var input = ReportFixture.input
        input.methods[0].metrics.precision = Estimate(0.7, lower: 0.6, upper: 0.8)
        input.groundTruth.positives = 95
        let html = Kamerbrief(input).html
        #expect(html.contains("hoorden er ongeveer 70 echt bij een campagne. De marge is 60 tot 80."))
        #expect(html.contains("hoorden er 95 bij een van de 3 campagnes"))
    }
}
