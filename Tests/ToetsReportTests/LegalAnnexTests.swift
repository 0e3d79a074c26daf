import Foundation
import Testing
import ToetsModel
import ToetsTestSupport
@testable import ToetsReport

/// Annex F and what else takes the governance declaration: the annex says what the declaration
/// says in both languages, shows what it leaves out as an open question, flags labels that reveal
/// special categories without an art. 9 ground; the IAMA rows, the Kamerbrief and the register
/// use it.
@Suite struct LegalAnnexTests {
    static func annex(_ input: ReportInput, _ language: Language) -> String {
        KlankbordReport(input, language: language).legalAnnex.node(level: 3).rendered
    }

    static func iama(_ input: ReportInput, _ language: Language, _ topic: IAMAText) -> String? {
        IAMACrosswalk(report: KlankbordReport(input, language: language)).rows.first { $0.topic == topic }?.answer
    }

    @Test func theAnnexSaysWhatTheDeclarationSaysInBothLanguages() {
        let input = ReportFixture.input
        let english = Self.annex(input, .en), dutch = Self.annex(input, .nl)
        // A long word in a row head may carry soft hyphens, where it can break on paper.
        for (text, language) in [(english, Language.en), (dutch, .nl)].map({ ($0.replacingOccurrences(of: "\u{AD}", with: ""), $1) }) {
            let g = input.governance
            for declared in [g.controller, g.keyHolder, g.dpia, g.iama, g.proportionality, g.processors?.first,
                             g.purposes?.first?.purpose, g.purposes?.first?.legalBasis, g.sources[0].route, g.sources[0].terms] {
                let shown = HTMLNode.text(declared.map { $0(language) } ?? "missing").rendered
                #expect(text.contains(shown), "\(language): \(shown)")
            }
        }
        #expect(english.contains("Controller (GDPR art. 4(7))") && dutch.contains("Verwerkingsverantwoordelijke (AVG art. 4 lid 7)"))
        #expect(english.contains("export of a closed group (not public)") && dutch.contains("export van een gesloten groep (niet openbaar)"))
        #expect(english.contains("<td>public posts</td>") && dutch.contains("<td>openbare berichten</td>"))
        // The report's own sections: the annex is the last one.
        #expect(KlankbordReport(input, language: .en).html.contains("<h3 id=\"h-legal\">F. Legal frame</h3>"))
    }

    @Test func whatIsNotDeclaredIsAnOpenQuestionNeverLeftOut() {
        var input = ReportFixture.input
        // The fixture leaves out the retention period, the art. 9 ground and the labels' collection.
        var english = Self.annex(input, .en), dutch = Self.annex(input, .nl)
        #expect(english.contains("<dt>Retention (GDPR art. 5(1)(e))</dt>\n<dd><span class=\"open\">Not declared — open question</span></dd>"))
        #expect(dutch.contains("<dt>Bewaartermijn (AVG art. 5 lid 1 sub e)</dt>\n<dd><span class=\"open\">Niet verklaard — open vraag</span></dd>"))
        // 9 items + 1 purpose + 3 sources; open: retention, the art. 9 ground, the labels' route.
        #expect(english.contains("3 of the 13 items below are not declared."))
        #expect(dutch.contains("3 van de 13 punten hieronder zijn niet verklaard."))
        #expect(english.contains("<li>labels.csv: collection route, terms</li>") && dutch.contains("<li>labels.csv: manier van verzamelen, voorwaarden</li>"))
        // The limitations say so too.
        #expect(KlankbordReport(input, language: .en).html.contains("<li>The pipeline leaves 3 questions of the legal frame open (annex F)"))
        #expect(KlankbordReport(input, language: .nl).html.contains("<li>De pijplijn laat 3 vragen over het juridisch kader open (bijlage F)"))

        // A purpose without a basis, and a source no declaration names.
        input.governance.purposes?[0].legalBasis = nil
        input.governance.sources.append(GovernanceFacts.Source(file: "tiktok.ndjson.gz"))
        english = Self.annex(input, .en)
        #expect(english.contains("<th scope=\"row\">Testing detection methods</th><td>Not declared — open question</td>"))
        #expect(english.contains("<th scope=\"row\">tiktok.ndjson.gz</th><td>Not declared — open question</td><td>Not declared — open question</td>"))
        #expect(english.contains("5 of the 14 items below are not declared."))
        #expect(Self.iama(input, .en, .legalTopic)?.contains("GDPR art. 6") != true)

        // No declaration at all: every item is open, and the IAMA rows stay open.
        input.governance = GovernanceFacts()
        input.legitimateCoordination = []
        english = Self.annex(input, .en)
        dutch = Self.annex(input, .nl)
        #expect(english.contains("The pipeline has no governance declaration"))
        #expect(dutch.contains("De pijplijn heeft geen verklaring onder governance"))
        #expect(english.components(separatedBy: "Not declared — open question").count - 1 == 9)
        #expect(english.contains("9 of the 9 items below are not declared."))
        #expect(Self.iama(input, .en, .legalTopic) == nil && Self.iama(input, .en, .proportionalityTopic) == nil)
    }

    @Test func theDemoDeclaresEverythingAndSaysItIsAnExample() throws {
        var input = ReportFixture.input
        input.governance = try ReportFixture.demoGovernance()
        for language in Language.allCases {
            let annex = Self.annex(input, language)
            #expect(!annex.contains(LegalText.open(language)) && !annex.contains(LegalText.openHeading(language)), "\(language)")
            // Nine items, two purposes and five source files.
            #expect(annex.contains(LegalText.allDeclared.filled(["items": "16"])(language)), "\(language)")
            #expect(annex.contains("<p class=\"banner\">" + LegalText.example(language) + "</p>"))
            #expect(!KlankbordReport(input, language: language).html.contains(LegalText.limitationOpen.filled(["n": ""])(language).prefix(20)))
            // Its art. 9 ground ends the flag though its labels have volunteers.
            #expect(!annex.contains(LegalText.specialFlag.filled(["kinds": ""])(language).prefix(40)))
        }
        #expect(!Kamerbrief(input).html.contains(Kamerbrief.placeholderPrefix + "wettelijke grondslag"))
        #expect(Kamerbrief(input).html.contains("<li>De verklaring over verantwoordelijkheid, grondslag en herkomst van de gegevens "
                                                + "is een voorbeeld van de demo, niet die van een echte organisatie.</li>"))
        #expect(Self.annex(input, .nl).contains("<dd>AVG art. 9 lid 2 sub j: Wetenschappelijk onderzoek"))
        #expect(Self.annex(input, .en).contains("<dd>GDPR art. 9(2)(j): Scientific research"))
    }

    @Test func aTextDeclaredOnlyAsWrittenIsMarkedInDutchDocuments() throws {
        var input = ReportFixture.input
        input.governance.sources[0].route = DeclaredText("Group exports")
        input.governance.purposes?[0].legalBasis = DeclaredText("GDPR art. 6(1)(e)")
        let marked = "(niet in het Nederlands opgegeven)"
        #expect(Self.annex(input, .nl).contains("<td>Group exports \(marked)</td>"))
        #expect(Self.annex(input, .nl).contains("<td>AVG art. 6 lid 1 sub e</td>") == false)
        #expect(Self.annex(input, .en).contains("<td>Group exports</td>"))
        #expect(Kamerbrief(input).html.contains("<span class=\"declared\">Group exports \(marked)</span>"))
        let basis = try #require(RegisterPrefill(input).json["registratie"]?["lawful_basis"]?.stringValue)
        #expect(basis == "Opsporingsmethoden toetsen: GDPR art. 6(1)(e) \(marked).")
    }

    @Test func theIAMARowsUseTheDeclarationInsteadOfOpen() {
        var input = ReportFixture.input
        input.governance.specialArticle = "9(2)(j)"
        #expect(Self.iama(input, .en, .legalTopic) == "Testing detection methods: GDPR art. 6(1)(e) with the safeguards of art. 89(1)")
        #expect(Self.iama(input, .nl, .legalTopic) == "Opsporingsmethoden toetsen: AVG art. 6 lid 1 sub e met de waarborgen van art. 89 lid 1")
        #expect(Self.iama(input, .nl, .proportionalityTopic) == input.governance.proportionality?.nl)
        let table = KlankbordReport(input, language: .en).html
        #expect(!table.contains("<td>Legal basis</td><td>Open</td>"))
    }

    @Test func labelsThatRevealPoliticalOpinionsWithoutAGroundAreFlagged() {
        var input = ReportFixture.input  // labels of kind volunteers, no art. 9 ground
        let english = KlankbordReport(input, language: .en).html, dutch = KlankbordReport(input, language: .nl).html
        #expect(english.contains("<p class=\"banner\">Special-category data without a declared ground: the labels include kinds "
                                 + "that reveal special categories of personal data (GDPR art. 9): volunteers (political opinions)."))
        #expect(dutch.contains("<p class=\"banner\">Bijzondere persoonsgegevens zonder verklaarde grond: de labels bevatten soorten "
                               + "die bijzondere persoonsgegevens onthullen (AVG art. 9): vrijwilligers (politieke opvattingen)."))
        // In the limitations and the IAMA row too.
        #expect(english.contains("<li>Label kinds reveal special categories (volunteers (political opinions)) and no art. 9(2) ground"))
        #expect(Self.iama(input, .en, .legalTopic)?.hasSuffix("no art. 9(2) ground is declared (annex F).") == true)
        #expect(Kamerbrief(input).html.contains("Sommige labels laten bijzondere persoonsgegevens zien: vrijwilligers (politieke opvattingen)."))

        // A declared ground ends the flag, and the annex shows it.
        input.governance.specialArticle = "9(2)(j)"
        input.governance.specialGround = DeclaredText("Research with UAVG art. 24", nl: "Onderzoek met UAVG art. 24")
        let grounded = KlankbordReport(input, language: .en).html
        #expect(!grounded.contains("Special-category data without a declared ground"))
        #expect(grounded.contains("<dd>GDPR art. 9(2)(j): Research with UAVG art. 24</dd>"))
        #expect(grounded.contains("volunteers (political opinions)"), "the kinds are still named")
        #expect(!Kamerbrief(input).html.contains("Sommige labels laten bijzondere persoonsgegevens zien"))

        // Kinds of data not seen here are recognised by their words; a pipeline adds its own.
        #expect(SpecialCategories.category(of: "party_members", declared: []) == .politicalOpinions)
        #expect(SpecialCategories.category(of: "church_groups", declared: []) == .religion)
        #expect(SpecialCategories.category(of: "fans", declared: []) == nil)
        #expect(SpecialCategories.category(of: "news_syndication", declared: []) == nil)
        #expect(SpecialCategories.category(of: "lokale_groep", declared: ["lokale_groep"]) == .politicalOpinions)
    }

    @Test func theKamerbriefAndTheRegisterUseTheDeclaredCollectionRoute() throws {
        var input = ReportFixture.input  // telegram.zip is a closed group's export
        var letter = Kamerbrief(input).html
        #expect(letter.contains("Niet alle berichten waren openbaar. Zo zijn de gegevens verzameld:"))
        #expect(letter.contains("<li><span class=\"declared\">Exports van gemeentelijke groepen door hun leden</span>: export van een "
                                + "gesloten groep (niet openbaar)</li>"))
        #expect(letter.contains("<li>Gegevensbeschermingseffectbeoordeling (DPIA): <span class=\"declared\">DPIA-2026-01 van 15 januari 2026</span></li>"))
        #expect(letter.contains("Grondslag voor het verwerken van de gegevens: <span class=\"declared\">Opsporingsmethoden toetsen: AVG art. 6 lid 1 sub e"))
        var data = try #require(RegisterPrefill(input).json["registratie"]?["source_data"]?.stringValue)
        #expect(data.contains("Herkomst: telegram.zip: export van een gesloten groep (niet openbaar), Exports van gemeentelijke groepen"))
        #expect(data.contains("x.tar.gz: openbare berichten"))

        // All public: the letter says so plainly; nothing declared: the ministry is asked.
        input.governance.sources.removeAll { $0.file == "telegram.zip" }
        letter = Kamerbrief(input).html
        #expect(!letter.contains("Niet alle berichten waren openbaar") && letter.contains("Zo zijn de gegevens verzameld:"))
        input.governance = GovernanceFacts()
        input.governance.sources = [GovernanceFacts.Source(file: "telegram.zip")]
        letter = Kamerbrief(input).html
        #expect(letter.contains("Hoe de gegevens zijn verzameld: <span class=\"placeholder\">[IN TE VULLEN: herkomst en voorwaarden"))
        #expect(!letter.contains("openbare berichten") && !letter.contains("Zo zijn de gegevens verzameld"))
        data = try #require(RegisterPrefill(input).json["registratie"]?["source_data"]?.stringValue)
        #expect(!data.contains("Herkomst") && !data.contains("openbare"))
    }

    @Test func theMappingListsEverySourceFileUpstreamDeclaredOrNot() {
        var governance = Governance()
        governance.retention = Governance.Text("one year", nl: "een jaar")
        governance.sources = [Governance.Source(file: "b.zip", access: .closedGroup)]
        func source(_ stage: String, _ role: StageRole, _ files: [String]) -> StageDeclaration {
            StageDeclaration(stage: stage, kind: "source", kindVersion: 1, role: role,
                             parameters: ["files": .map(Dictionary(uniqueKeysWithValues: files.map { ($0, .string("d/" + $0)) }))],
                             code: [:], command: nil, about: StageAbout())
        }
        let facts = GovernanceFacts(governance, declarations: [
            "labels": source("labels", .groundTruth, ["labels.csv"]), "data": source("data", .data, ["b.zip", "a.csv"]),
        ])
        #expect(facts.declared && facts.retention == DeclaredText("one year", nl: "een jaar") && facts.controller == nil)
        #expect(facts.sources.map(\.file) == ["a.csv", "b.zip", "labels.csv"])
        #expect(facts.sources.map(\.groundTruth) == [false, false, true])
        #expect(facts.sources[1].access == "closed_group" && facts.sources[0].access == nil)
        #expect(facts.hasNonPublicSources)
        #expect(!GovernanceFacts(nil, declarations: [:]).declared)
    }

    @Test func theStageReadsThePipelinesDeclarationIntoAnnexF() async throws {
        let pipeline = """
            governance:
              retention: {en: one year, nl: een jaar}
              sources:
                labels: {route: {en: The fixture's annotators, nl: De beoordelaars van de fixture}}
            """ + "\n" + ReportStageTests.pipeline()
        let fixture = try PipelineFixture(pipeline, files: ReportStageTests.files)
        let summary = try await fixture.run(registry: ReportStageTests.registry)
        #expect(summary.status == .succeeded)
        let outputs = Dictionary(uniqueKeysWithValues: try ReportStageTests.outputs(fixture, summary))
        let english = try #require(outputs["klankbord.en.html"]), dutch = try #require(outputs["klankbord.nl.html"])
        #expect(english.contains("<dt>Retention (GDPR art. 5(1)(e))</dt>\n<dd>one year</dd>"))
        #expect(dutch.contains("<dt>Bewaartermijn (AVG art. 5 lid 1 sub e)</dt>\n<dd>een jaar</dd>"))
        #expect(english.contains("<dt>Controller (GDPR art. 4(7))</dt>\n<dd><span class=\"open\">Not declared — open question</span></dd>"))
        // Every source file upstream, declared or not.
        #expect(english.contains("<th scope=\"row\">labels (labels)</th><td>–</td><td>The fixture&#39;s annotators</td>")
                || english.contains("<th scope=\"row\">labels (labels)</th><td>–</td><td>The fixture's annotators</td>"))
        #expect(english.contains("<li>posts: access, collection route, terms</li>") && english.contains("<li>detections: access, collection route, terms</li>"))
        #expect(english.contains("<li>labels: terms</li>"))
        let input = try #require(outputs["report-input.json"])
        #expect(input.contains("\"retention\""))
    }
}
