import Foundation
import Testing
import ToetsModel
@testable import ToetsScoring

private struct DesignCase: Decodable {
    struct Method: Decodable {
        var precision: Double?
        var recall: Double?
        var false_positive_rate: Double?
        var f1: Double?
        var precision_se: Double?
        var false_positive_rate_se: Double?
    }
    var inclusion: [Double]
    var truth: [Bool]
    var flagged: [[Bool]]
    var methods: [Method]
    var prevalence: Double?
}

/// The design statistics alone, for the bootstrap.
private struct DesignOnly: WeightedStatistics {
    let design: DesignEstimates
    var width: Int { design.width }
    func makeScratch() {}
    func evaluate(weights: UnsafeBufferPointer<Int32>, scratch: inout Void, into out: UnsafeMutableBufferPointer<Double>) {
        design.evaluate(multiplicity: weights, into: out)
    }
}

@Suite struct SamplingDesignTests {
    @Test func designWeightedEstimatesMatchStatsmodelsWeightedMeans() throws {
        let cases = try Fixtures.load("design", as: [DesignCase].self)
        #expect(cases.count > 10)
        for (index, c) in cases.enumerated() {
            let design = DesignEstimates(inclusionProbabilities: c.inclusion, truth: c.truth, flagged: c.flagged)
            let full = ParallelBootstrap.full(itemCount: c.truth.count, statistics: DesignOnly(design: design))
            func value(_ slot: Int) -> Double? { full[slot].isNaN ? nil : full[slot] }
            for (method, expected) in c.methods.enumerated() {
                #expect(isClose(value(DesignEstimates.index(method: method, .precision)), expected.precision), "case \(index)")
                #expect(isClose(value(DesignEstimates.index(method: method, .recall)), expected.recall), "case \(index)")
                #expect(isClose(value(DesignEstimates.index(method: method, .f1)), expected.f1), "case \(index)")
                #expect(isClose(value(DesignEstimates.index(method: method, .falsePositiveRate)), expected.false_positive_rate),
                        "case \(index)")
            }
            #expect(isClose(value(design.prevalenceIndex), c.prevalence), "case \(index)")
        }
    }

    /// The bootstrap within design strata agrees with the Taylor-linearized standard error of a
    /// stratified with-replacement design (as R's survey package gives it) within Monte Carlo error.
    @Test func theStratifiedBootstrapAgreesWithTheLinearizedStandardError() async throws {
        let c = try Fixtures.load("design", as: [DesignCase].self)[0]
        let design = DesignEstimates(inclusionProbabilities: c.inclusion, truth: c.truth, flagged: c.flagged)
        let levels = Array(Set(c.inclusion)).sorted()
        var units = ResamplingUnits.items(c.truth.count)
        units.strata = c.inclusion.map { levels.firstIndex(of: $0)! }
        let draws = await ParallelBootstrap.run(units: units, plan: BootstrapPlan(resamples: 3000, seed: 11),
                                                statistics: DesignOnly(design: design))
        func standardError(_ column: Int) -> Double {
            let values = (0..<3000).map { draws.replicates[$0 * draws.width + column] }.filter { !$0.isNaN }
            let mean = values.reduce(0, +) / Double(values.count)
            return (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
        }
        for (method, expected) in c.methods.enumerated() {
            let precision = standardError(DesignEstimates.index(method: method, .precision))
            let rate = standardError(DesignEstimates.index(method: method, .falsePositiveRate))
            #expect(abs(precision / expected.precision_se! - 1) < 0.08, "precision SE \(precision) vs \(expected.precision_se!)")
            #expect(abs(rate / expected.false_positive_rate_se! - 1) < 0.08, "FPR SE \(rate) vs \(expected.false_positive_rate_se!)")
        }
    }

    /// Labels with an inclusion probability: every non-organic account, 30% of the organic ones.
    static let labels: String = {
        var rows = ["account_id,label,campaign,annotator,confidence,coordination,inclusion_probability"]
        for i in 0..<20 { rows.append("c\(i),campaign,C\(i % 4),A1,0.9,,1") }
        for i in 0..<30 { rows.append("v\(i),none,,A1,0.9,volunteers,1") }
        for i in 0..<60 { rows.append("o\(i),none,,A1,0.9,,0.3") }
        return rows.joined(separator: "\n") + "\n"
    }()

    @Test func theScorecardShowsSampleAndPopulationFiguresSideBySide() async throws {
        let truth = try GroundTruth.parse(Array(Self.labels.utf8), file: "labels")
        #expect(truth.hasDesign)
        // Flags 15 campaign accounts, 5 volunteers and 6 organic accounts.
        let detections = (0..<20).map { Detection(accountID: "c\($0)", score: $0 < 15 ? 0.9 : 0.1, flagged: $0 < 15, group: nil) }
            + (0..<30).map { Detection(accountID: "v\($0)", score: $0 < 5 ? 0.8 : 0.1, flagged: $0 < 5, group: nil) }
            + (0..<60).map { Detection(accountID: "o\($0)", score: $0 < 6 ? 0.7 : 0.1, flagged: $0 < 6, group: nil) }
        var settings = ScoreSettings()
        settings.replicates = 200
        settings.strata = []
        let card = try await Scorer.score(methods: [(name: "m", detections: detections)], truth: truth, strata: nil,
                                          settings: settings)
        let method = card.methods[0], population = try #require(method.population)
        // Sample: 15 / 26 flagged are campaign accounts; population: 15 / (15 + 5 + 6/0.3).
        #expect(isClose(method.overall.precision.value, 15.0 / 26))
        #expect(isClose(population.precision.value, 15.0 / 40))
        #expect(isClose(population.falsePositiveRate.value, 25.0 / 230))  // (5 + 20) / (30 + 200)
        #expect(isClose(card.populationPrevalence?.value, 20.0 / 250))
        #expect(card.design.map(\.accounts) == [50, 60])  // by inclusion probability, highest first
        let results = try JSONDocument(card.resultsJSON(stage: "score 3")).root
        #expect(results["methods"]?.elements.first?["population", "precision", "value"]?.double == 15.0 / 40)
        #expect(results["bootstrap", "stratified_by_design"]?.bool == true)
        #expect(card.summary.contains("design-weighted prevalence 0.080"))
    }

    @Test func aMissingOrInconsistentInclusionProbabilityIsRefusedWithItsLine() {
        let missing = "account_id,label,campaign,annotator,confidence,inclusion_probability\na,none,,A1,0.9,1\nb,none,,A1,0.9,\n"
        #expect(throws: ScoreError.badLabels(file: "labels", line: 3, problem: "field inclusion_probability is empty; with a "
            + "sampling design every row gives its account's probability of being in the sample")) {
            try GroundTruth.parse(Array(missing.utf8), file: "labels")
        }
        let twice = "account_id,label,campaign,annotator,confidence,inclusion_probability\na,none,,A1,0.9,1\na,none,,A2,0.9,0.5\n"
        #expect(throws: ScoreError.self) { try GroundTruth.parse(Array(twice.utf8), file: "labels") }
        let note = "account_id,label,campaign,annotator,confidence,inclusion_probability\na,none,,A1,0.9,Jan de Vries\n"
        do {
            _ = try GroundTruth.parse(Array(note.utf8), file: "labels")
            Issue.record("a name passed as an inclusion probability")
        } catch {
            #expect(!"\(error)".contains("Jan"), "the message repeats the field")
        }
    }
}
