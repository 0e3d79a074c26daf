import Foundation
import Testing
@testable import ToetsScoring

private struct IntervalCases: Decodable {
    struct Wilson: Decodable { var successes: Int; var trials: Int; var level: Double; var lower: Double; var upper: Double }
    struct Quantile: Decodable { var p: Double; var x: Double }
    struct CDF: Decodable { var x: Double; var p: Double }
    struct Replicates: Decodable {
        var data: [Double]
        var replicates: [Double]
        var level: Double
        var percentile: [Double]
        var bca: [Double]
    }
    var wilson: [Wilson]
    var normal_quantile: [Quantile]
    var normal_cdf: [CDF]
    var bootstrap: [Replicates]
    var clopper_pearson: [Wilson]
}

@Test func wilsonIntervalMatchesStatsmodels() throws {
    let cases = try Fixtures.load("intervals", as: IntervalCases.self).wilson
    #expect(cases.count > 50)
    for c in cases {
        let interval = ConfidenceInterval.wilson(successes: c.successes, trials: c.trials, level: c.level)
        #expect(isClose(interval.lower, c.lower), "\(c.successes)/\(c.trials) at \(c.level)")
        #expect(isClose(interval.upper, c.upper), "\(c.successes)/\(c.trials) at \(c.level)")
    }
    #expect(ConfidenceInterval.wilson(successes: 0, trials: 0).note == .noItems)
    // Exactly 0 and 1 at the ends, not a rounding error away (tables would print 6.9e-18).
    for trials in [1, 7, 40, 1_000] {
        #expect(ConfidenceInterval.wilson(successes: 0, trials: trials).lower == 0)
        #expect(ConfidenceInterval.wilson(successes: trials, trials: trials).upper == 1)
    }
    #expect(ConfidenceInterval.wilson(successes: 1, trials: 2, level: 1).note == .invalidLevel)
}

@Test func clopperPearsonIntervalMatchesStatsmodels() throws {
    let cases = try Fixtures.load("intervals", as: IntervalCases.self).clopper_pearson
    #expect(cases.count > 100)
    for c in cases {
        let interval = ConfidenceInterval.clopperPearson(successes: c.successes, trials: c.trials, level: c.level)
        #expect(isClose(interval.lower, c.lower, tolerance: 1e-10), "\(c.successes)/\(c.trials) at \(c.level)")
        #expect(isClose(interval.upper, c.upper, tolerance: 1e-10), "\(c.successes)/\(c.trials) at \(c.level)")
    }
    // Never zero width: no false positive among 694 still allows up to 5.3 in 1,000.
    let none = ConfidenceInterval.clopperPearson(successes: 0, trials: 694)
    #expect(none.lower == 0 && (0.0052...0.0054).contains(none.upper!))
    #expect(ConfidenceInterval.clopperPearson(successes: 0, trials: 0).note == .noItems)
}

@Test func normalQuantileAndCDFMatchSciPy() throws {
    let cases = try Fixtures.load("intervals", as: IntervalCases.self)
    for c in cases.normal_quantile {
        #expect(isClose(Distributions.normalQuantile(c.p), c.x, tolerance: 1e-12), "p = \(c.p)")
    }
    for c in cases.normal_cdf {
        #expect(abs(Distributions.normalCDF(c.x) - c.p) <= 1e-15 + 1e-13 * c.p, "x = \(c.x)")
    }
}

@Test func percentileAndBCaIntervalsMatchSciPyOnTheSameReplicates() throws {
    let cases = try Fixtures.load("intervals", as: IntervalCases.self).bootstrap
    #expect(cases.count >= 20)
    for (number, c) in cases.enumerated() {
        let n = Double(c.data.count)
        let total = c.data.reduce(0, +)
        let jackknife = c.data.map { (total - $0) / (n - 1) }
        let result = Bootstrap.summarize(estimate: total / n, replicates: c.replicates, jackknife: jackknife,
                                         resamples: c.replicates.count, level: c.level)
        #expect(isClose(result.percentile.lower, c.percentile[0]), "case \(number) percentile")
        #expect(isClose(result.percentile.upper, c.percentile[1]), "case \(number) percentile")
        #expect(isClose(result.bca.lower, c.bca[0]), "case \(number) BCa")
        #expect(isClose(result.bca.upper, c.bca[1]), "case \(number) BCa")
    }
}

@Test func linearQuantileInterpolatesBetweenOrderStatistics() {
    let sorted = [1.0, 2, 4, 8]
    #expect(linearQuantile(sorted: sorted, 0) == 1)
    #expect(linearQuantile(sorted: sorted, 1) == 8)
    #expect(linearQuantile(sorted: sorted, 0.5) == 3)
    #expect(isClose(linearQuantile(sorted: sorted, 0.9), 6.8))
}
