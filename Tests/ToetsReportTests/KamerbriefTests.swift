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
        // Texts quoted from the governance declaration (article numbers, dates of a DPIA) are the
        // pipeline's words, not figures of the run.
        text = text.replacingOccurrences(of: #"<span class="declared">[^<]*</span>"#, with: " ", options: .regularExpression)
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
                     ">Kern</h2>", ">Aanleiding</h2>", ">Wat we hebben gedaan</h2>", ">Wat de proef laat zien</h2>", ">Waarborgen</h2>",
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
        // The fixture declares the legal basis and the DPIA, which would otherwise be two more.
        #expect(placeholders.count >= 9)
        for what in ["datum", "kenmerk", "naam", "toezegging, motie of verzoek van de commissie, met vindplaats",
                     "dossiernummer, titel en volgnummer"] {
            #expect(placeholders.contains("[IN TE VULLEN: \(what)]"), "\(what)")
        }
        #expect(html.components(separatedBy: "[IN TE VULLEN:").count - 1 == placeholders.count, "every placeholder is marked")
    }

    @Test func keyResultsLeadWithFalsePositivesAndNameNoMethodTheRuleDoesNot() throws {
        let html = KamerbriefTests.letter.html
        let results = try #require(html.components(separatedBy: "<section id=\"uitkomsten\"").last?
            .components(separatedBy: "</section>").first)
        let items = results.components(separatedBy: "<li>").dropFirst()
        #expect(items.first?.hasPrefix("Van elke 1000 accounts die bij geen campagne hoorden, wezen de methoden er ten "
            + "onrechte aan (geschat voor alle accounts, niet alleen de beoordeelde): tegelijk hetzelfde delen (coortweet) ongeveer 83 "
            + "(marge 58 tot 115)") == true)
        #expect(results.contains("bijna gelijke teksten (near-duplicate) ongeveer 111 (marge 80 tot 150)"))
        // The rule decides no best method here: the letter says so and why, and names none best.
        #expect(results.contains("Volgens deze regel is geen methode aantoonbaar beter dan de andere: coortweet heeft de "
            + "hoogste F1 van de methoden binnen het budget voor schade, maar is niet aantoonbaar met minstens 0,05 beter dan co-retweet."))
        #expect(!results.contains("beste") && !results.contains("betrouwbaar verschil"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 1, "at most one chart")
    }

    @Test func aMethodIsNamedBestOnlyWhenTheRuleNamesIt() {
        var input = ReportFixture.input
        input.decision?.outcome = "best"
        input.decision?.method = "co-retweet"
        input.methods[1].population = nil
        let html = Kamerbrief(input).html
        #expect(html.contains("Volgens deze regel is co-retweet de beste methode"))
        #expect(html.contains("Van elke 100 accounts die co-retweet aanwees, hoorden er ongeveer 81 echt bij een campagne (marge 70 tot 90)."))
        input.decision = nil
        let none = Kamerbrief(input).html
        #expect(none.contains("De pijplijn legde vóór het scoren geen beslisregel vast") && !none.contains("beste methode"))
    }

    /// The safeguards say which parts of the posts the methods received, as their `fields:` declare.
    @Test func theLetterSaysWhatTheMethodsReceivedAsTheyDeclared() {
        var input = ReportFixture.input
        #expect(input.methods.count > 2 && input.methods.allSatisfy { $0.postFields == nil })
        #expect(Kamerbrief(input).html.contains("Elke methode kreeg wel de berichten zelf: de tekst, het tijdstip op de seconde"))
        input.methods[0].postFields = ["author_id", "text"]
        input.methods[1].postFields = ["author_id", "ref_post_id"]
        let some = Kamerbrief(input)
        let n = input.methods.count
        #expect(some.html.contains("2 van de \(n) methoden kregen alleen de delen van de berichten die ze vooraf opgaven; "
                                   + "de andere kregen de hele berichten. De tekst van de berichten ging naar \(n - 1) van de \(n) methoden."),
                "\(some.html)")
        #expect(!some.html.contains("Elke methode kreeg wel"))
        #expect(some.figures.contains { $0.source == "methodekaarten: methoden die de tekst kregen" && $0.shown == "\(n - 1)" })
        for index in input.methods.indices { input.methods[index].postFields = ["author_id"] }
        #expect(Kamerbrief(input).html.contains("Elke methode kreeg alleen de delen van de berichten die ze vooraf opgaf. "
                                                + "De tekst van de berichten ging naar 0 van de \(n) methoden."))
    }

    @Test func everyNumberInTheLetterComesFromTheInput() {
        let letter = KamerbriefTests.letter
        let shown = Set(letter.figures.map(\.shown))
        let text = KamerbriefTests.bodyText(letter.html)
        // Numbers, not digits inside a name (F1).
        let numbers = HTMLDocumentTests.matches(#"(?<![A-Za-z])(\d[\d\u00A0]*(?:,\d+)?)"#, in: text)
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
        input.methods[0].population?.falsePositiveRate = Estimate(0.031, lower: 0.02, upper: 0.045)
        input.groundTruth.positives = 95
        let html = Kamerbrief(input).html
        #expect(html.contains("(coortweet) ongeveer 31 (marge 20 tot 45)"))
        #expect(html.contains("hoorden er 95 bij een van de 3 campagnes"))
    }
}
