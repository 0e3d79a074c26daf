/// What the letter takes from the pipeline's governance declaration: how the data were collected
/// (public posts only where declared so), the legal basis, the DPIA, and special-category labels
/// without a ground. Where nothing is declared, a placeholder asks the ministry.
extension Kamerbrief {
    private var governance: GovernanceFacts { input.governance }

    /// A text quoted from the pipeline's declaration, marked as such: its words (and numbers,
    /// such as article numbers and dates) are the declaration's, not the run's figures.
    static func declared(_ text: String) -> HTMLNode { .el("span", [.class("declared")], text: text) }

    /// How the data were collected, source by source, as declared.
    var collectionNodes: [HTMLNode] {
        let sources = governance.dataSources
        guard !sources.isEmpty else { return [] }
        let declared = sources.filter { $0.access != nil || $0.route != nil }
        var nodes: [HTMLNode] = []
        if !declared.isEmpty {
            nodes.append(.p(governance.hasNonPublicSources
                ? "Niet alle berichten waren openbaar. Zo zijn de gegevens verzameld:" : "Zo zijn de gegevens verzameld:"))
            nodes.append(.el("ul", [], declared.map { source in
                let access = source.access.flatMap(LegalText.access).map { $0(.nl) }
                guard let route = source.route else { return .el("li", text: access ?? "") }
                return .el("li", [], [Kamerbrief.declared(route.marked(.nl))] + (access.map { [.text(": " + $0)] } ?? []))
            }))
        }
        let open = sources.count - declared.count
        if open > 0 {
            nodes.append(Kamerbrief.paragraph([
                .text(declared.isEmpty ? "Hoe de gegevens zijn verzameld: " : "Hoe de overige gegevens zijn verzameld: "),
                Kamerbrief.placeholder("herkomst en voorwaarden van de gegevens, en of de berichten openbaar waren"),
            ]))
        }
        return nodes
    }

    /// The safeguards the declaration answers: the legal basis, the DPIA, and a warning when labels
    /// reveal special categories without a declared ground.
    var governanceItems: [HTMLNode] {
        let bases = governance.legalBases(.nl)
        var items: [HTMLNode] = [
            .el("li", [], [.text("Grondslag voor het verwerken van de gegevens: "),
                           bases.isEmpty ? Kamerbrief.placeholder("wettelijke grondslag per doel")
                               : Kamerbrief.declared(bases.joined(separator: "; "))]),
            .el("li", [], [.text("Gegevensbeschermingseffectbeoordeling (DPIA): "),
                           governance.dpia.map { Kamerbrief.declared($0.marked(.nl)) }
                               ?? Kamerbrief.placeholder("of en wanneer een DPIA is gedaan, en de belangrijkste uitkomsten")]),
        ]
        if governance.example {
            items.insert(.el("li", text: "De verklaring over verantwoordelijkheid, grondslag en herkomst van de gegevens is een "
                + "voorbeeld van de demo, niet die van een echte organisatie."), at: 0)
        }
        let special = governance.hasSpecialGround ? [] : SpecialCategories.revealing(input)
        if !special.isEmpty {
            items.append(.el("li", text: "Sommige labels laten bijzondere persoonsgegevens zien: "
                + SpecialCategories.list(special, .nl) + ". Voor het verwerken daarvan is geen grond verklaard."))
        }
        return items
    }

    /// Which parts of the posts the methods received, from their declared `fields:`: a method that
    /// declared none received every field, the text, the time to the second and the links.
    func fieldsReceived(_ ledger: inout Ledger) -> String {
        let methods = input.methods
        let declared = methods.filter { $0.postFields != nil }.count
        guard declared > 0 else {
            return "Elke methode kreeg wel de berichten zelf: de tekst, het tijdstip op de seconde en de links."
        }
        let total = ledger.integer(methods.count, "methodekaarten: methoden")
        let texts = methods.filter { $0.postFields.map { $0.contains("text") } ?? true }.count
        let all = declared == methods.count
        let who = all ? "Elke methode kreeg"
            : "\(ledger.integer(declared, "methodekaarten: methoden die velden opgaven")) van de \(total) methoden "
                + (declared == 1 ? "kreeg" : "kregen")
        return who + " alleen de delen van de berichten die ze vooraf " + (all || declared == 1 ? "opgaf" : "opgaven")
            + (all ? "" : "; de andere kregen de hele berichten") + ". De tekst van de berichten ging naar "
            + "\(ledger.integer(texts, "methodekaarten: methoden die de tekst kregen")) van de \(total) methoden."
    }
}
