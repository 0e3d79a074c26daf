/// The letter's key results, false positives first, in natural frequencies with margins, and its one chart.
extension Kamerbrief {
    func keyResults(_ ledger: inout Ledger) -> [HTMLNode] {
        let truth = input.groundTruth
        var items: [String] = []
        // First how often each method wrongly flags an account that belongs to no campaign: the harm it can do.
        let designed = input.methods.contains { $0.population != nil }
        let frequencies: [String] = input.methods.map { method in
            let rate = method.statedFalsePositiveRate
            let source = "methode \(method.name): fout-positieffractie" + (method.population != nil ? " (geschat voor alle accounts)" : "")
            let label = PilotSentences.label(method).nl
            guard rate.value != nil else { return "\(label): niet te berekenen" }
            var text = "\(label) ongeveer \(ledger.per(rate.value, base: 1000, source))"
            if rate.hasInterval {
                text += " (marge \(ledger.per(rate.lower, base: 1000, source + ", ondergrens")) tot "
                    + "\(ledger.per(rate.upper, base: 1000, source + ", bovengrens")))"
            }
            return text
        }
        if !frequencies.isEmpty {
            items.append("Van elke 1000 accounts die bij geen campagne hoorden, wezen de methoden er ten onrechte aan"
                + (designed ? " (geschat voor alle accounts, niet alleen de beoordeelde)" : "") + ": "
                + DecisionSentences.list(frequencies, .nl) + ".")
        }
        for method in input.methods where method.flagsNothing {
            items.append("Methode \(method.name) wees op deze gegevens geen enkel account aan: met het opgegeven werkpunt "
                + "vindt de methode niets.")
        }

        let positives = ledger.integer(truth.positives, "grondwaarheid: campagne-accounts")
        let campaigns = ledger.integer(truth.campaigns, "grondwaarheid: campagnes")
        let labelled = ledger.integer(truth.labelled, "grondwaarheid: accounts met vastgesteld label")
        items.append("Van de \(labelled) beoordeelde accounts hoorden er \(positives) bij een van de \(campaigns) "
            + "campagnes. De rest hoorde er niet bij.")

        // What the rule decided, and nothing more: a method is named only when the rule names it.
        var decision = DecisionSentences.outcome(input, .nl) ?? DecisionText.noRule(.nl)
        if let rule = input.decision {
            let numbers = Language.nl.numbers
            var budget = "hooguit " + ledger.record(DecisionSentences.budgetText(rule.harmBudget, numbers),
                                                    "beslisregel: budget voor schade per 1000") + " van elke 1000 legitieme accounts"
            if let perKind = rule.kindBudgetDefault {
                budget += ", en hooguit " + ledger.record(DecisionSentences.budgetText(perKind, numbers),
                                                         "beslisregel: budget voor schade per 1000 van een soort")
                    + " van elke 1000 accounts van één soort legitieme samenwerking (zoals nieuwsmedia of vrijwilligers)"
            }
            decision = "Vooraf lag vast wanneer een methode beter heet en hoeveel vergissingen mogen: " + budget + ". "
                + decision
            if ["best", "none-shown-better"].contains(rule.outcome) {
                _ = ledger.record(numbers.decimal(rule.minDifference, digits: 2), "beslisregel: kleinste verschil dat telt")
            }
            // Why the others are not recommended, in words without new numbers (the figures above carry them).
            let why = rule.standings.filter { !$0.recommendable }.map { standing in
                standing.method + ": " + standing.reasons.compactMap(Self.reasonInWords).joined(separator: " en ")
            }
            if !why.isEmpty { decision += " Niet aan te bevelen: " + why.joined(separator: "; ") + "." }
        }
        items.append(decision)
        if let named = input.decision?.method, let best = input.method(named: named) {
            let source = "methode \(best.name)"
            let p = best.statedPrecision, r = best.statedRecall
            if p.value != nil {
                var sentence = "Van elke 100 accounts die \(best.name) aanwees, hoorden er ongeveer "
                    + "\(ledger.per(p.value, base: 100, "\(source): precisie")) echt bij een campagne"
                if p.hasInterval {
                    sentence += " (marge \(ledger.per(p.lower, base: 100, "\(source): precisie, ondergrens")) tot "
                        + "\(ledger.per(p.upper, base: 100, "\(source): precisie, bovengrens")))"
                }
                items.append(sentence + ".")
            }
            if r.value != nil {
                var sentence = "Van elke 100 accounts die echt bij een campagne hoorden, vond \(best.name) er ongeveer "
                    + "\(ledger.per(r.value, base: 100, "\(source): recall"))"
                if r.hasInterval {
                    sentence += " (marge \(ledger.per(r.lower, base: 100, "\(source): recall, ondergrens")) tot "
                        + "\(ledger.per(r.upper, base: 100, "\(source): recall, bovengrens")))"
                }
                items.append(sentence + ". De andere bleven onopgemerkt.")
            }
        }

        let shownGroups = Set(input.strata.filter { !$0.suppressed }.map { $0.dimension + ": " + $0.cell })
        if !shownGroups.isEmpty {
            let flagged = Set(input.strata.filter { !$0.suppressed && ($0.falsePositiveRateRatio.value ?? 0) >= 2 }
                .map { $0.dimension + ": " + $0.cell })
            let groups = ledger.integer(shownGroups.count, "groepen accounts met genoeg accounts om te tonen")
            if flagged.isEmpty {
                items.append("In geen van de \(groups) onderzochte groepen accounts wees een methode legitieme accounts "
                    + "twee keer zo vaak of vaker ten onrechte aan als gemiddeld.")
            } else {
                let count = ledger.integer(flagged.count, "groepen met een fout-positieffractie van twee keer het gemiddelde of meer")
                items.append("In \(count) van de \(groups) onderzochte groepen accounts wees minstens één methode "
                    + "legitieme accounts twee keer zo vaak of vaker ten onrechte aan als gemiddeld. Dat vraagt om "
                    + "extra zorg.")
            }
        }
        return [.p("De belangrijkste uitkomsten:"), .ul(items)]
    }

    /// A reason code of the decision rule in plain Dutch, without numbers.
    static func reasonInWords(_ reason: String) -> String? {
        switch reason {
        case "over-harm-budget": "wijst te veel legitieme accounts aan"
        case "not-shown-within-harm-budget": "blijft niet aantoonbaar binnen het budget"
        case "kind-over-harm-budget": "wijst bij een soort legitieme samenwerking te veel accounts aan"
        case "kind-not-shown-within-harm-budget": "blijft bij een soort legitieme samenwerking niet aantoonbaar binnen het budget"
        case "harm-undefined": "de vergissingen zijn niet te berekenen"
        case "flags-nothing": "wijst niets aan"
        case "flags-no-labelled-account": "wijst alleen accounts zonder beoordeling aan"
        case "primary-metric-undefined": "het doorslaggevende getal is niet te berekenen"
        default: nil
        }
    }

    /// One simple chart: of every 1000 legitimate accounts, how many each method flags by mistake.
    func chart(_ ledger: inout Ledger) -> HTMLNode {
        // The bars show the same rounded numbers as the sentences, so the ledger covers them too.
        func per1000(_ value: Double?, _ source: String) -> Double? {
            guard let value else { return nil }
            _ = ledger.per(value, base: 1000, source)
            return (value * 1000).rounded(.toNearestOrAwayFromZero)
        }
        let scaled = input.methods.map { method -> Estimate in
            let rate = method.statedFalsePositiveRate
            let source = "methode \(method.name): fout-positieffractie" + (method.population != nil ? " (geschat voor alle accounts)" : "")
            return Estimate(per1000(rate.value, source), lower: per1000(rate.lower, source + ", ondergrens"),
                            upper: per1000(rate.upper, source + ", bovengrens"))
        }
        let top = max(10, scaled.compactMap { $0.upper ?? $0.value }.max() ?? 10)
        let chart = BarChart(
            id: "chart-letter", title: "Van elke 1000 legitieme accounts: hoeveel wijst een methode ten onrechte aan?",
            summary: "Per methode het aantal van elke 1000 accounts die bij geen campagne horen dat de methode toch "
                + "aanwijst, met de marge als streep.",
            categories: [""], series: input.methods.enumerated().map { index, method in
                BarChart.Series(label: method.name, style: index, values: [scaled[index]])
            },
            valueLabel: "Per 1000 legitieme accounts", domain: Scale.niceDomain(0, top), digits: 0).render(.nl)
        return chart.figure(caption: "De streep bij elke staaf is de marge. Lager is beter: elke ten onrechte aangewezen "
            + "account is een burger die onterecht in beeld komt.", dataLabel: DocumentWords.dataBehindChart(.nl))
    }
}
