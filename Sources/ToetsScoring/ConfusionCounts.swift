/// The four counts of a binary decision against binary ground truth, and the rates built on them.
///
/// Items are accounts with a known label: unlabelled accounts are unknown, not negative, and
/// the caller leaves them out before scoring.
package struct ConfusionCounts: Sendable, Hashable, Codable {
    package var truePositives = 0
    package var falsePositives = 0
    package var falseNegatives = 0
    package var trueNegatives = 0

    package init(truePositives: Int, falsePositives: Int, falseNegatives: Int, trueNegatives: Int) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
        self.trueNegatives = trueNegatives
    }

    /// Counts `flagged` against `truth`, item by item; the arrays must have the same length.
    package init(truth: [Bool], flagged: [Bool]) {
        precondition(truth.count == flagged.count, "truth and flags differ in length")
        for (isPositive, isFlagged) in zip(truth, flagged) {
            switch (isPositive, isFlagged) {
            case (true, true): truePositives += 1
            case (false, true): falsePositives += 1
            case (true, false): falseNegatives += 1
            case (false, false): trueNegatives += 1
            }
        }
    }

    /// Counts the decision "flag when score ≥ threshold" (scikit-learn's convention for curves).
    package init(truth: [Bool], scores: [Double], threshold: Double) {
        self.init(truth: truth, flagged: scores.map { $0 >= threshold })
    }

    package var items: Int { truePositives + falsePositives + falseNegatives + trueNegatives }
    package var positives: Int { truePositives + falseNegatives }
    package var negatives: Int { falsePositives + trueNegatives }
    package var flagged: Int { truePositives + falsePositives }

    /// TP / (TP + FP); undefined when nothing is flagged (scikit-learn would report 0 and warn).
    package var precision: Metric {
        .ratio(truePositives, flagged, else: .nothingFlagged)
    }

    /// TP / (TP + FN), the true-positive rate; undefined without positives.
    package var recall: Metric {
        .ratio(truePositives, positives, else: .noPositives)
    }

    /// 2TP / (2TP + FP + FN): the harmonic mean of precision and recall, written so that it is
    /// defined (as 0) when precision is not but positives were missed.
    package var f1: Metric {
        .ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives,
               else: .noPositivesAndNothingFlagged)
    }

    /// FP / (FP + TN); undefined without negatives.
    package var falsePositiveRate: Metric {
        .ratio(falsePositives, negatives, else: .noNegatives)
    }
}
