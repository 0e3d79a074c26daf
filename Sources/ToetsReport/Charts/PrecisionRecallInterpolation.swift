/// The precision–recall curve between published points, drawn as Davis and Goadrich (2006)
/// interpolate it: between two points the counts of campaign and other accounts grow together
/// in proportion (a straight segment in ROC space, as tied scores enter), so precision follows
/// TP / (TP + FP) along the way rather than a straight line or a step, which would misstate it.
enum PrecisionRecallInterpolation {
    /// The points `(recall, precision)` with the stretch from nothing flagged to the first point,
    /// between the points, and from the last to everything flagged, each filled in with `steps`
    /// interpolated points; empty without positives.
    static func densify(_ points: [CurvePoint], positives: Int, negatives: Int, steps: Int = 12) -> [CurvePoint] {
        guard positives > 0, !points.isEmpty else { return [] }
        let p = Double(positives)
        // Back to counts: TP = recall · P, FP = TP (1 − precision) / precision.
        var counts: [(tp: Double, fp: Double)] = [(0, 0)]
        for point in points where point.y > 0 {
            let tp = point.x * p
            counts.append((tp, tp * (1 - point.y) / point.y))
        }
        counts.append((p, Double(negatives)))
        var curve: [CurvePoint] = []
        for (from, to) in zip(counts, counts.dropFirst()) {
            for step in (curve.isEmpty ? 0 : 1)...steps {
                let t = Double(step) / Double(steps)
                let tp = from.tp + t * (to.tp - from.tp), fp = from.fp + t * (to.fp - from.fp)
                // At the very start nothing is flagged; the precision there is the first stretch's own.
                let precision = tp + fp > 0 ? tp / (tp + fp) : (to.tp - from.tp) / max(1e-12, to.tp - from.tp + to.fp - from.fp)
                curve.append(CurvePoint(tp / p, precision))
            }
        }
        return curve
    }
}
