/// How many false positives an operating point may cost.
package enum FalsePositiveBudget: Sendable, Hashable, Codable {
    /// At most this false-positive rate (FP / negatives), e.g. 0.01.
    case rate(Double)
    /// At most this many false positives.
    case count(Int)
}

/// A threshold on the scores and what flagging at it yields.
package struct OperatingPoint: Sendable, Hashable, Codable {
    /// Flag items with score ≥ threshold; nil when nothing is flagged.
    package var threshold: Double?
    /// The counts at that threshold.
    package var counts: ConfusionCounts
    /// A caveat about how the point was chosen, if any.
    package var note: MetricNote?

    /// The most lenient threshold whose false positives stay within `budget`: the best recall
    /// the budget allows.
    ///
    /// Only distinct scores are candidate thresholds, so a tie enters whole or not at all. This
    /// is the last point of scikit-learn's `roc_curve(..., drop_intermediate=False)` with
    /// `fpr ≤ rate`. With no negatives no false positive is possible and every item is flagged;
    /// when even the highest score breaks the budget nothing is flagged.
    package init(truth: [Bool], scores: [Double], budget: FalsePositiveBudget) {
        if let problem = rankingInputProblem(truth: truth, scores: scores) {
            self.init(threshold: nil, counts: ConfusionCounts(truth: truth, flagged: truth.map { _ in false }),
                      note: problem)
            return
        }
        let steps = ThresholdCounts(truth: truth, scores: scores)
        let negatives = steps.negatives
        func withinBudget(_ falsePositives: Int) -> Bool {
            switch budget {
            case .rate(let rate): negatives == 0 || Double(falsePositives) / Double(negatives) <= rate
            case .count(let count): falsePositives <= count
            }
        }
        // False positives only grow as the threshold falls, so the last admissible step is the answer.
        let chosen = steps.thresholds.indices.last { withinBudget(steps.falsePositives[$0]) }
        guard let chosen else {
            self.init(threshold: nil,
                      counts: ConfusionCounts(truePositives: 0, falsePositives: 0,
                                              falseNegatives: steps.positives, trueNegatives: negatives),
                      note: .budgetBelowFirstThreshold)
            return
        }
        let truePositives = steps.truePositives[chosen], falsePositives = steps.falsePositives[chosen]
        self.init(threshold: steps.thresholds[chosen],
                  counts: ConfusionCounts(truePositives: truePositives, falsePositives: falsePositives,
                                          falseNegatives: steps.positives - truePositives,
                                          trueNegatives: negatives - falsePositives),
                  note: negatives == 0 ? .noNegatives : nil)
    }

    init(threshold: Double?, counts: ConfusionCounts, note: MetricNote?) {
        self.threshold = threshold
        self.counts = counts
        self.note = note
    }
}
