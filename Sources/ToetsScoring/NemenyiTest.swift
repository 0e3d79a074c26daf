import Foundation

/// The Nemenyi post-hoc test after a Friedman test (Demšar 2006, JMLR 7:1–30): two methods
/// differ when their mean ranks differ by at least the critical difference
/// CD = q_α · √(k(k+1) / (6N)).
///
/// q_α is the studentized range quantile for k groups and infinite degrees of freedom divided
/// by √2 (Demšar's Table 5). It is computed here from the range distribution's integral, not
/// read from a table, so any k ≥ 2 and any α work; at α = 0.05 it reproduces Demšar's values
/// (1.960, 2.343, 2.569, 2.728, 2.850, 2.949, 3.031, 3.102, 3.164 for k = 2…10) and
/// `scipy.stats.studentized_range.ppf(1 − α, k, inf) / √2` for k = 2…20 (see the fixtures).
package struct NemenyiTest: Sendable, Hashable, Codable {
    /// Mean ranks as given (rank 1 the best).
    package var meanRanks: [Double]
    /// q_α for k methods.
    package var q: Double
    /// The critical difference of mean ranks.
    package var criticalDifference: Double
    /// `significant[i][j]`: methods i and j differ (|Rᵢ − Rⱼ| ≥ CD).
    package var significant: [[Bool]]
    package var alpha: Double

    /// The test on `meanRanks` of k ≥ 2 methods over `blocks` ≥ 1 blocks, at level `alpha`.
    package init(meanRanks: [Double], blocks: Int, alpha: Double = 0.05) {
        precondition(meanRanks.count >= 2 && blocks >= 1, "Nemenyi needs two methods and one block")
        precondition(alpha > 0 && alpha < 1, "alpha lies strictly between 0 and 1")
        self.meanRanks = meanRanks
        self.alpha = alpha
        let k = meanRanks.count
        q = Self.q(methods: k, alpha: alpha)
        let difference = q * (Double(k * (k + 1)) / (6 * Double(blocks))).squareRoot()
        criticalDifference = difference
        significant = meanRanks.map { first in
            meanRanks.map { second in abs(first - second) >= difference }
        }
    }

    /// The test on a Friedman test's mean ranks.
    package init(after friedman: FriedmanTest, alpha: Double = 0.05) {
        self.init(meanRanks: friedman.meanRanks, blocks: friedman.blocks, alpha: alpha)
    }

    /// q_α = Q⁻¹(1 − α; k, ∞) / √2.
    package static func q(methods k: Int, alpha: Double) -> Double {
        Distributions.studentizedRangeQuantile(1 - alpha, groups: k) / 2.0.squareRoot()
    }
}
