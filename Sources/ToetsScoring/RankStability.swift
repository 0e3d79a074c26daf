/// How sure a ranking of methods is: each method's rank on every bootstrap resample, summarised
/// as the rank on the full data, an interval of ranks and the probability of being first.
///
/// A difference in a figure can be real while the rank still hinges on chance (three methods
/// within a hair of each other): the rank interval says so plainly. Ranks put the best figure
/// first (rank 1); tied figures share their average rank, and a resample where a tie holds the
/// first place counts 1/t towards each of the t tied methods' probability of being first.
/// Resamples on which a method's figure is undefined are left out for all methods (they could
/// not be ranked fairly) and counted.
package struct RankStability: Sendable, Equatable {
    /// One method's standing.
    package struct Standing: Sendable, Equatable {
        /// The rank on the full data (nil when its figure is undefined there).
        package var rank: Double?
        /// The mean rank over the resamples.
        package var meanRank: Double?
        /// The interval of ranks: the `lower` and `higher` order statistics (NumPy's `method="lower"`
        /// and `"higher"`) at α/2 and 1 − α/2, so that both ends are ranks that occurred and the
        /// interval covers at least the level.
        package var lower: Double?
        package var upper: Double?
        /// The share of resamples in which the method ranks first (ties shared).
        package var probabilityFirst: Double?
    }

    package var standings: [Standing]
    /// Resamples on which every method's figure was defined, out of `resamples`.
    package var rankedResamples: Int
    package var resamples: Int
    package var level: Double
    /// Why no interval could be given, if so.
    package var note: MetricNote?

    /// Ranks `full[method]` and each resample `replicates[r][method]` (higher is better).
    package init(full: [Double?], replicates: [[Double]], level: Double) {
        let count = full.count
        self.level = level
        resamples = replicates.count
        let fullDefined = full.allSatisfy { $0.map(\.isFinite) ?? false }
        let fullRanks: [Double?] = fullDefined ? Self.ranks(full.map { $0! }) : Array(repeating: nil, count: count)
        var rankColumns = [[Double]](repeating: [], count: count)
        var first = [Double](repeating: 0, count: count)
        var ranked = 0
        for row in replicates where row.count == count && row.allSatisfy(\.isFinite) {
            let ranks = Self.ranks(row)
            ranked += 1
            let best = ranks.min()!
            let tied = ranks.filter { $0 == best }.count
            for method in 0..<count {
                rankColumns[method].append(ranks[method])
                if ranks[method] == best { first[method] += 1 / Double(tied) }
            }
        }
        rankedResamples = ranked
        note = count < 2 ? .tooFewMethods
            : (ranked == 0 ? .allResamplesUndefined : (ranked < replicates.count ? .undefinedResamples : nil))
        let alpha = (1 - level) / 2
        standings = (0..<count).map { method in
            guard ranked > 0, level > 0, level < 1 else { return Standing(rank: fullRanks[method]) }
            let sorted = rankColumns[method].sorted()
            let last = Double(sorted.count - 1)
            return Standing(rank: fullRanks[method],
                            meanRank: sorted.reduce(0, +) / Double(sorted.count),
                            lower: sorted[Int((last * alpha).rounded(.down))],
                            upper: sorted[Int((last * (1 - alpha)).rounded(.up))],
                            probabilityFirst: first[method] / Double(ranked))
        }
    }

    /// Ranks 1…n of `values`, the highest first, ties sharing their average rank.
    static func ranks(_ values: [Double]) -> [Double] {
        averageRanks(values.map { -$0 }).ranks
    }
}

/// Kendall's coefficient of concordance W of the methods' ranks over blocks (strata cells, sweep
/// points): 1 when every block ranks the methods alike, 0 when the rankings share nothing.
/// Corrected for ties as the Friedman statistic is, W = χ²_F / (N (k − 1)).
package func kendallW(scores: [[Double]]) -> Metric {
    let k = scores.first?.count ?? 0
    guard scores.allSatisfy({ $0.count == k }) else { return .undefined(.raggedInput) }
    guard scores.count >= 2 else { return .undefined(.tooFewBlocks) }
    guard k >= 2 else { return .undefined(.tooFewMethods) }
    guard scores.allSatisfy({ $0.allSatisfy(\.isFinite) }) else { return .undefined(.nonFiniteInput) }
    var rankSums = [Double](repeating: 0, count: k)
    var tieTerm = 0.0
    for row in scores {
        let ranked = averageRanks(row.map { -$0 })
        for method in 0..<k { rankSums[method] += ranked.ranks[method] }
        tieTerm += ranked.tieTerm
    }
    let n = Double(scores.count), kk = Double(k)
    let mean = n * (kk + 1) / 2
    let spread = rankSums.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    let denominator = n * n * (kk * kk * kk - kk) - n * tieTerm
    guard denominator > 0 else { return .undefined(.allRanksTied) }
    return Metric(12 * spread / denominator)
}
