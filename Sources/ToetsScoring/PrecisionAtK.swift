/// Precision among the k highest-scored items, with ties at the cutoff shared out fairly.
///
/// When tied scores straddle the k-th place, no order among them is better justified than
/// another, so the value is the expectation over all orders of the tie: the tied group's
/// positives count in proportion to the places left for it. The result is deterministic and
/// does not depend on input order.
package struct PrecisionAtK: Sendable, Hashable, Codable {
    /// The k asked for.
    package var k: Int
    /// Expected positives among the top k (fractional when a tie straddles the cutoff).
    package var positivesInTopK: Double
    /// `positivesInTopK / min(k, items)`.
    package var precision: Metric

    /// Computes precision@k of `scores` against `truth`.
    package init(truth: [Bool], scores: [Double], k: Int) {
        precondition(truth.count == scores.count, "truth and scores differ in length")
        self.k = k
        guard k >= 1 else {
            positivesInTopK = 0
            precision = .undefined(.invalidK)
            return
        }
        guard !truth.isEmpty else {
            positivesInTopK = 0
            precision = .undefined(.noItems)
            return
        }
        guard scores.allSatisfy(\.isFinite) else {
            positivesInTopK = 0
            precision = .undefined(.nonFiniteInput)
            return
        }
        let places = min(k, scores.count)
        let cutoff = scores.sorted(by: >)[places - 1]
        var above = 0, positivesAbove = 0, tied = 0, positivesTied = 0
        for (score, isPositive) in zip(scores, truth) {
            if score > cutoff {
                above += 1
                if isPositive { positivesAbove += 1 }
            } else if score == cutoff {
                tied += 1
                if isPositive { positivesTied += 1 }
            }
        }
        let placesForTie = places - above
        positivesInTopK = Double(positivesAbove) + Double(positivesTied) * Double(placesForTie) / Double(tied)
        let note: MetricNote? = k > scores.count ? .kExceedsItems : (placesForTie < tied ? .tiesAtCutoff : nil)
        precision = Metric(positivesInTopK / Double(places), note: note)
    }
}
