import Foundation
import Testing
@testable import ToetsReport

/// What the documents say about the pilot itself — who delivered which method, simulated data,
/// and what the pilot cannot say — follows from the run's declarations and figures, in the
/// Kamerbrief and in both klankbord reports.
@Suite struct PilotClaimsTests {
    /// The visible text of a document, tags removed, entities of the guard left as they are.
    static func text(_ html: String) -> String {
        html.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
    }

    static func documents(_ input: ReportInput) -> (letter: String, en: String, nl: String) {
        (text(Kamerbrief(input).html), text(KlankbordReport(input, language: .en).html),
         text(KlankbordReport(input, language: .nl).html))
    }

    @Test func whoDeliveredWhichMethodComesFromTheDeclarations() {
        let (letter, en, nl) = Self.documents(ReportFixture.input)
        #expect(letter.contains("Er zijn 3 methoden getest. Daarvan zitten er 2 in Toets zelf: bekende methoden uit "
            + "wetenschappelijk onderzoek, om mee te vergelijken. Door een team aangeleverd: 1. Teams: Team Delta (maatschappelijke organisatie)."))
        #expect(en.contains("3 methods were tested. 2 of them are built into Toets itself"))
        #expect(nl.contains("Er zijn 3 methoden getest. Daarvan zitten er 2 in Toets zelf"))
        // Methods by their family in Dutch, the technical name in brackets.
        #expect(letter.contains("tegelijk hetzelfde delen (coortweet): zit in Toets"))
        #expect(letter.contains("methode van een team (co-retweet): aangeleverd door Team Delta (maatschappelijke organisatie)"))
        #expect(en.contains("Delivered by a team: 1. Teams: Team Delta (civil society)."))
        #expect(letter.contains("bijna gelijke teksten (near-duplicate) ongeveer 111 (marge 80 tot 150)"))

        var builtInOnly = ReportFixture.input
        for index in builtInOnly.methods.indices { builtInOnly.methods[index].kind = MethodFacts.builtIn }
        let (onlyBuiltIn, onlyEn, _) = Self.documents(builtInOnly)
        #expect(onlyBuiltIn.contains("Daarvan zitten er 3 in Toets zelf") && onlyBuiltIn.contains("Geen team leverde een eigen methode aan."))
        #expect(!onlyBuiltIn.contains("aangeleverd door") && !onlyBuiltIn.contains("teams hebben"))
        #expect(onlyEn.contains("No team delivered a method of its own."))

        var undeclared = ReportFixture.input
        undeclared.methods[2].kind = ""
        #expect(Self.documents(undeclared).letter.contains("Bij 1 zegt de pijplijn niet wie de methode aanleverde."))
    }

    @Test func simulatedDataCarryABannerOnEveryDocument() {
        let real = Self.documents(ReportFixture.input)
        for document in [real.letter, real.en, real.nl] {
            #expect(!document.contains("gesimuleerd") && !document.contains("simulated"))
        }
        #expect(real.letter.contains("3 beoordelaars hadden van 404 accounts vastgesteld"))
        var input = ReportFixture.input
        input.run.simulatedData = true
        let html = Kamerbrief(input).html
        let banner = try? #require(html.range(of: "<p class=\"banner\">De gegevens in deze proef zijn gesimuleerd"))
        let address = html.range(of: "<address>")
        #expect(banner != nil && address != nil && banner!.lowerBound < address!.lowerBound, "the banner comes first")
        let simulated = Self.documents(input)
        #expect(simulated.en.contains("The data in this pilot are simulated. No real person is in them"))
        #expect(simulated.nl.contains("De gegevens in deze proef zijn gesimuleerd (nagemaakt)."))
        #expect(simulated.letter.contains("3 nagemaakte beoordelaars hadden van 404 accounts vastgesteld"))
        #expect(simulated.letter.contains("Voordat een methode wordt ingezet, is een proef met echte, rechtmatig verzamelde "
            + "gegevens nodig."))
        #expect(!simulated.letter.contains("Deskundigen"))
    }

    @Test func theLimitsFollowTheRunInBothLanguages() throws {
        let (letter, en, nl) = Self.documents(ReportFixture.input)
        // Origin is never established, whatever the figures.
        #expect(letter.contains("Niets in deze proef toont aan dat een campagne uit het buitenland kwam."))
        #expect(en.contains("Nothing in this pilot shows that a campaign came from abroad."))
        // 20 of the 80 campaign accounts: the overlap row of accounts no method flagged.
        #expect(letter.contains("Van de 80 campagne-accounts wees geen enkele methode er 20 aan."))
        #expect(en.contains("Of the 80 campaign accounts, 20 were flagged by no method."))
        #expect(nl.contains("Van de 80 campagne-accounts wees geen enkele methode er 20 aan."))
        // Every campaign shown was found in part: no campaign is called missed.
        #expect(!en.contains("except perhaps"))
        #expect(en.contains("Every campaign large enough to show was found in part by at least one method."))
        // Agreement 0.78: tentative, not firm.
        #expect(en.contains("The annotators' agreement (Krippendorff's alpha) is 0.78: enough for tentative conclusions "
            + "(at least 0.667), not for firm ones (at least 0.8)."))
        // near-duplicate's operating point is not shown fixed before scoring.
        #expect(letter.contains("Bij near-duplicate laat het herkomstlogboek niet zien dat het werkpunt vóór het scoren vastlag"))
        #expect(!letter.contains("Elk team legde vooraf vast"))

        var input = ReportFixture.input
        input.groundTruth.agreement[0].estimate = Estimate(0.58, lower: 0.5, upper: 0.66)
        input.campaigns[1].found = input.campaigns[1].found.map { MethodCount($0.method, 0) }
        input.overlap[0].truePositives = 50
        input.groundTruth.positives = 144
        for index in input.methods.indices { input.methods[index].operatingPoint.fixedBeforeScoring = true }
        let other = Self.documents(input)
        #expect(other.letter.contains("Geen enkele methode vond 1 van de 3 campagnes (C2)."))
        #expect(other.en.contains("Found by no method at all: 1 of the 3 campaigns (C2)."))
        #expect(other.letter.contains("Van de 144 campagne-accounts wees geen enkele methode er 50 aan."))
        #expect(other.nl.contains("hun overeenstemming (Krippendorffs alfa) is 0,58, lager dan 0,667"))
        #expect(other.en.contains("their agreement (Krippendorff's alpha) is 0.58, below 0.667"))
        #expect(other.letter.contains("Het werkpunt van elke methode lag in de pijplijn vast voordat er een score bestond. Of "
            + "een team zijn methode vooraf heeft afgesteld"))
        // A campaign with a held-back count is not called missed by all: a hidden count may hide a find.
        input.campaigns[1].found[0].count = nil
        let held = Self.documents(input)
        #expect(!held.letter.contains("Geen enkele methode vond 1"))
        #expect(held.en.contains("Campaigns C2: no method found any of their accounts, except perhaps coortweet, whose count "
            + "is held back by disclosure control."))
        #expect(held.letter.contains("Campagnes C2: geen methode vond er ook maar één account van, behalve misschien coortweet"))
        // Held back: no exact count is claimed.
        input.overlap[0].truePositives = nil
        #expect(Self.documents(input).en.contains("Of the 144 campaign accounts, fewer than 10 were flagged by no method."))
        // None unfound: said so, and the closing does not claim otherwise.
        input.overlap[0].truePositives = 0
        let allFound = Self.documents(input)
        #expect(allFound.en.contains("Every one of the 144 campaign accounts was flagged by at least one method."))
        #expect(!allFound.letter.contains("Geen methode vond alle campagne-accounts"))
    }

    @Test func theLetterOpensWithItsKernAndDefinesItsTerms() throws {
        let html = Kamerbrief(ReportFixture.input).html
        let order = ["Geachte voorzitter,", ">Kern</h2>", ">Wat de woorden in deze brief betekenen</h2>", ">Aanleiding</h2>"]
        var position = html.startIndex
        for part in order {
            let found = try #require(html.range(of: part, range: position..<html.endIndex), "\(part)")
            position = found.upperBound
        }
        let kern = try #require(html.components(separatedBy: "<section id=\"kern\"").last?.components(separatedBy: "</section>").first)
        #expect(kern.contains("Er zijn 3 methoden getest."))
        #expect(kern.contains("Vóór het scoren lag een beslisregel vast. Volgens deze regel is geen methode aantoonbaar beter dan de andere"))
        #expect(kern.contains("wezen de methoden er tussen ongeveer 25 en 111 ten onrechte aan"))
        #expect(kern.contains("Van de 80 campagne-accounts wees geen enkele methode er 20 aan."))
        #expect(kern.contains("Niets in deze proef toont aan dat een campagne uit het buitenland kwam."))
        for term in ["Campagne-account", "Legitiem account", "Ten onrechte aangewezen", "Marge", "Werkpunt", "Beslisregel",
                     "Aantoonbaar beter", "F1"] {
            #expect(html.contains("<dt>\(term)</dt>"), "\(term) is defined")
        }
        #expect(html.contains("met 95 procent zekerheid"))
    }

    @Test func theClosingClaimsNoMoreThanTheRuleDecided() {
        var input = ReportFixture.input
        input.decision?.outcome = "only-recommendable"
        input.decision?.method = "coortweet"
        let only = Self.documents(input).letter
        #expect(only.contains("Volgens de vooraf vastgelegde regel is alleen coortweet aan te bevelen, omdat alleen die "
            + "methode aantoonbaar binnen het budget voor schade blijft; dat zij beter is, is daarmee niet aangetoond."))
        #expect(!only.contains("de beste van de geteste methoden"))
        input.decision?.outcome = "best"
        #expect(Self.documents(input).letter.contains("is coortweet de beste van de geteste methoden"))
        // A method that flags nothing does not open the range of false positives at 0.
        input.methods[1].warnings = ["operating-point-flags-nothing"]
        #expect(Self.documents(input).letter.contains("tussen ongeveer 83 en 111 ten onrechte aan"))
    }

    @Test func theClosingSaysWhatTheRunSupportsBeforeAnyPlaceholder() throws {
        let html = Kamerbrief(ReportFixture.input).html
        let closing = try #require(html.components(separatedBy: "<section id=\"vervolg\"").last?.components(separatedBy: "</section>").first)
        #expect(closing.contains("Tot slot. Deze proef laat zien wat de geteste methoden op deze gegevens wel en niet kunnen. "
            + "Volgens de vooraf vastgelegde regel is geen methode aantoonbaar beter dan de andere. Geen methode vond alle "
            + "campagne-accounts."))
        #expect(!closing.contains("Tot slot. <span class=\"placeholder\">"))
        // The letter claims no DPIA and no minimisation the run cannot show.
        #expect(!html.contains("Alleen de gegevens die nodig waren") && !html.contains("Er is een gegevensbeschermingseffectbeoordeling (DPIA) gedaan"))
        #expect(html.contains("Elke methode kreeg wel de berichten zelf: de tekst, het tijdstip op de seconde en de links."))
    }
}
