extension Scorer.Context {
    /// The column of `metric` for `method` as comparisons and the decision rule use it: the
    /// design-weighted estimate where the labels carry a design (average precision, a ranking
    /// figure of the labelled sample, is not re-weighted).
    func comparisonColumn(method: Int, _ metric: DecisionRule.PrimaryMetric) -> Int {
        if let designBase {
            switch metric {
            case .f1: return designBase + DesignEstimates.index(method: method, .f1)
            case .precision: return designBase + DesignEstimates.index(method: method, .precision)
            case .recall: return designBase + DesignEstimates.index(method: method, .recall)
            case .averagePrecision: break
            }
        }
        return switch metric {
        case .f1: column(method: method, cell: 0, .f1)
        case .precision: column(method: method, cell: 0, .precision)
        case .recall: column(method: method, cell: 0, .recall)
        case .averagePrecision: column(method: method, cell: 0, .averagePrecision)
        }
    }

    /// Each pair: paired bootstrap differences in F1, average precision, precision and recall,
    /// each with its paired test, Holm-corrected across the pairs at `alpha`; and, for
    /// reference, the exact McNemar test of accuracy on paired flags.
    func compare(_ pairs: [(Int, Int)], alpha: Double) -> [Scorecard.Pair] {
        let tests = pairs.map { first, second in
            McNemarTest(firstCorrect: set.truth.indices.map { set.columns[first].flagged[$0] == set.truth[$0] },
                        secondCorrect: set.truth.indices.map { set.columns[second].flagged[$0] == set.truth[$0] })
        }
        let mcNemarHolm = HolmCorrection(pValues: tests.map { $0.pValue.value ?? 1 }, alpha: alpha)
        var differences = [[DecisionRule.PrimaryMetric: Scorecard.PairedDifference]](repeating: [:], count: pairs.count)
        for metric in DecisionRule.PrimaryMetric.allCases {
            var rows: [(Figure, Double?)] = []
            for (first, second) in pairs {
                let a = comparisonColumn(method: first, metric), b = comparisonColumn(method: second, metric)
                let estimate: Double? = full[a].isNaN || full[b].isNaN ? nil : full[a] - full[b]
                let note: MetricNote? = estimate == nil ? .undefinedEstimate : nil
                let figure = Figure(value: estimate, note: note, bootstrap: draws.difference(a, b, estimate: estimate))
                    .shown(level: level, fewClusters: fewClusters)
                rows.append((figure, estimate == nil ? nil : draws.pairedPValue(a, b)))
            }
            // Holm over the pairs whose test is defined; an undefined one is never rejected.
            let defined = rows.indices.filter { rows[$0].1 != nil }
            let holm = HolmCorrection(pValues: defined.map { rows[$0].1! }, alpha: alpha)
            for (index, row) in rows.enumerated() {
                let slot = defined.firstIndex(of: index)
                differences[index][metric] = Scorecard.PairedDifference(
                    difference: row.0, pValue: row.1, holmAdjusted: slot.map { holm.adjusted[$0] },
                    rejected: slot.map { holm.rejected[$0] } ?? false)
            }
        }
        return pairs.enumerated().map { index, pair in
            Scorecard.Pair(first: set.columns[pair.0].name, second: set.columns[pair.1].name, mcNemar: tests[index],
                           mcNemarHolmAdjusted: mcNemarHolm.adjusted[index], differences: differences[index])
        }
    }

    /// Friedman tests of the methods' F1 and average precision over the shown cells of each
    /// stratum dimension, with the Nemenyi critical difference; cells where a method's figure is
    /// undefined are left out.
    func rankings(strata: [Scorecard.Stratum]) -> [Scorecard.Ranking] {
        guard set.columns.count >= 3 else { return [] }
        var rankings: [Scorecard.Ranking] = []
        let dimensions = strata.map(\.dimension).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for dimension in dimensions {
            let cells = strata.filter { $0.dimension == dimension }
            for (metric, value) in [("f1", { (score: Scorecard.CellScore) in score.f1.value }),
                                    ("average_precision", { (score: Scorecard.CellScore) in score.averagePrecision.value })] {
                let blocks = cells.filter { cell in cell.scores.allSatisfy { value($0) != nil } }
                var ranking = Scorecard.Ranking(dimension: dimension, metric: metric, blocks: blocks.map(\.cell))
                guard blocks.count >= 2 else {
                    ranking.note = .tooFewBlocks
                    rankings.append(ranking)
                    continue
                }
                let friedman = FriedmanTest(scores: blocks.map { cell in cell.scores.map { value($0)! } })
                ranking.friedman = friedman
                ranking.kendallW = kendallW(scores: blocks.map { cell in cell.scores.map { value($0)! } })
                if friedman.statistic.value != nil {
                    ranking.nemenyi = NemenyiTest(after: friedman, alpha: settings.alpha)
                }
                ranking.note = friedman.statistic.note ?? (blocks.count < 10 ? .fewBlocks : nil)
                rankings.append(ranking)
            }
        }
        return rankings
    }
}

extension Scorer.Context {
    /// Each method's rank by `metric` (as comparisons use it) over the bootstrap's resamples.
    func rankStability(_ metric: DecisionRule.PrimaryMetric) -> RankStability? {
        guard set.columns.count >= 2 else { return nil }
        let columns = set.columns.indices.map { comparisonColumn(method: $0, metric) }
        let rows = draws.problem != nil ? []
            : (0..<draws.plan.resamples).map { row in columns.map { draws.replicates[row * draws.width + $0] } }
        var stability = RankStability(full: columns.map { full[$0].isNaN ? nil : full[$0] }, replicates: rows, level: level)
        if let problem = draws.problem { stability.note = problem }
        return stability
    }
}
