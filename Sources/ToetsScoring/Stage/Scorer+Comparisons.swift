extension Scorer.Context {
    /// Each pair: the exact McNemar test on paired flags (Holm-corrected across the pairs) and
    /// paired bootstrap intervals of the differences in F1 and average precision.
    func compare(_ pairs: [(Int, Int)]) -> [Scorecard.Pair] {
        let tests = pairs.map { first, second in
            McNemarTest(firstCorrect: set.truth.indices.map { set.columns[first].flagged[$0] == set.truth[$0] },
                        secondCorrect: set.truth.indices.map { set.columns[second].flagged[$0] == set.truth[$0] })
        }
        let holm = HolmCorrection(pValues: tests.map { $0.pValue.value ?? 1 }, alpha: settings.alpha)
        return pairs.enumerated().map { index, pair in
            let (first, second) = pair
            func difference(_ statistic: Statistic) -> Figure {
                let a = column(method: first, cell: 0, statistic), b = column(method: second, cell: 0, statistic)
                let estimate: Double? = full[a].isNaN || full[b].isNaN ? nil : full[a] - full[b]
                let note: MetricNote? = estimate == nil ? .undefinedEstimate : nil
                return Figure(value: estimate, note: note, bootstrap: draws.difference(a, b, estimate: estimate))
            }
            return Scorecard.Pair(first: set.columns[first].name, second: set.columns[second].name,
                                  mcNemar: tests[index], holmAdjusted: holm.adjusted[index],
                                  holmRejected: holm.rejected[index], f1Difference: difference(.f1),
                                  averagePrecisionDifference: difference(.averagePrecision))
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
