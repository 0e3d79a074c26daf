/// The letter's key results (three to five, in natural frequencies with margins) and its one chart.
extension Kamerbrief {
    func keyResults(_ ledger: inout Ledger) -> [HTMLNode] {
        let truth = input.groundTruth
        var items: [String] = []
        let positives = ledger.integer(truth.positives, "grondwaarheid: campagne-accounts")
        let campaigns = ledger.integer(truth.campaigns, "grondwaarheid: campagnes")
        let labelled = ledger.integer(truth.labelled, "grondwaarheid: accounts met vastgesteld label")
        items.append("Van de \(labelled) beoordeelde accounts hoorden er \(positives) bij een van de \(campaigns) "
            + "campagnes. De rest hoorde er niet bij.")

        if let best = leading {
            let source = "methode \(best.name)"
            let p = best.metrics.precision, r = best.metrics.recall
            if p.value != nil {
                var sentence = "De methode met de beste balans tussen vinden en vergissen heet \(best.name). Van elke "
                    + "100 accounts die deze methode aanwees, hoorden er ongeveer "
                    + "\(ledger.per(p.value, base: 100, "\(source): precisie")) echt bij een campagne."
                if p.hasInterval {
                    sentence += " De marge is \(ledger.per(p.lower, base: 100, "\(source): precisie, ondergrens")) tot "
                        + "\(ledger.per(p.upper, base: 100, "\(source): precisie, bovengrens"))."
                }
                items.append(sentence)
            }
            if r.value != nil {
                var sentence = "Van elke 100 accounts die echt bij een campagne hoorden, vond deze methode er ongeveer "
                    + "\(ledger.per(r.value, base: 100, "\(source): recall"))"
                if r.hasInterval {
                    sentence += " (marge \(ledger.per(r.lower, base: 100, "\(source): recall, ondergrens")) tot "
                        + "\(ledger.per(r.upper, base: 100, "\(source): recall, bovengrens")))"
                }
                items.append(sentence + ". De andere bleven onopgemerkt.")
            }
        }

        let ranked = input.methods.filter { $0.metrics.precision.value != nil }
            .sorted { ($0.metrics.precision.value!, $1.name) < ($1.metrics.precision.value!, $0.name) }
        if ranked.count >= 2, let low = ranked.first, let high = ranked.last {
            var sentence = "De methoden verschilden. Van elke 100 aangewezen accounts hoorden er bij \(low.name) ongeveer "
                + "\(ledger.per(low.metrics.precision.value, base: 100, "methode \(low.name): precisie")) bij een "
                + "campagne, bij \(high.name) ongeveer "
                + "\(ledger.per(high.metrics.precision.value, base: 100, "methode \(high.name): precisie"))."
            if !input.comparisons.isEmpty {
                let pairs = ledger.integer(input.comparisons.count, "aantal vergeleken paren")
                let real = ledger.integer(input.comparisons.filter(\.significant).count,
                                          "paren met een betrouwbaar verschil (na Holm)")
                sentence += " Van de \(pairs) onderlinge vergelijkingen lieten er \(real) een betrouwbaar verschil zien."
            }
            items.append(sentence)
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
        return [.p("De belangrijkste uitkomsten:"), .ul(Array(items.prefix(5)))]
    }

    /// One simple chart: of every 100 flagged accounts, how many belong to a campaign, per method.
    func chart(_ ledger: inout Ledger) -> HTMLNode {
        // The bars show the same rounded numbers as the sentences, so the ledger covers them too.
        func per100(_ value: Double?, _ source: String) -> Double? {
            guard let value else { return nil }
            _ = ledger.per(value, base: 100, source)
            return (value * 100).rounded(.toNearestOrAwayFromZero)
        }
        let scaled = input.methods.map { method -> Estimate in
            let p = method.metrics.precision, source = "methode \(method.name): precisie"
            return Estimate(per100(p.value, source), lower: per100(p.lower, source + ", ondergrens"),
                            upper: per100(p.upper, source + ", bovengrens"))
        }
        let chart = BarChart(
            id: "chart-letter", title: "Van elke 100 aangewezen accounts: hoeveel horen bij een campagne?",
            summary: "Per methode het aantal van elke 100 aangewezen accounts dat echt bij een campagne hoort, met de "
                + "marge als streep.",
            categories: [""], series: input.methods.enumerated().map { index, method in
                BarChart.Series(label: method.name, style: index, values: [scaled[index]])
            },
            valueLabel: "Per 100 aangewezen accounts", domain: 0...100, digits: 0).render(.nl)
        return chart.figure(caption: "De streep bij elke staaf is de marge. Overlappende marges betekenen niet dat de "
            + "methoden even goed zijn; het rapport voor de klankbordgroep toetst dat.",
                            dataLabel: DocumentWords.dataBehindChart(.nl))
    }
}
