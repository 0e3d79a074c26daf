/// The letter's Kern, its terms, what the pilot did and its closing: facts from the declarations
/// (who delivered which method) and the run's figures, never a claim the run does not support.
extension Kamerbrief {
    /// The few points a reader who reads nothing else must know, each from the run.
    func kernItems(_ ledger: inout Ledger) -> [String] {
        var items = [ledger.claim(PilotSentences.delivery(input))]
        if input.run.simulatedData { items.append(PilotText.simulatedLimit(.nl)) }
        items.append(DecisionSentences.outcome(input, .nl).map { "Vóór het scoren lag een beslisregel vast. " + $0 }
            ?? DecisionText.noRule(.nl))
        // Among the methods that flag anything: one that flags nothing errs never and finds nothing.
        let rates = input.methods.filter { !$0.flagsNothing }.compactMap { method in
            method.statedFalsePositiveRate.value.map { (method, $0) }
        }
        if let low = rates.min(by: { $0.1 < $1.1 }), let high = rates.max(by: { $0.1 < $1.1 }), rates.count > 1 {
            let source = { (method: MethodFacts) in
                "methode \(method.name): fout-positieffractie" + (method.population != nil ? " (geschat voor alle accounts)" : "")
            }
            let lowText = ledger.per(low.1, base: 1000, source(low.0)), highText = ledger.per(high.1, base: 1000, source(high.0))
            items.append(lowText == highText
                ? "Elke methode wees van elke 1000 accounts die bij geen campagne hoorden er ongeveer \(lowText) ten onrechte aan."
                : "Van elke 1000 accounts die bij geen campagne hoorden, wezen de methoden er tussen ongeveer \(lowText) en "
                    + "\(highText) ten onrechte aan. Elk van die accounts is een burger die onterecht in beeld komt.")
        }
        if let unfound = PilotSentences.unfoundAccounts(input) { items.append(ledger.claim(unfound)) }
        items.append(ledger.claim(PilotSentences.limits(input)[0]))
        return items
    }

    /// The words a reader may not know, in plain Dutch (B1).
    func termList(_ ledger: inout Ledger) -> HTMLNode {
        let level = ledger.record(Language.nl.numbers.decimal(input.run.intervalLevel * 100, digits: 0),
                                  "betrouwbaarheid van de marges (procent)")
        var terms: [(String, HTMLNode)] = [
            ("Campagne-account", .text("Een account dat volgens de beoordelaars meedoet aan een campagne: een groep "
                + "accounts die samen optrekt om de discussie te beïnvloeden en verbergt wie erachter zit.")),
            ("Legitiem account", .text("Een account dat volgens de beoordelaars bij geen campagne hoort. Ook nieuwsmedia, "
                + "vrijwilligers van een partij en fans die samen optrekken, zijn legitiem.")),
            ("Ten onrechte aangewezen", .text("Een methode wijst een legitiem account aan. Zo'n vergissing raakt iemand "
                + "die niets verkeerds doet.")),
            ("Marge", .text("De getallen komen uit een steekproef van beoordeelde accounts. De marge laat zien tussen "
                + "welke waarden het echte getal ligt, met \(level) procent zekerheid. Een brede marge betekent: we weten "
                + "het niet precies.")),
            ("Werkpunt", .text("De score vanaf welke een methode een account aanwijst.")),
        ]
        if let rule = input.decision {
            terms.append(("Beslisregel", .text("De regel die vóór het scoren vastlag. Die zegt wanneer een methode beter "
                + "heet en hoeveel vergissingen mogen.")))
            terms.append(("Aantoonbaar beter", .text("Het verschil is groter dan het kleinste verschil dat volgens de "
                + "beslisregel telt, en het is niet aan toeval toe te schrijven.")))
            if let metric = Self.metricInWords(rule.primaryMetric) { terms.append(metric) }
        }
        return .dl(terms)
    }

    /// The deciding figure in plain Dutch, without digits (every digit in the letter is a result).
    static func metricInWords(_ metric: String) -> (String, HTMLNode)? {
        switch metric {
        case "f1": ("F1", .text("Eén getal tussen nul en één dat weegt hoeveel campagne-accounts een methode vindt en hoe "
            + "vaak haar aanwijzingen kloppen. Hoger is beter."))
        case "average_precision": ("Gemiddelde precisie", .text("Eén getal tussen nul en één dat zegt hoe goed een methode "
            + "campagne-accounts bovenaan haar lijst zet. Hoger is beter."))
        case "precision": ("Precisie", .text("Welk deel van de aangewezen accounts echt bij een campagne hoort."))
        case "recall": ("Recall", .text("Welk deel van de campagne-accounts een methode vindt."))
        default: nil
        }
    }

    /// What was done: who delivered which method (from the declarations), on which data, and
    /// how the labels and operating points were fixed.
    func pilot(_ ledger: inout Ledger) -> HTMLDocument.Section {
        let truth = input.groundTruth
        var body: [HTMLNode] = [
            .p(ledger.claim(PilotSentences.delivery(input)) + " Een onafhankelijke testopstelling heeft al deze methoden op "
                + "dezelfde gegevens gedraaid. Die gegevens waren vooraf ontdaan van namen en andere directe persoonsgegevens."),
        ]
        if !input.methods.isEmpty {
            body.append(.ul(input.methods.map { method in
                let label = PilotSentences.label(method).nl
                switch method.kind {
                case MethodFacts.builtIn: return label + ": zit in Toets"
                case MethodFacts.external: return label + ": aangeleverd door " + Language.nl.orNotAvailable(method.team(.nl))
                default: return label
                }
            }))
        }
        if let platforms = input.ingest?.platforms, !platforms.isEmpty {
            let names = platforms.map { Self.platformName($0.name) }
            body.append(.p("De berichten kwamen van " + DecisionSentences.list(names, .nl) + "."))
        }
        body += collectionNodes
        let labelled = ledger.integer(truth.labelled, "grondwaarheid: accounts met vastgesteld label")
        let who = truth.annotators > 0
            ? ledger.integer(truth.annotators, "grondwaarheid: beoordelaars") + (input.run.simulatedData ? " nagemaakte" : "")
                + " beoordelaars"
            : "Beoordelaars"
        body.append(.p("\(who) hadden van \(labelled) accounts vastgesteld of ze bij een campagne hoorden. De methoden "
            + "kregen die oordelen niet te zien. " + ledger.claim(PilotSentences.operatingPoints(input))))
        return HTMLDocument.Section(id: "proef", heading: "Wat we hebben gedaan", body: body)
    }

    /// A platform as readers write it.
    static func platformName(_ platform: String) -> String {
        ["x": "X", "telegram": "Telegram", "tiktok": "TikTok", "instagram": "Instagram", "facebook": "Facebook",
         "youtube": "YouTube", "bluesky": "Bluesky", "threads": "Threads", "reddit": "Reddit"][platform] ?? platform
    }

    /// "Tot slot": what the run supports, then the one thing only the ministry can say.
    func closing(_ ledger: inout Ledger) -> [HTMLNode] {
        var sentences = ["Tot slot. Deze proef laat zien wat de geteste methoden op deze gegevens wel en niet kunnen."]
        switch input.decision?.outcome {
        case "best":
            sentences.append("Volgens de vooraf vastgelegde regel is \(input.decision?.method ?? "") de beste van de geteste "
                + "methoden; dat is een uitkomst van deze proef, geen besluit om de methode in te zetten.")
        case "only-recommendable":
            sentences.append("Volgens de vooraf vastgelegde regel is alleen \(input.decision?.method ?? "") aan te bevelen, "
                + "omdat alleen die methode aantoonbaar binnen het budget voor schade blijft; dat zij beter is, is daarmee "
                + "niet aangetoond. Dat is een uitkomst van deze proef, geen besluit om de methode in te zetten.")
        case .some:
            sentences.append("Volgens de vooraf vastgelegde regel is geen methode aantoonbaar beter dan de andere.")
        case nil:
            sentences.append("Er lag vooraf geen beslisregel vast, dus deze brief noemt geen methode beter dan een andere.")
        }
        if input.run.simulatedData {
            sentences.append("De gegevens waren gesimuleerd. Voordat een methode wordt ingezet, is een proef met echte, "
                + "rechtmatig verzamelde gegevens nodig.")
        }
        if let row = input.overlap.first(where: { $0.methods.isEmpty }), (row.truePositives ?? 1) > 0, !input.methods.isEmpty {
            sentences.append("Geen methode vond alle campagne-accounts. Een signaal van een methode blijft een aanwijzing "
                + "voor een analist, geen bewijs.")
        }
        return [
            .p(sentences.joined(separator: " ")),
            Kamerbrief.paragraph([.text("Ik informeer uw Kamer over de vervolgstappen: "),
                                  Kamerbrief.placeholder("vervolgstappen en wanneer de Kamer weer wordt geïnformeerd")]),
        ]
    }
}
