/// Calibration of scores read as probabilities: the Brier score and a reliability table.
package enum Calibration {
    /// Mean squared difference between score and outcome (0 is perfect), as scikit-learn's
    /// `brier_score_loss`; undefined for scores outside [0, 1].
    package static func brierScore(truth: [Bool], scores: [Double]) -> Metric {
        if let problem = probabilityInputProblem(truth: truth, scores: scores) { return .undefined(problem) }
        var sum = 0.0
        for (isPositive, score) in zip(truth, scores) {
            let error = (isPositive ? 1 : 0) - score
            sum += error * error
        }
        return Metric(sum / Double(scores.count))
    }

    static func probabilityInputProblem(truth: [Bool], scores: [Double]) -> MetricNote? {
        if let problem = rankingInputProblem(truth: truth, scores: scores) { return problem }
        if !scores.allSatisfy({ $0 >= 0 && $0 <= 1 }) { return .scoresOutsideUnitInterval }
        return nil
    }
}

/// Observed positive rate against mean score in fixed, equal-width bins over [0, 1].
///
/// Bin k covers (edgeₖ, edgeₖ₊₁], the first also holding 0, with edgeₖ = k · (1/bins) computed
/// in that order: the same edges and the same side for a score on an edge as scikit-learn's
/// `calibration_curve(strategy="uniform")`, whose two arrays are this table's non-empty rows.
package struct ReliabilityTable: Sendable, Hashable, Codable {
    /// One bin.
    package struct Bin: Sendable, Hashable, Codable {
        package var lower: Double
        package var upper: Double
        package var count: Int
        package var positives: Int
        /// Mean score in the bin; nil when the bin is empty.
        package var meanScore: Double?
        /// Fraction of positives in the bin; nil when the bin is empty.
        package var observedRate: Double?
    }

    /// All bins, empty ones included, from low scores to high.
    package var bins: [Bin]
    /// Σ (countₖ / n) · |meanScoreₖ − observedRateₖ|, the expected calibration error.
    package var expectedCalibrationError: Metric
    /// Why the table is empty, if it is.
    package var note: MetricNote?

    /// Bins `scores` (probabilities) against `truth` into `binCount` ≥ 1 bins.
    package init(truth: [Bool], scores: [Double], binCount: Int = 10) {
        precondition(binCount >= 1, "a reliability table needs at least one bin")
        if let problem = Calibration.probabilityInputProblem(truth: truth, scores: scores) {
            bins = []
            expectedCalibrationError = .undefined(problem)
            note = problem
            return
        }
        let width = 1.0 / Double(binCount)
        let edges = (0...binCount).map { $0 == binCount ? 1.0 : Double($0) * width }
        var counts = [Int](repeating: 0, count: binCount)
        var positives = [Int](repeating: 0, count: binCount)
        var sums = [Double](repeating: 0, count: binCount)
        for (isPositive, score) in zip(truth, scores) {
            // The number of inner edges strictly below the score (numpy's searchsorted, side left).
            var bin = 0
            while bin < binCount - 1 && edges[bin + 1] < score { bin += 1 }
            counts[bin] += 1
            sums[bin] += score
            if isPositive { positives[bin] += 1 }
        }
        var error = 0.0
        bins = (0..<binCount).map { index in
            let count = counts[index]
            guard count > 0 else {
                return Bin(lower: edges[index], upper: edges[index + 1], count: 0, positives: 0)
            }
            let mean = sums[index] / Double(count), rate = Double(positives[index]) / Double(count)
            error += Double(count) * abs(mean - rate)
            return Bin(lower: edges[index], upper: edges[index + 1], count: count, positives: positives[index],
                       meanScore: mean, observedRate: rate)
        }
        expectedCalibrationError = Metric(error / Double(scores.count))
        note = nil
    }
}

extension ReliabilityTable {
    /// A table with the given parts (an empty one, with the reason).
    init(bins: [Bin], expectedCalibrationError: Metric, note: MetricNote?) {
        self.bins = bins
        self.expectedCalibrationError = expectedCalibrationError
        self.note = note
    }
}
