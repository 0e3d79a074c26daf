/// Design-weighted figures at each method's own flag: ratio estimators of Horvitz–Thompson
/// totals, each labelled account standing for 1/π accounts of the population it was drawn from.
///
/// The labels are a designed sample: every account in a stratum of interest, a share of the
/// others. Precision, the false-positive rate and the prevalence of the labelled accounts are
/// then the sample's, not the population's. Each figure here is a ratio of two weighted totals,
/// Σ wᵢ aᵢ / Σ wᵢ bᵢ with wᵢ = 1/πᵢ (a ratio estimator, consistent for the population ratio);
/// on a bootstrap resample, item i drawn mᵢ times counts mᵢ wᵢ. Undefined figures are NaN, as
/// in `WeightedEvaluator`.
package struct DesignEstimates: Sendable {
    /// The figures per method, in this order, then the prevalence once.
    package enum Statistic: Int, CaseIterable, Sendable {
        case precision, recall, f1, falsePositiveRate
    }

    /// 1/π per item.
    let weights: [Double]
    let truth: [Bool]
    /// Per method, the items it flagged.
    let flagged: [[Bool]]

    package init(inclusionProbabilities: [Double], truth: [Bool], flagged: [[Bool]]) {
        precondition(inclusionProbabilities.allSatisfy { $0 > 0 && $0 <= 1 }, "inclusion probabilities lie in (0, 1]")
        weights = inclusionProbabilities.map { 1 / $0 }
        self.truth = truth
        self.flagged = flagged
    }

    /// Values per sample: four per method, then the prevalence.
    package var width: Int { flagged.count * Statistic.allCases.count + 1 }

    /// Where a method's figure sits, relative to the start of this block.
    package static func index(method: Int, _ statistic: Statistic) -> Int {
        method * Statistic.allCases.count + statistic.rawValue
    }

    /// Where the prevalence sits, relative to the start of this block.
    package var prevalenceIndex: Int { flagged.count * Statistic.allCases.count }

    /// Writes `width` values for the sample in which item i was drawn `multiplicity[i]` times.
    package func evaluate(multiplicity: UnsafeBufferPointer<Int32>, into out: UnsafeMutableBufferPointer<Double>) {
        var positives = 0.0, total = 0.0
        var flaggedPositives = [Double](repeating: 0, count: flagged.count)
        var flaggedNegatives = [Double](repeating: 0, count: flagged.count)
        for item in 0..<weights.count where multiplicity[item] != 0 {
            let weight = Double(multiplicity[item]) * weights[item]
            total += weight
            let positive = truth[item]
            if positive { positives += weight }
            for method in flagged.indices where flagged[method][item] {
                if positive { flaggedPositives[method] += weight } else { flaggedNegatives[method] += weight }
            }
        }
        func ratio(_ numerator: Double, _ denominator: Double) -> Double { denominator > 0 ? numerator / denominator : .nan }
        let negatives = total - positives
        for method in flagged.indices {
            let hits = flaggedPositives[method], falseAlarms = flaggedNegatives[method]
            out[Self.index(method: method, .precision)] = ratio(hits, hits + falseAlarms)
            out[Self.index(method: method, .recall)] = ratio(hits, positives)
            out[Self.index(method: method, .f1)] = ratio(2 * hits, hits + falseAlarms + positives)
            out[Self.index(method: method, .falsePositiveRate)] = ratio(falseAlarms, negatives)
        }
        out[prevalenceIndex] = ratio(positives, total)
    }
}
