import Testing
import ToetsModel
@testable import ToetsScoring

/// The one-pass weighted evaluator against the library's functions, which are checked against
/// scikit-learn: with all weights 1, and with weights as repeated items.
@Suite struct WeightedEvaluatorTests {
    typealias Statistic = WeightedEvaluator.CellStatistic

    struct Case {
        var truth: [Bool]
        var scores: [Double]
        var flagged: [Bool]
        /// One dimension: each item's stratum cell (1 or 2), or −1.
        var cells: [Int32]
    }

    /// Random cases with many ties (scores on a coarse grid) and a few degenerate ones.
    static func cases() -> [Case] {
        var random = SeededRandom(seed: 11)
        var cases: [Case] = []
        for index in 0..<40 {
            let count = 1 + random.int(0...60)
            let truth = (0..<count).map { _ in random.chance(index % 5 == 0 ? 0.05 : 0.35) }
            let scores = (0..<count).map { item in
                (Double(random.int(0...(index % 3 == 0 ? 4 : 40))) + (truth[item] ? 8 : 0)) / 50
            }
            let flagged = scores.map { $0 >= 0.5 }
            let cells = (0..<count).map { _ in Int32(random.int(0...2)) }.map { $0 == 0 ? -1 : $0 }
            cases.append(Case(truth: truth, scores: scores, flagged: flagged, cells: cells))
        }
        cases.append(Case(truth: [true, true], scores: [0.3, 0.3], flagged: [true, false], cells: [1, 1]))
        cases.append(Case(truth: [false, false, false], scores: [0.1, 0.9, 0.5], flagged: [false, true, false], cells: [1, 2, 2]))
        return cases
    }

    func evaluate(_ testCase: Case, weights: [Int32], topK: [Int] = [1, 5, 20], budget: Double = 0.1) -> (WeightedEvaluator, [Double]) {
        let evaluator = WeightedEvaluator(truth: testCase.truth, scores: testCase.scores, flagged: testCase.flagged,
                                          itemCells: testCase.cells.map { [$0] }, cellCount: 3, topK: topK, budget: budget)
        var scratch = WeightedEvaluator.Scratch(cellCount: 3)
        let negatives = zip(testCase.truth, weights).reduce(0) { $0 + ($1.0 ? 0 : Int($1.1)) }
        var out = [Double](repeating: 0, count: evaluator.width)
        weights.withUnsafeBufferPointer { weights in
            out.withUnsafeMutableBufferPointer { out in
                evaluator.evaluate(weights: weights, negatives: negatives, scratch: &scratch, into: out)
            }
        }
        return (evaluator, out)
    }

    /// The library's figures on the items repeated by their weights.
    func expected(_ testCase: Case, weights: [Int32], cell: Int?) -> (truth: [Bool], scores: [Double], flagged: [Bool]) {
        var truth: [Bool] = [], scores: [Double] = [], flagged: [Bool] = []
        for item in testCase.truth.indices where cell == nil || Int(testCase.cells[item]) == cell {
            for _ in 0..<weights[item] {
                truth.append(testCase.truth[item])
                scores.append(testCase.scores[item])
                flagged.append(testCase.flagged[item])
            }
        }
        return (truth, scores, flagged)
    }

    func matches(_ value: Double, _ metric: Metric) -> Bool {
        value.isNaN ? metric.value == nil : isClose(value, metric.value, tolerance: 1e-12)
    }

    @Test(arguments: [false, true])
    func figuresEqualTheLibrarysOnTheRepeatedItems(randomWeights: Bool) {
        var random = SeededRandom(seed: 3)
        for testCase in Self.cases() {
            let weights = testCase.truth.map { _ in randomWeights ? Int32(random.int(0...3)) : 1 }
            let (evaluator, out) = evaluate(testCase, weights: weights)
            for cell in [nil, 1, 2] as [Int?] {
                let sample = expected(testCase, weights: weights, cell: cell)
                let counts = ConfusionCounts(truth: sample.truth, flagged: sample.flagged)
                let at = { (statistic: Statistic) in out[WeightedEvaluator.index(cell: cell ?? 0, statistic)] }
                #expect(matches(at(.precision), counts.precision))
                #expect(matches(at(.recall), counts.recall))
                #expect(matches(at(.f1), counts.f1))
                #expect(matches(at(.falsePositiveRate), counts.falsePositiveRate))
                if sample.truth.isEmpty { continue }
                #expect(matches(at(.averagePrecision), PrecisionRecallCurve(truth: sample.truth, scores: sample.scores).averagePrecision))
                #expect(matches(at(.rocAUC), ROCCurve(truth: sample.truth, scores: sample.scores).area))
            }
            let sample = expected(testCase, weights: weights, cell: nil)
            guard !sample.truth.isEmpty else { continue }
            for (slot, k) in evaluator.topK.enumerated() {
                #expect(matches(out[evaluator.index(topK: slot)], PrecisionAtK(truth: sample.truth, scores: sample.scores, k: k).precision))
            }
            let point = OperatingPoint(truth: sample.truth, scores: sample.scores, budget: .rate(0.1))
            #expect(matches(out[evaluator.index(.budgetPrecision)], point.counts.precision))
            #expect(matches(out[evaluator.index(.budgetRecall)], point.counts.recall))
            #expect(matches(out[evaluator.index(.brier)], Calibration.brierScore(truth: sample.truth, scores: sample.scores)))
        }
    }

    @Test func theRateRatioComparesACellWithAllItems() {
        // Cell 1: 1 false positive of 2 negatives; all items: 1 of 4. Ratio 2.
        let testCase = Case(truth: [false, false, false, false, true], scores: [0.9, 0.1, 0.2, 0.3, 0.8],
                            flagged: [true, false, false, false, true], cells: [1, 1, 2, 2, 2])
        let (_, out) = evaluate(testCase, weights: [1, 1, 1, 1, 1])
        #expect(out[WeightedEvaluator.index(cell: 1, .falsePositiveRateRatio)] == 2)
        #expect(out[WeightedEvaluator.index(cell: 2, .falsePositiveRateRatio)] == 0)
        #expect(out[WeightedEvaluator.index(cell: 0, .falsePositiveRateRatio)] == 1)
    }

    @Test func scoresOutsideTheUnitIntervalHaveNoBrierScore() {
        let testCase = Case(truth: [true, false], scores: [3, -1], flagged: [true, false], cells: [1, 2])
        let (evaluator, out) = evaluate(testCase, weights: [1, 1])
        #expect(!evaluator.probabilities)
        #expect(out[evaluator.index(.brier)].isNaN)
        #expect(out[WeightedEvaluator.index(cell: 0, .rocAUC)] == 1)
    }
}
