/// Section 7a: how robust the verdict is (rank stability, sweeps, planted campaigns).
extension KlankbordReport {
    var robustness: HTMLDocument.Section? {
        guard let facts = input.robustness else { return nil }
        return HTMLDocument.Section(
            id: "robustness", heading: t(RobustnessText.heading),
            body: [.p(t(RobustnessText.intro)), .p(t(RobustnessText.judged))],
            subsections: [
                HTMLDocument.Section(id: "rank-stability", heading: t(RobustnessText.ranksHeading), body: rankNodes(facts)),
                HTMLDocument.Section(id: "strata-agreement", heading: t(RobustnessText.strataHeading), body: strataAgreement(facts)),
                HTMLDocument.Section(id: "sweep", heading: t(RobustnessText.sweepHeading), body: sweepNodes(facts)),
                HTMLDocument.Section(id: "planted", heading: t(RobustnessText.plantHeading), body: plantedNodes(facts)),
            ], pageBreak: true)
    }

    /// The primary metric's name, as the tables head it.
    func metricName(_ metric: String) -> String {
        switch metric {
        case "f1": t(KlankbordText.f1)
        case "precision": t(KlankbordText.precision)
        case "recall": t(KlankbordText.recall)
        case "average_precision": t(KlankbordText.averagePrecision)
        default: metric
        }
    }

    /// The sentence on the top of the ranking: "first with certainty" only at 95% of resamples or more.
    func firstPlaceSentence(_ facts: RobustnessFacts) -> String {
        guard let top = facts.ranks.filter({ $0.probabilityFirst != nil }).max(by: { ($0.probabilityFirst!, $1.method) < ($1.probabilityFirst!, $0.method) }),
              let share = top.probabilityFirst else { return t(RobustnessText.firstUndefined) }
        return t(share >= 0.95 ? RobustnessText.firstSure : RobustnessText.firstUnsure,
                 ["method": top.method, "percent": numbers.percent(share)])
    }

    func rankNodes(_ facts: RobustnessFacts) -> [HTMLNode] {
        let metric = metricName(facts.rankMetric)
        var nodes: [HTMLNode] = [.p(t(RobustnessText.ranksIntro, ["metric": metric, "ranked": numbers.integer(facts.rankedResamples),
                                                                  "resamples": numbers.integer(facts.resamples)]))]
        let count = Double(max(2, facts.ranks.count))
        let chart = ForestPlot(
            id: "chart-ranks", title: t(RobustnessText.ranksChartTitle), summary: t(RobustnessText.ranksChartSummary),
            axisLabel: t(RobustnessText.ranksAxis), domain: 1...count,
            rows: facts.ranks.enumerated().map { index, rank in
                ForestPlot.Row(label: rank.method, group: metric, series: index,
                               estimate: Estimate(rank.rank, lower: rank.lower, upper: rank.upper))
            }).render(language)
        nodes.append(figure(chart, caption: t(RobustnessText.ranksCaption, ["level": level])))
        nodes.append(DataTable(
            caption: t(RobustnessText.ranksCaption, ["level": level]),
            columns: [t(DocumentWords.method), t(RobustnessText.ranksRank), t(RobustnessText.ranksInterval), t(RobustnessText.ranksFirst)],
            rows: facts.ranks.map { rank in
                [.text(rank.method), .number(numbers.decimal(rank.rank, digits: 1)),
                 .number(rank.lower == nil ? "–" : numbers.decimal(rank.lower, digits: 1) + "–" + numbers.decimal(rank.upper, digits: 1)),
                 .number(numbers.percent(rank.probabilityFirst))]
            }, style: "compact").node)
        nodes.append(.p(firstPlaceSentence(facts)))
        return nodes
    }

    func strataAgreement(_ facts: RobustnessFacts) -> [HTMLNode] {
        let rows = facts.strata.filter { $0.w != nil }
        guard !rows.isEmpty else { return [.p(t(RobustnessText.strataNone))] }
        return [.p(t(RobustnessText.strataIntro)), DataTable(
            caption: t(RobustnessText.strataCaption),
            columns: [t(RobustnessText.strataDimension), t(RobustnessText.strataMetric), t(RobustnessText.strataW),
                      t(RobustnessText.strataCells)],
            rows: rows.map { row in
                [.text(row.dimension), .text(metricName(row.metric)), .number(numbers.decimal(row.w, digits: 2)),
                 .number(numbers.integer(row.cells))]
            }, style: "compact").node]
    }

    /// The declared rank of each method, for the sweep's "would its rank change" sentence.
    func sweepRankChanges(_ facts: RobustnessFacts) -> Int {
        facts.sweep.count { point in
            guard let at = point.rankAtPoint, let declared = facts.ranks.first(where: { $0.method == point.method })?.rank else { return false }
            return at != declared
        }
    }

    func sweepNodes(_ facts: RobustnessFacts) -> [HTMLNode] {
        guard facts.hasSweep else { return [.p(t(RobustnessText.sweepNone))] }
        let metric = metricName(facts.rankMetric)
        let methods = facts.sweep.map(\.method).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        var rows: [ForestPlot.Row] = []
        var table: [[DataTable.Cell]] = []
        for (index, method) in methods.enumerated() {
            let declared = facts.sweepDeclared[method] ?? .undefined("–")
            let rank = facts.ranks.first { $0.method == method }?.rank
            rows.append(ForestPlot.Row(label: t(RobustnessText.sweepDeclared), group: method, series: index, estimate: declared))
            table.append([.text(method), .text("–"), .text(t(RobustnessText.sweepDeclared)), .number(est(declared)), .number("–"),
                          .number(numbers.decimal(rank, digits: 1))])
            for point in facts.sweep where point.method == method {
                rows.append(ForestPlot.Row(label: point.parameter + " = " + point.value, group: method, series: index,
                                           estimate: point.primary))
                table.append([.text(method), .text(point.parameter), .text(point.value), .number(est(point.primary)),
                              .number(numbers.integer(point.flags)), .number(numbers.decimal(point.rankAtPoint, digits: 1))])
            }
        }
        var nodes: [HTMLNode] = [.p(t(RobustnessText.sweepIntro)), .p(t(RobustnessText.judged))]
        nodes.append(figure(ForestPlot(id: "chart-sweep", title: t(RobustnessText.sweepChartTitle),
                                       summary: t(RobustnessText.sweepChartSummary), axisLabel: metric, rows: rows).render(language),
                            caption: t(RobustnessText.sweepCaption, ["metric": metric])))
        nodes.append(DataTable(
            caption: t(RobustnessText.sweepCaption, ["metric": metric]),
            columns: [t(DocumentWords.method), t(RobustnessText.sweepParameter), t(RobustnessText.sweepValue),
                      t(RobustnessText.sweepPrimary, ["metric": metric]), t(RobustnessText.sweepFlags), t(RobustnessText.sweepRank)],
            rows: table, style: "compact").node)
        nodes.append(.p(facts.sweepAgreement == nil ? t(RobustnessText.sweepWUndefined)
            : t(RobustnessText.sweepW, ["changes": numbers.integer(max(0, facts.sweepConfigurations - 1)),
                                        "w": numbers.decimal(facts.sweepAgreement, digits: 2)])))
        let changes = sweepRankChanges(facts)
        nodes.append(.p(changes > 0
            ? t(RobustnessText.sweepRankChanges, ["count": numbers.integer(changes), "points": numbers.integer(facts.sweep.count)])
            : t(RobustnessText.sweepRankSteady, ["points": numbers.integer(facts.sweep.count)])))
        return nodes
    }

    func plantedNodes(_ facts: RobustnessFacts) -> [HTMLNode] {
        guard facts.hasPlanting else { return [.p(t(RobustnessText.plantNone))] }
        let methods = facts.planted.map(\.method).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        var nodes: [HTMLNode] = [.p(t(RobustnessText.plantIntro))]
        nodes.append(figure(ForestPlot(
            id: "chart-planted", title: t(RobustnessText.plantChartTitle), summary: t(RobustnessText.plantChartSummary),
            axisLabel: t(KlankbordText.recall),
            rows: facts.planted.map { cell in
                ForestPlot.Row(label: cell.method, group: "\(cell.tactic) (\(cell.disarm)), \(cell.strength)",
                               series: methods.firstIndex(of: cell.method) ?? 0, estimate: cell.recall)
            }).render(language), caption: t(RobustnessText.plantCaption, ["level": level])))
        var cells: [(plant: String, tactic: String, disarm: String, strength: String, accounts: Int)] = []
        for cell in facts.planted where !cells.contains(where: { $0 == (cell.plant, cell.tactic, cell.disarm, cell.strength, cell.accounts) }) {
            cells.append((cell.plant, cell.tactic, cell.disarm, cell.strength, cell.accounts))
        }
        nodes.append(DataTable(
            caption: t(RobustnessText.plantCaption, ["level": level]),
            columns: [t(RobustnessText.plantTactic), t(RobustnessText.plantDisarm), t(RobustnessText.plantStrength),
                      t(RobustnessText.plantAccounts)] + methods,
            rows: cells.map { cell in
                [.text(cell.tactic), .code(cell.disarm), .text(cell.strength), .number(numbers.integer(cell.accounts))]
                    + methods.map { method in
                        guard let found = facts.planted.first(where: { $0.method == method && $0.plant == cell.plant
                            && $0.tactic == cell.tactic && $0.strength == cell.strength }) else { return .number("–") }
                        return .number(t(RobustnessText.plantFound, ["found": numbers.integer(found.flagged),
                                                                     "total": numbers.integer(found.accounts)])
                            + " " + est(found.recall))
                    }
            }, style: "compact").node)
        nodes.append(.p(t(RobustnessText.changesIntro, ["threshold": numbers.integer(input.disclosure?.minCell ?? input.run.suppressionThreshold)])))
        nodes.append(DataTable(
            caption: t(RobustnessText.changesCaption),
            columns: [t(DocumentWords.method), t(RobustnessText.changesChanged), t(RobustnessText.changesContacts),
                      t(RobustnessText.changesOtherwise)],
            rows: facts.changes.map { change in
                [.text(change.method), .number(cell(change.changed)), .number(cell(change.contacts)), .number(cell(change.otherwise))]
            }, style: "compact").node)
        return nodes
    }
}
