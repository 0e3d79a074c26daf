/// A method's curves as they may be published: at cut points between which lie at least
/// `minCell` campaign accounts and `minCell` other accounts, and without thresholds.
///
/// A curve with every threshold step lets anyone who holds a method's scores walk down them and
/// read the annotators' verdict on each account where a step adds one. Spacing the points by
/// recall alone is not enough: whoever holds scores of labelled accounts can count down to a
/// published point, and a stretch between two points that holds only campaign accounts (or
/// only others) names them all. So a point is published only where the stretch since the
/// previous point, and the stretch from it to the end of the curve, each hold at least
/// `minCell` accounts of both kinds: no stretch the points delimit is of one label, and none
/// is small. A method that ranks nearly perfectly therefore publishes few points, or none.
package struct PublishedCurves: Sendable {
    /// One published cut: the labelled accounts at or above it.
    package struct Point: Sendable, Equatable {
        package var truePositives: Int
        package var falsePositives: Int
    }

    package var points: [Point]
    package var positives: Int
    package var negatives: Int

    /// Recall on x, precision on y, at each published point.
    package var precisionRecall: [(recall: Double, precision: Double)] {
        points.map { (Double($0.truePositives) / Double(positives), Double($0.truePositives) / Double($0.truePositives + $0.falsePositives)) }
    }

    /// False-positive rate on x, true-positive rate on y, at each published point.
    package var roc: [(falsePositiveRate: Double, truePositiveRate: Double)] {
        points.map { (Double($0.falsePositives) / Double(negatives), Double($0.truePositives) / Double(positives)) }
    }

    /// The fewest accounts of one kind in a stretch the points delimit; nil without points.
    package var smallestStretch: Int? {
        guard !points.isEmpty else { return nil }
        var smallest = Int.max, previous = Point(truePositives: 0, falsePositives: 0)
        for point in points + [Point(truePositives: positives, falsePositives: negatives)] {
            smallest = min(smallest, point.truePositives - previous.truePositives, point.falsePositives - previous.falsePositives)
            previous = point
        }
        return smallest
    }

    package init(truth: [Bool], scores: [Double], minCell: Int) {
        var points: [Point] = []
        if rankingInputProblem(truth: truth, scores: scores) == nil {
            let steps = ThresholdCounts(truth: truth, scores: scores)
            let p = steps.positives, n = steps.negatives
            var last = Point(truePositives: 0, falsePositives: 0)
            for step in steps.thresholds.indices {
                let tp = steps.truePositives[step], fp = steps.falsePositives[step]
                guard tp - last.truePositives >= minCell, fp - last.falsePositives >= minCell,
                      p - tp >= minCell, n - fp >= minCell else { continue }
                last = Point(truePositives: tp, falsePositives: fp)
                points.append(last)
            }
            positives = p
            negatives = n
        } else {
            positives = truth.count { $0 }
            negatives = truth.count - positives
        }
        self.points = points
    }
}
