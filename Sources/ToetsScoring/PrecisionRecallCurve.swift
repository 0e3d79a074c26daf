/// The precision–recall curve and average precision, as scikit-learn computes them.
///
/// Points run from the strictest threshold to the most lenient: first the anchor (nothing
/// flagged, precision 1, recall 0), then one point per distinct score. That is the order of
/// `precision_recall_curve`'s arrays reversed. Average precision is the step-wise sum
/// Σ (Rₙ − Rₙ₋₁) Pₙ over those points, without interpolation, as `average_precision_score`.
package struct PrecisionRecallCurve: Sendable, Hashable, Codable {
    /// One operating point.
    package struct Point: Sendable, Hashable, Codable {
        /// Flag items with score ≥ threshold; nil for the anchor, which flags nothing.
        package var threshold: Double?
        package var precision: Double
        package var recall: Double
    }

    /// The curve; empty when it is not defined (see `note`).
    package var points: [Point]
    /// Average precision (area under the step-wise curve).
    package var averagePrecision: Metric
    /// Why the curve is empty, if it is.
    package var note: MetricNote?

    /// Computes the curve of `scores` against `truth`.
    ///
    /// Without positives scikit-learn sets recall to 1 everywhere and reports an average
    /// precision of 0 with a warning; here the curve is empty and the figure undefined.
    package init(truth: [Bool], scores: [Double]) {
        if let problem = rankingInputProblem(truth: truth, scores: scores) {
            self.init(undefined: problem)
            return
        }
        let steps = ThresholdCounts(truth: truth, scores: scores)
        guard steps.positives > 0 else {
            self.init(undefined: .noPositives)
            return
        }
        var points = [Point(threshold: nil, precision: 1, recall: 0)]
        let positives = Double(steps.positives)
        var area = 0.0
        for step in steps.thresholds.indices {
            let truePositives = Double(steps.truePositives[step])
            let flagged = truePositives + Double(steps.falsePositives[step])
            let point = Point(threshold: steps.thresholds[step], precision: truePositives / flagged,
                              recall: truePositives / positives)
            area += (point.recall - points[points.count - 1].recall) * point.precision
            points.append(point)
        }
        self.init(points: points, averagePrecision: Metric(area), note: nil)
    }

    private init(undefined note: MetricNote) {
        self.init(points: [], averagePrecision: .undefined(note), note: note)
    }

    private init(points: [Point], averagePrecision: Metric, note: MetricNote?) {
        self.points = points
        self.averagePrecision = averagePrecision
        self.note = note
    }
}
