/// Cumulative true and false positives when flagging at each distinct score, highest first.
///
/// This is the walk behind every threshold curve: sort by score, descending, and close a step
/// only where the score changes, so tied items always enter together (scikit-learn's
/// `_binary_clf_curve` does the same, which is what makes the curves below match it).
struct ThresholdCounts {
    /// Distinct scores, decreasing.
    var thresholds: [Double] = []
    /// Positives with score ≥ the threshold at the same index.
    var truePositives: [Int] = []
    /// Negatives with score ≥ the threshold at the same index.
    var falsePositives: [Int] = []

    var positives: Int { truePositives.last ?? 0 }
    var negatives: Int { falsePositives.last ?? 0 }

    /// Builds the steps; the caller has checked that lengths agree and scores are finite.
    init(truth: [Bool], scores: [Double]) {
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var positives = 0, negatives = 0
        for (rank, index) in order.enumerated() {
            if truth[index] { positives += 1 } else { negatives += 1 }
            let isLastOfTie = rank == order.count - 1 || scores[order[rank + 1]] != scores[index]
            if isLastOfTie {
                thresholds.append(scores[index])
                truePositives.append(positives)
                falsePositives.append(negatives)
            }
        }
    }
}

/// The common checks of the ranking metrics: lengths, finiteness, emptiness.
func rankingInputProblem(truth: [Bool], scores: [Double]) -> MetricNote? {
    precondition(truth.count == scores.count, "truth and scores differ in length")
    if truth.isEmpty { return .noItems }
    if !scores.allSatisfy(\.isFinite) { return .nonFiniteInput }
    return nil
}
