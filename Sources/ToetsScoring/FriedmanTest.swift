/// The Friedman test of k ≥ 3 methods over N blocks (data sets, strata, resplits), as
/// `scipy.stats.friedmanchisquare`, with the mean ranks a critical-difference diagram needs.
package struct FriedmanTest: Sendable, Hashable, Codable {
    /// Mean rank of each method over the blocks, rank 1 the best; ties share the average rank.
    package var meanRanks: [Double]
    /// Number of blocks N.
    package var blocks: Int
    /// Friedman's chi-square statistic, corrected for ties.
    package var statistic: Metric
    /// P(χ²₍ₖ₋₁₎ ≥ statistic).
    package var pValue: Metric

    /// Tests `scores[block][method]`; `higherIsBetter` only sets which end of the mean ranks is
    /// best, not the statistic.
    package init(scores: [[Double]], higherIsBetter: Bool = true) {
        let k = scores.first?.count ?? 0
        blocks = scores.count
        meanRanks = []
        func undefined(_ note: MetricNote) -> (Metric, Metric) { (.undefined(note), .undefined(note)) }
        guard scores.allSatisfy({ $0.count == k }) else {
            (statistic, pValue) = undefined(.raggedInput)
            return
        }
        guard !scores.isEmpty else {
            (statistic, pValue) = undefined(.tooFewBlocks)
            return
        }
        guard scores.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            (statistic, pValue) = undefined(.nonFiniteInput)
            return
        }
        var rankSums = [Double](repeating: 0, count: k)
        var tieTerm = 0.0
        for row in scores {
            let ranked = averageRanks(higherIsBetter ? row.map { -$0 } : row)
            for method in 0..<k { rankSums[method] += ranked.ranks[method] }
            tieTerm += ranked.tieTerm
        }
        let n = Double(scores.count)
        meanRanks = rankSums.map { $0 / n }
        guard k >= 3 else {
            (statistic, pValue) = undefined(.tooFewMethods)
            return
        }
        let kk = Double(k)
        let correction = 1 - tieTerm / (kk * (kk * kk - 1) * n)
        guard correction > 0 else {
            (statistic, pValue) = undefined(.allRanksTied)
            return
        }
        // Ranking the other way maps each rank sum R to N(k+1) − R; since Σ R = Nk(k+1)/2 that
        // leaves Σ R² unchanged, so the statistic does not depend on `higherIsBetter`.
        let sumOfSquares = rankSums.reduce(0) { $0 + $1 * $1 }
        let chiSquare = (12 / (kk * n * (kk + 1)) * sumOfSquares - 3 * n * (kk + 1)) / correction
        statistic = Metric(chiSquare)
        pValue = Metric(Distributions.chiSquareSurvival(chiSquare, degreesOfFreedom: kk - 1))
    }
}

/// Ranks 1…n of `values` ascending, ties sharing their average rank, and Σ (t³ − t) over the
/// tie groups.
func averageRanks(_ values: [Double]) -> (ranks: [Double], tieTerm: Double) {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    var tieTerm = 0.0
    var start = 0
    while start < order.count {
        var end = start + 1
        while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
        let shared = Double(start + 1 + end) / 2
        for position in start..<end { ranks[order[position]] = shared }
        let t = Double(end - start)
        tieTerm += t * t * t - t
        start = end
    }
    return (ranks, tieTerm)
}
