/// The receiver operating characteristic curve and the area under it, as scikit-learn.
///
/// Points run from the strictest threshold to the most lenient, starting at (0, 0) where
/// nothing is flagged, as `roc_curve`'s arrays. Tied scores enter together, so a tie makes a
/// diagonal segment and the trapezoid rule gives it half credit, exactly as `roc_auc_score`
/// (equivalently: the Mann–Whitney probability that a positive outscores a negative, ties
/// counted ½).
package struct ROCCurve: Sendable, Hashable, Codable {
    /// One operating point.
    package struct Point: Sendable, Hashable, Codable {
        /// Flag items with score ≥ threshold; nil for the first point, which flags nothing.
        package var threshold: Double?
        package var falsePositiveRate: Double
        package var truePositiveRate: Double
    }

    /// The curve; empty when it is not defined (see `note`).
    package var points: [Point]
    /// Area under the curve.
    package var area: Metric
    /// Why the curve is empty, if it is.
    package var note: MetricNote?

    /// Computes the curve of `scores` against `truth`.
    ///
    /// `dropIntermediate` leaves out points collinear with their neighbours, as `roc_curve`'s
    /// default; the area does not depend on it beyond rounding.
    package init(truth: [Bool], scores: [Double], dropIntermediate: Bool = true) {
        if let problem = rankingInputProblem(truth: truth, scores: scores) {
            self.init(undefined: problem)
            return
        }
        let steps = ThresholdCounts(truth: truth, scores: scores)
        guard steps.positives > 0 else {
            self.init(undefined: .noPositives)
            return
        }
        guard steps.negatives > 0 else {
            self.init(undefined: .noNegatives)
            return
        }
        var kept = Array(steps.thresholds.indices)
        if dropIntermediate && kept.count > 2 {
            // A point is kept where either count has a non-zero second difference: a corner.
            kept = kept.filter { index in
                if index == 0 || index == steps.thresholds.count - 1 { return true }
                let fp = steps.falsePositives, tp = steps.truePositives
                return fp[index + 1] - 2 * fp[index] + fp[index - 1] != 0
                    || tp[index + 1] - 2 * tp[index] + tp[index - 1] != 0
            }
        }
        let positives = Double(steps.positives), negatives = Double(steps.negatives)
        var points = [Point(threshold: nil, falsePositiveRate: 0, truePositiveRate: 0)]
        for index in kept {
            points.append(Point(threshold: steps.thresholds[index],
                                falsePositiveRate: Double(steps.falsePositives[index]) / negatives,
                                truePositiveRate: Double(steps.truePositives[index]) / positives))
        }
        var area = 0.0
        for index in points.indices.dropFirst() {
            let left = points[index - 1], right = points[index]
            area += (right.falsePositiveRate - left.falsePositiveRate)
                * (right.truePositiveRate + left.truePositiveRate) / 2
        }
        self.init(points: points, area: Metric(area), note: nil)
    }

    private init(undefined note: MetricNote) {
        self.init(points: [], area: .undefined(note), note: note)
    }

    private init(points: [Point], area: Metric, note: MetricNote?) {
        self.points = points
        self.area = area
        self.note = note
    }
}
