import Testing
@testable import ToetsScoring

private struct BinaryCase: Decodable {
    struct Counts: Decodable { var tp, fp, fn, tn: Int }
    struct AtK: Decodable { var k: Int; var value: Double? }
    struct Budget: Decodable { var rate: Double; var threshold: Double?; var tp: Int; var fp: Int }
    var name: String
    var truth: [Bool]
    var scores: [Double]
    var flagged: [Bool]
    var counts: Counts
    var precision: Double?
    var recall: Double?
    var f1: Double?
    var fpr: Double?
    var precision_at_k: [AtK]
    var budgets: [Budget]
}

@Test func confusionCountsAndRatesMatchScikitLearn() throws {
    let cases = try Fixtures.load("binary", as: [BinaryCase].self)
    #expect(cases.count > 60)
    for c in cases {
        let counts = ConfusionCounts(truth: c.truth, flagged: c.flagged)
        #expect(counts == ConfusionCounts(truePositives: c.counts.tp, falsePositives: c.counts.fp,
                                          falseNegatives: c.counts.fn, trueNegatives: c.counts.tn), "\(c.name)")
        #expect(isClose(counts.precision.value, c.precision), "\(c.name) precision")
        #expect(isClose(counts.recall.value, c.recall), "\(c.name) recall")
        #expect(isClose(counts.f1.value, c.f1), "\(c.name) f1")
        #expect(isClose(counts.falsePositiveRate.value, c.fpr), "\(c.name) fpr")
        #expect(ConfusionCounts(truth: c.truth, scores: c.scores, threshold: 0.5) == counts, "\(c.name)")
    }
}

@Test func undefinedRatesSayWhy() {
    let nothingFlagged = ConfusionCounts(truth: [true, false], flagged: [false, false])
    #expect(nothingFlagged.precision == .undefined(.nothingFlagged))
    #expect(nothingFlagged.f1 == Metric(0))
    let noPositives = ConfusionCounts(truth: [false, false], flagged: [false, false])
    #expect(noPositives.recall == .undefined(.noPositives))
    #expect(noPositives.f1 == .undefined(.noPositivesAndNothingFlagged))
    #expect(ConfusionCounts(truth: [true], flagged: [true]).falsePositiveRate == .undefined(.noNegatives))
}

@Test func precisionAtKMatchesTheTieAwareReference() throws {
    for c in try Fixtures.load("binary", as: [BinaryCase].self) {
        for atK in c.precision_at_k {
            let result = PrecisionAtK(truth: c.truth, scores: c.scores, k: atK.k)
            #expect(isClose(result.precision.value, atK.value), "\(c.name) k=\(atK.k)")
        }
    }
}

@Test func precisionAtKSharesATieAtTheCutoffAndSaysSo() {
    // Two places; the second is contested by a positive and a negative tied at 0.5.
    let result = PrecisionAtK(truth: [true, true, false, false], scores: [0.9, 0.5, 0.5, 0.1], k: 2)
    #expect(result.positivesInTopK == 1.5)
    #expect(result.precision == Metric(0.75, note: .tiesAtCutoff))
    // Input order does not matter.
    let shuffled = PrecisionAtK(truth: [false, true, false, true], scores: [0.5, 0.5, 0.1, 0.9], k: 2)
    #expect(shuffled.precision == result.precision)
    #expect(PrecisionAtK(truth: [true], scores: [1], k: 0).precision == .undefined(.invalidK))
    #expect(PrecisionAtK(truth: [true, false], scores: [1, 0], k: 5).precision == Metric(0.5, note: .kExceedsItems))
}

@Test func operatingPointWithinABudgetMatchesTheROCWalk() throws {
    for c in try Fixtures.load("binary", as: [BinaryCase].self) {
        for budget in c.budgets {
            let point = OperatingPoint(truth: c.truth, scores: c.scores, budget: .rate(budget.rate))
            #expect(point.threshold == budget.threshold, "\(c.name) rate \(budget.rate)")
            #expect(point.counts.truePositives == budget.tp, "\(c.name) rate \(budget.rate)")
            #expect(point.counts.falsePositives == budget.fp, "\(c.name) rate \(budget.rate)")
            #expect(point.counts.items == c.truth.count)
        }
    }
}

@Test func operatingPointByCountTakesWholeTiesOnly() {
    let truth = [true, false, true, false, false], scores = [0.9, 0.8, 0.7, 0.7, 0.1]
    // One false positive allowed: 0.8 costs one; 0.7 would cost two, so the tie stays out.
    let point = OperatingPoint(truth: truth, scores: scores, budget: .count(1))
    #expect(point.threshold == 0.8)
    #expect(point.counts == ConfusionCounts(truePositives: 1, falsePositives: 1, falseNegatives: 1, trueNegatives: 2))
    let none = OperatingPoint(truth: [false, true], scores: [0.9, 0.1], budget: .count(0))
    #expect(none.threshold == nil && none.note == .budgetBelowFirstThreshold && none.counts.flagged == 0)
}
