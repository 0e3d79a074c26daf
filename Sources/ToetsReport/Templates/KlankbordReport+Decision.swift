/// The klankbord report's account of the decision rule, the harm budget, the sampling design,
/// the unlabelled accounts and disclosure control.
extension KlankbordReport {
    /// A warning for every method whose declared operating point flags nothing.
    var flagsNothingWarnings: [HTMLNode] {
        input.methods.filter(\.flagsNothing).map { method in
            .p(t(DecisionText.warningFlagsNothing, ["method": method.name]), class: "warning")
        }
    }

    /// The rule, what it decides and why, and each method against the harm budget.
    var decisionNodes: [HTMLNode] {
        var nodes: [HTMLNode] = [.el("h3", text: t(DecisionText.heading)), .p(DecisionSentences.rule(input, language))]
        guard let decision = input.decision else { return nodes }
        if let outcome = DecisionSentences.outcome(input, language) { nodes.append(.p(outcome, class: "decision")) }
        let reasons = DecisionSentences.reasons(input, language)
        if !reasons.isEmpty { nodes.append(.ul(reasons)) }
        if decision.tooFewReplicates { nodes.append(.p(t(DecisionText.tooFewReplicates), class: "warning")) }
        if decision.kindsNotChecked > 0 {
            nodes.append(.p(t(DecisionText.kindsNotChecked, ["n": numbers.integer(decision.kindsNotChecked)])))
        }
        nodes.append(DataTable(
            caption: t(DecisionText.harmCaption),
            columns: [t(DecisionText.harmMethod), t(DecisionText.harmFlags), t(DecisionText.harmPerThousand),
                      t(DecisionText.harmBudget), t(DecisionText.harmVerdict)],
            rows: decision.standings.map { standing in
                [.text(standing.method), .number(numbers.integer(standing.flags)),
                 .number(est(standing.falsePositivesPerThousand, digits: 0)),
                 .number(DecisionSentences.budgetText(decision.harmBudget, numbers)),
                 .text(t(DecisionText.harm(standing.harm)))]
            }).node)
        return nodes
    }

    /// The sampling design, and each method's figures in the sample and for all accounts.
    var designNodes: [HTMLNode] {
        guard !input.run.design.isEmpty else { return [] }
        let levels = input.run.design.map { level in
            t(DecisionText.designLevel, ["accounts": numbers.integer(level.accounts),
                                         "p": numbers.decimal(level.inclusionProbability, digits: 2)])
        }
        var nodes: [HTMLNode] = [
            .el("h3", text: t(DecisionText.designHeading)),
            .p(t(DecisionText.designIntro, ["levels": DecisionSentences.list(levels, language)])),
        ]
        if let prevalence = input.run.populationPrevalence {
            nodes.append(.p(t(DecisionText.designPrevalence, [
                "sample": numbers.percent(input.groundTruth.prevalence, digits: 1),
                "population": numbers.percent(prevalence.value, digits: 1),
            ])))
        }
        func named(_ key: DecisionText, _ figure: KlankbordText) -> String { t(key, ["figure": t(figure)]) }
        nodes.append(DataTable(
            caption: t(DecisionText.designCaption),
            columns: [t(DocumentWords.method), named(.designSample, .precision), named(.designPopulation, .precision),
                      named(.designSample, .falsePositiveRate) + " ×1000", named(.designPopulation, .falsePositiveRate) + " ×1000"],
            rows: input.methods.map { method in
                [.text(method.name), .number(est(method.metrics.precision)),
                 .number(method.population.map { est($0.precision) } ?? "–"),
                 .number(est(method.metrics.falsePositiveRate.scaled(1000), digits: 0)),
                 .number(method.population.map { est($0.falsePositiveRate.scaled(1000), digits: 0) } ?? "–")]
            }).node)
        return nodes
    }

    /// Precision if the unlabelled accounts each method flagged were legitimate, or campaign accounts.
    var unknownsNodes: [HTMLNode] {
        let rows: [[DataTable.Cell]] = input.methods.compactMap { method in
            guard let unknowns = method.unknowns else { return nil }
            return [.text(method.name), .number(numbers.integer(unknowns.flagged)), .number(est(method.metrics.precision)),
                    .number(numbers.decimal(unknowns.precisionIfLegitimate.value, digits: 2)),
                    .number(numbers.decimal(unknowns.precisionIfCampaign.value, digits: 2))]
        }
        guard !rows.isEmpty else { return [] }
        return [.p(t(DecisionText.unknownsIntro)),
                DataTable(caption: t(DecisionText.unknownsCaption),
                          columns: [t(DocumentWords.method), t(DecisionText.unknownsFlagged), t(DecisionText.unknownsLabelledOnly),
                                    t(DecisionText.unknownsIfLegitimate), t(DecisionText.unknownsIfCampaign)],
                          rows: rows).node]
    }

    /// The disclosure ledger.
    var disclosureSection: HTMLDocument.Section {
        guard let ledger = input.disclosure else {
            return HTMLDocument.Section(id: "disclosure", heading: t(DecisionText.disclosureHeading),
                                        body: [.p(t(DocumentWords.notAvailable) + ".")])
        }
        var body: [HTMLNode] = [
            .p(t(DecisionText.disclosureIntro, ["k": numbers.integer(ledger.minCell)])),
            .p((ledger.smallestPublishedCell.map { t(DecisionText.disclosureSmallest, ["n": numbers.integer($0)]) + " " } ?? "")
                + t(DecisionText.disclosureSuppressed, ["n": numbers.integer(ledger.suppressedCells)])),
        ]
        if !ledger.pureSets.isEmpty {
            let sets = ledger.pureSets.map { set -> String in
                if set.value == "own-flag" { return t(DecisionText.pureOwnFlag, ["method": set.name]) }
                if set.value == "fp-budget" { return t(DecisionText.pureBudget, ["method": set.name]) }
                return t(DecisionText.pureTopK, ["method": set.name, "k": String(set.value.dropFirst("top-".count))])
            }
            body.append(.p(t(DecisionText.disclosurePure, ["sets": sets.joined(separator: "; ")])))
        }
        return HTMLDocument.Section(id: "disclosure", heading: t(DecisionText.disclosureHeading), body: body)
    }
}
