/// Annex F, the legal frame: what the pipeline's governance declaration says, and what it leaves open.
package enum LegalText: String, Catalogued {
    case heading, intro, example, noDeclaration, openCount, allDeclared, open, openHeading
    case controller, processors, processorsNone, purposes, purposeColumn, basisColumn, purposesCaption
    case special, specialArticle, specialKinds, specialKindsNone, specialFlag, specialHidden
    case retention, keyHolder, dpia, iama, proportionality
    case sourcesCaption, fileColumn, accessColumn, routeColumn, termsColumn, groundTruthFile, sourcesNote
    case accessPublic, accessClosedGroup, accessVettedResearcher, accessDonated
    case iamaLegalFlag, limitationOpen

    package var text: Bilingual {
        switch self {
        case .heading: Bilingual(en: "F. Legal frame", nl: "F. Juridisch kader")
        case .intro:
            Bilingual(en: "What the pipeline declares (under governance:) about the processing behind this evaluation: who "
                          + "is responsible, on which legal basis, how long the data are kept and how they were collected. "
                          + "Toets checks that the declaration is well-formed and shows it as written; whether the processing "
                          + "is lawful is for the sounding board to judge. What the pipeline does not declare is listed as an "
                          + "open question.",
                      nl: "Wat de pijplijn (onder governance:) verklaart over de verwerking achter deze evaluatie: wie "
                          + "verantwoordelijk is, op welke grondslag, hoe lang de gegevens bewaard blijven en hoe ze zijn "
                          + "verzameld. Toets controleert of de verklaring goed is opgesteld en toont haar zoals geschreven; of "
                          + "de verwerking rechtmatig is, beoordeelt de klankbordgroep. Wat de pijplijn niet verklaart, staat "
                          + "hieronder als open vraag.")
        case .example:
            Bilingual(en: "This declaration is the demo's own example: plausible values for a pilot, not the declaration of "
                          + "a real organisation.",
                      nl: "Deze verklaring is het eigen voorbeeld van de demo: aannemelijke waarden voor een proef, niet de "
                          + "verklaring van een echte organisatie.")
        case .noDeclaration:
            Bilingual(en: "The pipeline has no governance declaration: every item below is an open question.",
                      nl: "De pijplijn heeft geen verklaring onder governance: elk punt hieronder is een open vraag.")
        case .openCount:
            Bilingual(en: "{open} of the {items} items below are not declared.",
                      nl: "{open} van de {items} punten hieronder zijn niet verklaard.")
        case .allDeclared:
            Bilingual(en: "All {items} items below are declared.", nl: "Alle {items} punten hieronder zijn verklaard.")
        case .open: Bilingual(en: "Not declared — open question", nl: "Niet verklaard — open vraag")
        case .openHeading: Bilingual(en: "Open questions", nl: "Open vragen")
        case .controller: Bilingual(en: "Controller (GDPR art. 4(7))", nl: "Verwerkingsverantwoordelijke (AVG art. 4 lid 7)")
        case .processors: Bilingual(en: "Processors (GDPR art. 28)", nl: "Verwerkers (AVG art. 28)")
        case .processorsNone: Bilingual(en: "None (declared)", nl: "Geen (verklaard)")
        case .purposes:
            Bilingual(en: "Purposes and legal basis (GDPR art. 6; research: art. 89; platform data: DSA art. 40)",
                      nl: "Doelen en grondslag (AVG art. 6; onderzoek: art. 89; platformgegevens: DSA art. 40)")
        case .purposeColumn: Bilingual(en: "Purpose", nl: "Doel")
        case .basisColumn: Bilingual(en: "Legal basis", nl: "Grondslag")
        case .purposesCaption: Bilingual(en: "Legal basis per purpose, as declared", nl: "Grondslag per doel, zoals verklaard")
        case .special:
            Bilingual(en: "Ground for special categories (GDPR art. 9, UAVG art. 24)",
                      nl: "Grond voor bijzondere persoonsgegevens (AVG art. 9, UAVG art. 24)")
        case .specialArticle: Bilingual(en: "GDPR art. {article}", nl: "AVG art. {article}")
        case .specialKinds:
            Bilingual(en: "Label kinds that reveal special categories", nl: "Soorten labels die bijzondere persoonsgegevens onthullen")
        case .specialKindsNone:
            Bilingual(en: "None among the label kinds shown.", nl: "Geen onder de getoonde soorten labels.")
        case .specialFlag:
            Bilingual(en: "Special-category data without a declared ground: the labels include kinds that reveal special "
                          + "categories of personal data (GDPR art. 9): {kinds}. The declaration names no exception of art. "
                          + "9(2) for processing them (for scientific research: 9(2)(j), with UAVG art. 24). This report "
                          + "cannot say on what ground these labels are processed.",
                      nl: "Bijzondere persoonsgegevens zonder verklaarde grond: de labels bevatten soorten die bijzondere "
                          + "persoonsgegevens onthullen (AVG art. 9): {kinds}. De verklaring noemt geen uitzondering van art. "
                          + "9 lid 2 om ze te verwerken (voor wetenschappelijk onderzoek: 9 lid 2 sub j, met UAVG art. 24). "
                          + "Dit rapport kan niet zeggen op welke grond deze labels worden verwerkt.")
        case .specialHidden:
            Bilingual(en: "{n} labelled accounts belong to kinds too small to show; whether those kinds reveal special "
                          + "categories is not checked here.",
                      nl: "{n} gelabelde accounts horen bij soorten die te klein zijn om te tonen; of die soorten bijzondere "
                          + "persoonsgegevens onthullen, is hier niet gecontroleerd.")
        case .retention: Bilingual(en: "Retention (GDPR art. 5(1)(e))", nl: "Bewaartermijn (AVG art. 5 lid 1 sub e)")
        case .keyHolder:
            Bilingual(en: "Holder of the pseudonymisation key (GDPR art. 4(5))",
                      nl: "Houder van de pseudonimiseringssleutel (AVG art. 4 lid 5)")
        case .dpia: Bilingual(en: "DPIA (GDPR art. 35)", nl: "DPIA (AVG art. 35)")
        case .iama: Bilingual(en: "IAMA", nl: "IAMA")
        case .proportionality:
            Bilingual(en: "Necessity, subsidiarity and proportionality", nl: "Noodzakelijkheid, subsidiariteit en proportionaliteit")
        case .sourcesCaption:
            Bilingual(en: "How each source file was collected, as declared", nl: "Hoe elk bronbestand is verzameld, zoals verklaard")
        case .fileColumn: Bilingual(en: "Source file", nl: "Bronbestand")
        case .accessColumn: Bilingual(en: "Access", nl: "Toegang")
        case .routeColumn: Bilingual(en: "Collection route", nl: "Manier van verzamelen")
        case .termsColumn: Bilingual(en: "Terms", nl: "Voorwaarden")
        case .groundTruthFile: Bilingual(en: "{file} (labels)", nl: "{file} (labels)")
        case .sourcesNote:
            Bilingual(en: "Only sources declared as public are called public posts in these documents. An export of a "
                          + "closed group is not publicly accessible data; DSA art. 40(12) covers publicly accessible data "
                          + "only, and non-public platform data reach vetted researchers through the Digital Services "
                          + "Coordinator (in the Netherlands the ACM) under art. 40(4).",
                      nl: "Alleen bronnen die als openbaar zijn verklaard, heten in deze documenten openbare berichten. Een "
                          + "export van een gesloten groep is geen openbaar toegankelijke informatie; DSA art. 40 lid 12 gaat "
                          + "alleen over openbaar toegankelijke gegevens, en niet-openbare platformgegevens komen bij erkende "
                          + "onderzoekers via de digitaledienstencoördinator (in Nederland de ACM) volgens art. 40 lid 4.")
        case .accessPublic: Bilingual(en: "public posts", nl: "openbare berichten")
        case .accessClosedGroup: Bilingual(en: "export of a closed group (not public)", nl: "export van een gesloten groep (niet openbaar)")
        case .accessVettedResearcher:
            Bilingual(en: "non-public data for vetted researchers (DSA art. 40(4))",
                      nl: "niet-openbare gegevens voor erkende onderzoekers (DSA art. 40 lid 4)")
        case .accessDonated: Bilingual(en: "data donated by the people themselves", nl: "gegevens die mensen zelf hebben gedoneerd")
        case .limitationOpen:
            Bilingual(en: "The pipeline leaves {n} questions of the legal frame open (annex F): this report cannot answer them.",
                      nl: "De pijplijn laat {n} vragen over het juridisch kader open (bijlage F): dit rapport kan ze niet beantwoorden.")
        case .iamaLegalFlag:
            Bilingual(en: "Label kinds reveal special categories ({kinds}) and no art. 9(2) ground is declared (annex F).",
                      nl: "Soorten labels onthullen bijzondere persoonsgegevens ({kinds}) en er is geen grond van art. 9 lid 2 "
                          + "verklaard (bijlage F).")
        }
    }

    /// The words for a declared access kind (`Governance.Access`'s raw value).
    static func access(_ raw: String) -> LegalText? {
        switch raw {
        case "public": .accessPublic
        case "closed_group": .accessClosedGroup
        case "vetted_researcher": .accessVettedResearcher
        case "donated": .accessDonated
        default: nil
        }
    }
}
