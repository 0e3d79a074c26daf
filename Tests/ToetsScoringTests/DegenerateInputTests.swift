import Foundation
import Testing
@testable import ToetsScoring

/// JSONEncoder refuses NaN and infinities, so encoding every result is a check that none escaped.
private func encodes<T: Encodable>(_ value: T) -> Bool {
    (try? JSONEncoder().encode(value)) != nil
}

@Test(arguments: [
    ([Bool](), [Double]()),
    ([true], [0.5]),
    ([false], [0.5]),
    ([true, true, true], [0.2, 0.2, 0.2]),
    ([false, false], [0.0, 1.0]),
    ([true, false], [0.5, 0.5]),
])
func degenerateInputsGiveNotesNeverNaN(truth: [Bool], scores: [Double]) {
    let flagged = scores.map { $0 >= 0.5 }
    let counts = ConfusionCounts(truth: truth, flagged: flagged)
    for metric in [counts.precision, counts.recall, counts.f1, counts.falsePositiveRate] {
        #expect(metric.value != nil || metric.note != nil)
        #expect(metric.value.map(\.isFinite) ?? true)
    }
    #expect(encodes(PrecisionAtK(truth: truth, scores: scores, k: 2)))
    #expect(encodes(OperatingPoint(truth: truth, scores: scores, budget: .rate(0.1))))
    let pr = PrecisionRecallCurve(truth: truth, scores: scores)
    let roc = ROCCurve(truth: truth, scores: scores)
    #expect(encodes(pr) && encodes(roc))
    #expect(pr.averagePrecision.value != nil || pr.averagePrecision.note != nil)
    #expect(roc.area.value != nil || roc.area.note != nil)
    #expect(encodes(Calibration.brierScore(truth: truth, scores: scores)))
    #expect(encodes(ReliabilityTable(truth: truth, scores: scores)))
    #expect(encodes(ConfidenceInterval.wilson(successes: truth.count { $0 }, trials: truth.count)))
    #expect(encodes(Bootstrap.run(units: .items(truth.count), plan: BootstrapPlan(resamples: 50, seed: 1)) { indices in
        ROCCurve(truth: indices.map { truth[$0] }, scores: indices.map { scores[$0] }).area.value
    }))
    let groups = truth.map { $0 ? 1 : 0 }
    #expect(encodes(ClusterAgreement.adjustedRandIndex(truth: groups, predicted: flagged)))
    #expect(encodes(ClusterAgreement.normalizedMutualInformation(truth: groups, predicted: flagged)))
    #expect(encodes(ClusterAgreement.bCubed(truth: groups, predicted: flagged).f1))
}

@Test func nonFiniteScoresAreRefusedWithANote() {
    #expect(ROCCurve(truth: [true, false], scores: [.nan, 0.1]).area == .undefined(.nonFiniteInput))
    #expect(PrecisionRecallCurve(truth: [true, false], scores: [.infinity, 0.1]).averagePrecision
        == .undefined(.nonFiniteInput))
    #expect(FriedmanTest(scores: [[1, .nan, 2]]).statistic == .undefined(.nonFiniteInput))
}

@Test func everyNoteHasAStableNameAndASentence() {
    for note in MetricNote.allCases {
        #expect(!note.description.isEmpty)
        #expect(note.rawValue.allSatisfy { $0.isLowercase || $0 == "-" })
    }
}
