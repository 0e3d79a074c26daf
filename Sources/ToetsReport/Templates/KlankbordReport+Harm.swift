/// Harm in absolute numbers: analysts' workload per method, chilling effects and what a flag
/// must never be used for, and the labels that reveal political affiliation.
extension KlankbordReport {
    /// Per method, the labelled accounts analysts would check to find the campaign accounts it finds.
    var workload: [HTMLNode] {
        guard !input.methods.isEmpty else { return [] }
        let lines: [String] = input.methods.map { method in
            let counts = method.metrics.counts
            let values = ["method": method.name, "positives": numbers.integer(counts.positives),
                          "found": numbers.integer(counts.truePositives), "flagged": numbers.integer(counts.flagged),
                          "falsePositives": numbers.integer(counts.falsePositives)]
            if counts.flagged == 0 { return t(HarmText.workloadNothingFlagged, values) }
            if counts.truePositives == 0 { return t(HarmText.workloadNothingFound, values) }
            let per10 = Int((Double(counts.falsePositives) / Double(counts.truePositives) * 10).rounded())
            return t(HarmText.workload, values.merging(["per10": numbers.integer(per10)]) { $1 })
        }
        return [.el("h3", text: t(HarmText.workloadHeading)), .p(t(HarmText.workloadIntro)), .ul(lines)]
    }

    /// Chilling effects, with the legitimate coordination this run flagged, and the uses a flag must never have.
    var chilling: HTMLDocument.Section {
        var body: [HTMLNode] = [.p(t(HarmText.chilling))]
        // A held-back count lies between 1 and the minimum cell, so a published maximum below it says too little.
        let minCell = input.disclosure?.minCell ?? input.run.suppressionThreshold
        let kinds: [String] = input.legitimateCoordination.map { kind in
            let most = kind.falsePositives.compactMap(\.count).max() ?? 0
            let hidden = kind.falsePositives.contains { $0.count == nil }
            let values = ["kind": CoordinationKind.label(kind.kind)(language), "n": numbers.integer(most),
                          "total": numbers.integer(kind.accounts), "min": numbers.integer(minCell)]
            if most >= minCell || (most > 0 && !hidden) { return t(HarmText.chillingKind, values) }
            return hidden ? t(HarmText.chillingKindFew, values) : t(HarmText.chillingKindNone, values)
        }
        if !kinds.isEmpty { body += [.p(t(HarmText.chillingKinds)), .ul(kinds)] }
        body += [.el("h3", text: t(HarmText.neverHeading)), .ul(items(HarmText.neverItems))]
        return HTMLDocument.Section(id: "chilling", heading: t(HarmText.chillingHeading), body: body)
    }

    /// Said where the labels name kinds that reveal political affiliation; nil otherwise.
    var specialCategoryNote: HTMLNode? {
        let political = input.legitimateCoordination.map(\.kind).filter { [CoordinationKind.volunteers.rawValue,
                                                                            CoordinationKind.officialCampaign.rawValue].contains($0) }
        guard !political.isEmpty else { return nil }
        let names = political.map { CoordinationKind.label($0)(language) }
        return .p(t(HarmText.specialCategories, ["kinds": DecisionSentences.list(names, language)]), class: "note")
    }
}
