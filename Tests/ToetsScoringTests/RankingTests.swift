import Foundation
import Testing
@testable import ToetsScoring

private struct RankingCase: Decodable {
    struct PR: Decodable { var precision: [Double]; var recall: [Double]; var thresholds: [Double] }
    struct ROC: Decodable { var fpr: [Double]; var tpr: [Double]; var thresholds: [Double] }
    struct FullROC: Decodable { var fpr: [Double] }
    struct Calibration: Decodable { var bins: Int; var prob_true: [Double]; var prob_pred: [Double] }
    var name: String
    var truth: [Bool]
    var scores: [Double]
    var pr: PR?
    var average_precision: Double?
    var roc: ROC?
    var roc_full: FullROC?
    var auc: Double?
    var brier: Double?
    var calibration: [Calibration]
}

@Test func precisionRecallCurveAndAveragePrecisionMatchScikitLearn() throws {
    let cases = try Fixtures.load("ranking", as: [RankingCase].self)
    #expect(cases.count > 60)
    for c in cases {
        let curve = PrecisionRecallCurve(truth: c.truth, scores: c.scores)
        #expect(isClose(curve.averagePrecision.value, c.average_precision), "\(c.name)")
        guard let pr = c.pr else {
            #expect(curve.points.isEmpty && curve.note != nil, "\(c.name)")
            continue
        }
        // scikit-learn's arrays run the other way and end with the anchor.
        let points = curve.points.reversed()
        #expect(areClose(points.map(\.precision), pr.precision), "\(c.name) precision")
        #expect(areClose(points.map(\.recall), pr.recall), "\(c.name) recall")
        #expect(points.compactMap(\.threshold) == pr.thresholds, "\(c.name) thresholds")
    }
}

@Test func rocCurveAndAreaMatchScikitLearn() throws {
    for c in try Fixtures.load("ranking", as: [RankingCase].self) {
        let curve = ROCCurve(truth: c.truth, scores: c.scores)
        #expect(isClose(curve.area.value, c.auc), "\(c.name)")
        guard let roc = c.roc, let full = c.roc_full else {
            #expect(curve.points.isEmpty && curve.note != nil, "\(c.name)")
            continue
        }
        #expect(areClose(curve.points.map(\.falsePositiveRate), roc.fpr), "\(c.name) fpr")
        #expect(areClose(curve.points.map(\.truePositiveRate), roc.tpr), "\(c.name) tpr")
        #expect(curve.points.first?.threshold == nil)
        #expect(curve.points.dropFirst().map(\.threshold) == roc.thresholds.map { $0 }, "\(c.name) thresholds")
        let all = ROCCurve(truth: c.truth, scores: c.scores, dropIntermediate: false)
        #expect(areClose(all.points.map(\.falsePositiveRate), full.fpr), "\(c.name) full curve")
        #expect(isClose(all.area.value, c.auc), "\(c.name) area without dropping")
    }
}

@Test func aucCountsTiesAsHalf() {
    // One positive tied with the negative, one above it: (1 + ½) / 2.
    let curve = ROCCurve(truth: [true, true, false], scores: [0.9, 0.5, 0.5])
    #expect(curve.area == Metric(0.75))
    let tied = ROCCurve(truth: [true, false, true, false], scores: [0.5, 0.5, 0.9, 0.1])
    #expect(tied.area.value == 0.875)
    #expect(ROCCurve(truth: [true, true], scores: [0.1, 0.2]).area == .undefined(.noNegatives))
}

@Test func brierScoreMatchesScikitLearn() throws {
    for c in try Fixtures.load("ranking", as: [RankingCase].self) {
        #expect(isClose(Calibration.brierScore(truth: c.truth, scores: c.scores).value, c.brier), "\(c.name)")
    }
    #expect(Calibration.brierScore(truth: [true], scores: [1.5]) == .undefined(.scoresOutsideUnitInterval))
}

@Test func reliabilityTableMatchesCalibrationCurve() throws {
    for c in try Fixtures.load("ranking", as: [RankingCase].self) {
        for reference in c.calibration {
            let table = ReliabilityTable(truth: c.truth, scores: c.scores, binCount: reference.bins)
            #expect(table.bins.count == reference.bins)
            let filled = table.bins.filter { $0.count > 0 }
            #expect(areClose(filled.compactMap(\.observedRate), reference.prob_true), "\(c.name) \(reference.bins)")
            #expect(areClose(filled.compactMap(\.meanScore), reference.prob_pred), "\(c.name) \(reference.bins)")
            #expect(table.bins.reduce(0) { $0 + $1.count } == c.truth.count)
        }
    }
}

@Test func reliabilityTablePutsAScoreOnAnEdgeInTheLowerBin() {
    let table = ReliabilityTable(truth: [true, false, true], scores: [0.0, 0.5, 1.0], binCount: 2)
    #expect(table.bins.map(\.count) == [2, 1])
    #expect(table.bins[0].observedRate == 0.5 && table.bins[0].meanScore == 0.25)
    // |0.25 − 0.5| · 2/3 + |1 − 1| · 1/3
    #expect(isClose(table.expectedCalibrationError.value, 1.0 / 6))
}
