/// The klankbord report's headings and sentences, sections 1 to 4.
package enum KlankbordText: String, Catalogued {
    case title, subtitle, runningLabel
    case summaryHeading, summaryIntro, summaryIntervals, summaryTableCaption, summaryFrequenciesHeading
    case summaryComparisons, summaryNoComparisons
    case precision, recall, f1, averagePrecision, falsePositiveRate, flagged
    case frequencyPrecision, frequencyRecall, frequencyFalsePositives, frequencyUndefined, frequencyInterval
    case useHeading, useIntended, useIntendedItems, useOutOfScope, useOutOfScopeItems, useOperatingPoint
    case datasheetHeading, datasheetIntro, datasheetSources, datasheetPeriod, datasheetLabelling, datasheetAnnotators
    case datasheetAgreement, datasheetLabelled, datasheetPositives, datasheetNegatives, datasheetUndecided
    case datasheetUnlabelled, datasheetCampaigns, datasheetPrevalence, datasheetUnknowns, datasheetAgreementNone
    case cardsHeading, cardsIntro, cardTeam, cardVersion, cardKind, cardSummary, cardRule, cardHowFixed
    case cardFixedBefore, cardFixedBeforeYes, cardFixedBeforeNo, cardScored, cardProbabilities, cardParameters
    case cardCode, cardNoParameters, cardNoCode, cardThreshold, cardTitle
    case cardKindBuiltIn, cardKindExternal, cardKindExternalUnsandboxed, cardCommand, cardSelfLearning, cardBuiltInCode
    case cardFields, cardFieldsAll, cardFieldsOnly, cardImage

    package var text: Bilingual {
        switch self {
        case .title:
            Bilingual(en: "Detecting coordinated inauthentic behaviour: evaluation of the proposed methods",
                      nl: "Herkennen van gecoördineerd onecht gedrag: evaluatie van de voorgestelde methoden")
        case .subtitle:
            Bilingual(en: "Report for the sounding board · pipeline {pipeline}, run {run}, {date}",
                      nl: "Rapport voor de klankbordgroep · pijplijn {pipeline}, run {run}, {date}")
        case .runningLabel: Bilingual(en: "Toets · sounding-board report", nl: "Toets · klankbordrapport")

        case .summaryHeading: Bilingual(en: "1. Summary", nl: "1. Samenvatting")
        case .summaryIntro:
            Bilingual(en: "This report compares {methods} methods on {labelled} accounts whose label is known: {positives} "
                          + "belong to one of {campaigns} campaigns, {negatives} do not. Each method flagged accounts at an "
                          + "operating point declared in the pipeline, and no method could read the labels (the runner "
                          + "refuses a method that needs them); tuning on earlier reports of the same labels is not ruled out.",
                      nl: "Dit rapport vergelijkt {methods} methoden op {labelled} accounts waarvan bekend is of ze bij een "
                          + "campagne horen: {positives} horen bij een van {campaigns} campagnes, {negatives} niet. Elke "
                          + "methode wees accounts aan bij een werkpunt dat in de pijplijn vastlag, en geen methode kon de "
                          + "labels lezen (de pijplijn weigert een methode die ze nodig heeft). Afstemmen op eerdere "
                          + "rapporten over dezelfde labels is daarmee niet uitgesloten.")
        case .summaryIntervals:
            Bilingual(en: "Numbers in brackets are {level}% intervals ({method}; resampled unit: {unit}). A wide interval "
                          + "means the data cannot pin the figure down.",
                      nl: "Getallen tussen haakjes zijn {level}%-intervallen ({method}; eenheid van hertrekking: {unit}). "
                          + "Een breed interval betekent dat de gegevens het getal niet precies kunnen vaststellen.")
        case .summaryTableCaption:
            Bilingual(en: "Precision, recall and F1 at each method's operating point, and average precision over all "
                          + "thresholds",
                      nl: "Precisie, recall en F1 bij het werkpunt van elke methode, en gemiddelde precisie over alle "
                          + "drempels")
        case .summaryFrequenciesHeading: Bilingual(en: "In natural frequencies", nl: "In natuurlijke frequenties")
        case .summaryComparisons:
            Bilingual(en: "{significant} of {pairs} differences between two methods hold after Holm's correction "
                          + "(α = {alpha}); see section 5.",
                      nl: "{significant} van de {pairs} verschillen tussen twee methoden blijven overeind na de correctie "
                          + "van Holm (α = {alpha}); zie hoofdstuk 5.")
        case .summaryNoComparisons:
            Bilingual(en: "With a single method there is no comparison between methods.",
                      nl: "Met één methode is er geen vergelijking tussen methoden.")
        case .precision: Bilingual(en: "Precision", nl: "Precisie")
        case .recall: Bilingual(en: "Recall", nl: "Recall")
        case .f1: Bilingual(en: "F1", nl: "F1")
        case .averagePrecision: Bilingual(en: "Average precision", nl: "Gemiddelde precisie")
        case .falsePositiveRate: Bilingual(en: "False-positive rate", nl: "Fout-positieffractie")
        case .flagged: Bilingual(en: "Flagged", nl: "Aangewezen")
        case .frequencyPrecision:
            Bilingual(en: "Of every 100 accounts {method} flags, about {n} belong to a campaign{interval}.",
                      nl: "Van elke 100 accounts die {method} aanwijst, horen er ongeveer {n} bij een campagne{interval}.")
        case .frequencyRecall:
            Bilingual(en: "Of every 100 accounts that belong to a campaign, it finds about {n}{interval}.",
                      nl: "Van elke 100 accounts die bij een campagne horen, vindt de methode er ongeveer {n}{interval}.")
        case .frequencyFalsePositives:
            Bilingual(en: "Of every 1000 accounts that belong to no campaign, it flags about {n} by mistake{interval}.",
                      nl: "Van elke 1000 accounts die bij geen campagne horen, wijst de methode er ongeveer {n} ten "
                          + "onrechte aan{interval}.")
        case .frequencyUndefined:
            Bilingual(en: "{method}: this figure cannot be computed ({reason}).",
                      nl: "{method}: dit getal is niet te berekenen ({reason}).")
        case .frequencyInterval: Bilingual(en: " (between {low} and {high})", nl: " (tussen {low} en {high})")

        case .useHeading: Bilingual(en: "2. Intended use and out-of-scope uses", nl: "2. Bedoeld gebruik en gebruik buiten bereik")
        case .useIntended: Bilingual(en: "What the methods are for:", nl: "Waarvoor de methoden bedoeld zijn:")
        case .useIntendedItems:
            Bilingual(en: "Signals for trained human analysts, who check every flagged group against its evidence before "
                          + "anything is concluded.|Finding patterns of coordination (shared links, near-identical texts, "
                          + "actions at the same moment) across many accounts at once.|Comparing methods with each other "
                          + "on the same data under the same rules.",
                      nl: "Signalen voor getrainde analisten, die elke aangewezen groep eerst met het bewijs vergelijken "
                          + "voordat er iets wordt geconcludeerd.|Patronen van coördinatie vinden (gedeelde links, bijna "
                          + "gelijke teksten, acties op hetzelfde moment) over veel accounts tegelijk.|Methoden met elkaar "
                          + "vergelijken op dezelfde gegevens en volgens dezelfde regels.")
        case .useOutOfScope: Bilingual(en: "What they must not be used for:", nl: "Waarvoor ze niet gebruikt mogen worden:")
        case .useOutOfScopeItems:
            Bilingual(en: "Decisions about persons: no account, user or group may be reported, blocked, investigated or "
                          + "named on the strength of a flag alone.|Judging opinions: the methods look at behaviour, not "
                          + "at what is said; a flag says nothing about whether a view is right, wrong or foreign.|"
                          + "Inferring anyone's origin, language community or political preference.|Data, platforms or "
                          + "periods other than those evaluated here without a new evaluation.",
                      nl: "Besluiten over personen: geen account, gebruiker of groep mag worden gemeld, geblokkeerd, "
                          + "onderzocht of genoemd alleen omdat een methode hem aanwijst.|Meningen beoordelen: de methoden "
                          + "kijken naar gedrag, niet naar wat er gezegd wordt; een aanwijzing zegt niets over de vraag of "
                          + "een standpunt juist, onjuist of buitenlands is.|De herkomst, taalgemeenschap of politieke "
                          + "voorkeur van iemand afleiden.|Andere gegevens, platforms of perioden dan de hier geëvalueerde, "
                          + "zonder nieuwe evaluatie.")
        case .useOperatingPoint:
            Bilingual(en: "The figures hold for the operating points the teams declared. Another threshold gives other "
                          + "figures; the curves in section 5 show how they move.",
                      nl: "De getallen gelden voor de werkpunten die de teams hebben opgegeven. Een andere drempel geeft "
                          + "andere getallen; de curves in hoofdstuk 5 laten zien hoe die veranderen.")

        case .datasheetHeading: Bilingual(en: "3. The ground truth", nl: "3. De grondwaarheid")
        case .datasheetIntro:
            Bilingual(en: "The labels every method is scored against, described as a datasheet. Methods never saw them.",
                      nl: "De labels waartegen elke methode wordt gescoord, beschreven als datasheet. De methoden hebben "
                          + "ze nooit gezien.")
        case .datasheetSources: Bilingual(en: "Sources", nl: "Bronnen")
        case .datasheetPeriod: Bilingual(en: "Period", nl: "Periode")
        case .datasheetLabelling: Bilingual(en: "How labels were made", nl: "Hoe de labels tot stand kwamen")
        case .datasheetAnnotators: Bilingual(en: "Annotators", nl: "Annotatoren")
        case .datasheetAgreement: Bilingual(en: "Agreement between annotators", nl: "Overeenstemming tussen annotatoren")
        case .datasheetAgreementNone: Bilingual(en: "not measured", nl: "niet gemeten")
        case .datasheetLabelled: Bilingual(en: "Accounts with a decided label", nl: "Accounts met een vastgesteld label")
        case .datasheetPositives: Bilingual(en: "Campaign accounts", nl: "Campagne-accounts")
        case .datasheetNegatives: Bilingual(en: "Accounts in no campaign", nl: "Accounts in geen campagne")
        case .datasheetUndecided: Bilingual(en: "Labelled, but annotators disagreed", nl: "Gelabeld, maar annotatoren waren het oneens")
        case .datasheetUnlabelled: Bilingual(en: "Accounts without a label", nl: "Accounts zonder label")
        case .datasheetCampaigns: Bilingual(en: "Campaigns", nl: "Campagnes")
        case .datasheetPrevalence: Bilingual(en: "Share of campaign accounts (prevalence)", nl: "Aandeel campagne-accounts (prevalentie)")
        case .datasheetUnknowns:
            Bilingual(en: "Accounts without a label are unknown, not innocent: they are left out of precision and recall. "
                          + "Section 8 says what this means for the figures.",
                      nl: "Accounts zonder label zijn onbekend, niet onschuldig: ze tellen niet mee in precisie en recall. "
                          + "Hoofdstuk 8 zegt wat dit betekent voor de getallen.")

        case .cardsHeading: Bilingual(en: "4. The methods", nl: "4. De methoden")
        case .cardsIntro:
            Bilingual(en: "One card per method: who made it, which code ran (by digest), with which parameters, and how "
                          + "its operating point was fixed.",
                      nl: "Eén kaart per methode: wie hem maakte, welke code draaide (met digest), met welke parameters, "
                          + "en hoe het werkpunt werd vastgelegd.")
        case .cardTitle: Bilingual(en: "Method card: {method}", nl: "Methodekaart: {method}")
        case .cardTeam: Bilingual(en: "Team", nl: "Team")
        case .cardVersion: Bilingual(en: "Version", nl: "Versie")
        case .cardKind: Bilingual(en: "Kind", nl: "Soort")
        case .cardSummary: Bilingual(en: "What it does", nl: "Wat hij doet")
        case .cardRule: Bilingual(en: "Operating point", nl: "Werkpunt")
        case .cardThreshold: Bilingual(en: "Threshold", nl: "Drempel")
        case .cardHowFixed: Bilingual(en: "How it was fixed", nl: "Hoe het werd vastgelegd")
        case .cardFixedBefore: Bilingual(en: "Fixed before labels were read", nl: "Vastgelegd voordat labels werden gelezen")
        case .cardFixedBeforeYes:
            Bilingual(en: "yes, the provenance log shows it", nl: "ja, het herkomstlogboek laat dat zien")
        case .cardFixedBeforeNo:
            Bilingual(en: "no, or not shown: treat its figures with extra care",
                      nl: "nee, of niet aangetoond: lees de getallen met extra voorzichtigheid")
        case .cardScored:
            Bilingual(en: "Labelled accounts scored", nl: "Gelabelde accounts met een score")
        case .cardProbabilities: Bilingual(en: "Scores are probabilities", nl: "Scores zijn kansen")
        case .cardParameters: Bilingual(en: "Parameters of {method}", nl: "Parameters van {method}")
        case .cardCode: Bilingual(en: "Code of {method}, by SHA-256", nl: "Code van {method}, met SHA-256")
        case .cardNoParameters: Bilingual(en: "No parameters.", nl: "Geen parameters.")
        case .cardNoCode: Bilingual(en: "No code files declared.", nl: "Geen codebestanden opgegeven.")
        case .cardKindBuiltIn:
            Bilingual(en: "built into Toets", nl: "ingebouwd in Toets")
        case .cardKindExternal:
            Bilingual(en: "an external command, run by Toets in a sandbox that showed it only its declared inputs and "
                          + "code, without network, keys or ground truth",
                      nl: "een extern commando, door Toets uitgevoerd in een afgeschermde omgeving die alleen de "
                          + "opgegeven invoer en code toonde, zonder netwerk, sleutels of grondwaarheid")
        case .cardKindExternalUnsandboxed:
            Bilingual(en: "an external command, run WITHOUT the sandbox (toets run --unsandboxed): it could have read "
                          + "the ground truth and the keys, so its results do not count as a sealed evaluation",
                      nl: "een extern commando, ZONDER afscherming uitgevoerd (toets run --unsandboxed): het had de "
                          + "grondwaarheid en de sleutels kunnen lezen, dus de uitkomsten gelden niet als verzegelde "
                          + "evaluatie")
        case .cardFields: Bilingual(en: "Post fields it received", nl: "Berichtvelden die de methode kreeg")
        case .cardFieldsAll:
            Bilingual(en: "every field of every post, as it declared none: full texts, times to the second, links, "
                          + "hashtags, mentions and account metadata, whether it needed them or not",
                      nl: "alle velden van elk bericht, omdat de methode er geen opgaf: volledige teksten, tijden tot op "
                          + "de seconde, links, hashtags, vermeldingen en accountgegevens, of ze nodig waren of niet")
        case .cardFieldsOnly:
            Bilingual(en: "only the fields it declared; Toets left every other field out of its posts:",
                      nl: "alleen de opgegeven velden; Toets liet elk ander veld uit de berichten weg:")
        case .cardCommand: Bilingual(en: "Command", nl: "Commando")
        case .cardImage:
            Bilingual(en: "Environment: the container image it ran in, by SHA-256",
                      nl: "Omgeving: het container-image waarin het draaide, met SHA-256")
        case .cardSelfLearning: Bilingual(en: "Learns from data", nl: "Zelflerend")
        case .cardBuiltInCode:
            Bilingual(en: "Built into Toets: its code is the tool's, identified by the version and commit in the "
                          + "reproducibility annex.",
                      nl: "Ingebouwd in Toets: de code is die van het programma, herkenbaar aan de versie en commit in de "
                          + "bijlage over reproduceerbaarheid.")
        }
    }
}
