/// A draft letter to parliament (Kamerbrief) in plain Dutch at level B1, in the structure of
/// BZK's letters (Kamerstuk 35 165 nr. 64): a banner when the data are simulated, addressee,
/// Datum, Betreft, Kenmerk, the reason for the letter, the Kern, the terms it uses, context,
/// what the pilot did (who delivered which method, from the declarations), the key results in
/// natural frequencies with their margins (first how often each method wrongly flags a
/// legitimate account; a method is named best only when the pre-registered decision rule names
/// it) and one chart, safeguards, appreciation and what the pilot cannot say (`PilotSentences`),
/// a closing from the run, signature and bijlagen. Methods are named by their family in Dutch
/// with the technical name in brackets.
///
/// Everything the ministry must write itself is a visible placeholder, `[IN TE VULLEN: …]`.
/// Every number comes from `ReportInput` and is listed, with its source, in the letter's last
/// annex ("Herkomst van de getallen"), so a reader can trace each one.
package struct Kamerbrief: Sendable {
    package let input: ReportInput

    package init(_ input: ReportInput) {
        self.input = input
    }

    package static let fileName = "kamerbrief.nl.html"

    /// The marker that opens every placeholder.
    package static let placeholderPrefix = "[IN TE VULLEN: "

    /// A number shown in the letter and the field it comes from.
    package struct Figure: Sendable, Hashable {
        package var shown: String
        package var source: String
    }

    /// Collects every number as it is written into the letter.
    struct Ledger {
        var figures: [Figure] = []
        let numbers = Language.nl.numbers

        mutating func integer(_ value: Int, _ source: String) -> String {
            record(numbers.integer(value), source)
        }

        mutating func per(_ value: Double?, base: Int, _ source: String) -> String {
            record(numbers.perBase(value, base: base), source + " × \(base)")
        }

        /// A claim's Dutch text, its figures recorded.
        mutating func claim(_ claim: PilotSentences.Claim) -> String {
            for figure in claim.figures { _ = record(figure.shown.nl, figure.source) }
            return claim.text.nl
        }

        mutating func record(_ shown: String, _ source: String) -> String {
            if !figures.contains(Figure(shown: shown, source: source)) { figures.append(Figure(shown: shown, source: source)) }
            return shown
        }
    }

    static func placeholder(_ what: String) -> HTMLNode {
        .el("span", [.class("placeholder")], text: placeholderPrefix + what + "]")
    }

    /// A paragraph mixing text and placeholders.
    static func paragraph(_ parts: [HTMLNode]) -> HTMLNode { .el("p", [], parts) }

    package var document: HTMLDocument { build().document }

    package var html: String { document.rendered }

    /// Every number in the letter with its source, in order of first use.
    package var figures: [Figure] { build().figures }

    func build() -> (document: HTMLDocument, figures: [Figure]) {
        var ledger = Ledger()
        let truth = input.groundTruth
        let banner: [HTMLNode] = PilotSentences.simulatedBanner(input).map { [.p($0(.nl), class: "banner")] } ?? []
        let preface: [HTMLNode] = banner + [
            .el("p", [.class("note")], [
                .text("Bij publicatie als Kamerstuk: "), Kamerbrief.placeholder("dossiernummer, titel en volgnummer"),
            ]),
            .el("address", [], [
                .text("Aan de Voorzitter van de Tweede Kamer der Staten-Generaal"),
            ]),
            .dl([
                ("Datum", Kamerbrief.placeholder("datum")),
                ("Betreft", .text("Uitkomsten van de proef met methoden die gecoördineerde beïnvloeding op sociale media "
                    + "opsporen")),
                ("Kenmerk", Kamerbrief.placeholder("kenmerk")),
            ]),
            .p("Geachte voorzitter,"),
            Kamerbrief.paragraph([
                .text("Met deze brief informeer ik uw Kamer over de uitkomsten van de proef met methoden die "
                    + "gecoördineerde beïnvloeding op sociale media kunnen opsporen. Daarmee kom ik tegemoet aan "),
                Kamerbrief.placeholder("toezegging, motie of verzoek van de commissie, met vindplaats"),
                .text("."),
            ]),
        ]

        let kern = HTMLDocument.Section(id: "kern", heading: "Kern", body: [.ul(kernItems(&ledger))])
        let terms = HTMLDocument.Section(id: "begrippen", heading: "Wat de woorden in deze brief betekenen",
                                         body: [termList(&ledger)])

        let context = HTMLDocument.Section(id: "aanleiding", heading: "Aanleiding", body: [
            .p("Rond verkiezingen proberen partijen in binnen- en buitenland soms de publieke discussie te beïnvloeden "
                + "met netwerken van accounts die samen optrekken en zich anders voordoen dan ze zijn. Dat is moeilijk "
                + "te zien. Onderzoekers hebben methoden ontwikkeld die zulke patronen opsporen. Voordat de overheid "
                + "zulke methoden gebruikt, moet duidelijk zijn wat ze kunnen en wat niet."),
            Kamerbrief.paragraph([Kamerbrief.placeholder("eerdere brieven en afspraken waarop deze proef voortbouwt")]),
        ])

        let results = HTMLDocument.Section(id: "uitkomsten", heading: "Wat de proef laat zien",
                                           body: keyResults(&ledger) + [chart(&ledger)])

        // Without the anonymise report the sentence keeps its meaning but names no counts.
        var pseudonymised = "Alle accounts en berichten kregen een schuilnaam."
        if let anonymisation = input.anonymisation {
            let accounts = ledger.integer(anonymisation.accounts, "anonimisering: accounts")
            let posts = ledger.integer(anonymisation.posts, "anonimisering: berichten")
            pseudonymised = "De \(accounts) accounts en \(posts) berichten kregen een schuilnaam."
        }
        let safeguards = HTMLDocument.Section(id: "waarborgen", heading: "Waarborgen", body: [
            .el("ul", [], governanceItems + [
                .el("li", text: "De methoden geven signalen aan analisten. Een mens beoordeelt elk signaal. Er worden "
                    + "geen besluiten over personen genomen op basis van een methode."),
                .el("li", text: pseudonymised + " E-mailadressen, telefoonnummers en andere persoonsgegevens in teksten "
                    + "zijn vervangen. " + fieldsReceived(&ledger) + " In de rapporten staan geen accounts en geen berichten."),
                .el("li", [], [.text("Een klankbordgroep, met onder anderen een jurist en een ethicus, heeft de proef "
                    + "gevolgd: "), Kamerbrief.placeholder("samenstelling en rol van de klankbordgroep")]),
            ]),
        ])

        let unlabelled = ledger.integer(truth.unlabelled, "grondwaarheid: accounts zonder label")
        let appreciation = HTMLDocument.Section(id: "waardering", heading: "Waardering en beperkingen", body: [
            Kamerbrief.paragraph([Kamerbrief.placeholder("waardering van de uitkomsten door de minister")]),
            .p("De uitkomsten hebben grenzen. De methoden kijken naar gedrag, niet naar meningen. Een signaal zegt niet "
                + "dat iemand iets verkeerds doet. De proef ging over één periode en een beperkt aantal platforms. Van "
                + "\(unlabelled) accounts wisten we niet of ze bij een campagne hoorden; die tellen niet mee. Ook "
                + "beoordelaars zien niet elke campagne. Wat deze proef verder niet kan zeggen:"),
            .ul(PilotSentences.limits(input).map { ledger.claim($0) }),
            .p("Het rapport voor de klankbordgroep beschrijft alle beperkingen."),
        ])

        let next = HTMLDocument.Section(id: "vervolg", heading: "Vervolg", body: closing(&ledger) + [
            .p("De Minister van Binnenlandse Zaken en Koninkrijksrelaties,", class: "signature"),
            Kamerbrief.paragraph([Kamerbrief.placeholder("naam")]),
        ])

        let annexes = HTMLDocument.Section(id: "bijlagen", heading: "Bijlagen", body: [
            .ul(["Rapport voor de klankbordgroep: " + KlankbordReport.fileName(.nl).replacingOccurrences(of: ".html", with: ".pdf"),
                 "Methodekaarten van de geteste methoden: "
                    + MethodCard.collectionFileName(.nl).replacingOccurrences(of: ".html", with: ".pdf"),
                 "Concept voor het Algoritmeregister: " + RegisterPrefill.fileName]),
        ])

        let sources = HTMLDocument.Section(id: "herkomst", heading: "Herkomst van de getallen", body: [
            .p("Elk getal in deze brief komt uit de resultaten van run \(input.run.runID). Deze tabel noemt de bron.",
               class: "note"),
            DataTable(caption: "Getallen in deze brief", columns: ["Getal", "Bron in de resultaten"],
                      rows: ledger.figures.map { [.number($0.shown), .text($0.source)] }, style: "compact").node,
        ])

        let document = HTMLDocument(
            language: .nl, title: "Concept-Kamerbrief over de proef met opsporingsmethoden",
            subtitle: "Gemaakt uit run \(input.run.runID) van pijplijn \(input.run.pipeline)",
            runningLabel: "Toets · concept-Kamerbrief", draft: true, preface: preface, contents: false,
            sections: [kern, terms, context, pilot(&ledger), results, safeguards, appreciation, next, annexes, sources])
        return (document, ledger.figures)
    }
}
