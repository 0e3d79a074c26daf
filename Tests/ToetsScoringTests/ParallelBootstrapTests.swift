import Testing
import ToetsModel
@testable import ToetsScoring

/// The parallel bootstrap: its resamples follow from the seed block by block, whatever runs
/// them, and its intervals are `Bootstrap.summarize`'s on those resamples.
@Suite struct ParallelBootstrapTests {
    /// The weighted mean of `values` and the total weight.
    struct WeightedMean: WeightedStatistics {
        let values: [Double]
        var width: Int { 2 }
        func makeScratch() -> Int { 0 }
        func evaluate(weights: UnsafeBufferPointer<Int32>, scratch: inout Int, into out: UnsafeMutableBufferPointer<Double>) {
            var sum = 0.0, total = 0
            for (value, weight) in zip(values, weights) {
                sum += value * Double(weight)
                total += Int(weight)
            }
            scratch += 1
            out[0] = total == 0 ? .nan : sum / Double(total)
            out[1] = Double(total)
        }
    }

    static let values: [Double] = {
        var random = SeededRandom(seed: 8)
        return (0..<57).map { _ in random.logNormal(mu: 0, sigma: 1) }
    }()

    @Test func resamplesFollowFromTheSeedBlockByBlock() async {
        let plan = BootstrapPlan(resamples: 60, seed: 99)
        let statistics = WeightedMean(values: Self.values)
        let draws = await ParallelBootstrap.run(units: .items(Self.values.count), plan: plan, statistics: statistics)
        // The same draws, one after the other: block b draws resamples 25b ..< 25b + 25 from its own seed.
        var expected: [Double] = []
        for block in 0..<3 {
            var random = SeededRandom(seed: ParallelBootstrap.blockSeed(99, block: block))
            for _ in 0..<min(25, 60 - block * 25) {
                var weights = [Int32](repeating: 0, count: Self.values.count)
                for _ in Self.values.indices {
                    weights[Int(random.next().multipliedFullWidth(by: UInt64(Self.values.count)).high)] += 1
                }
                var scratch = 0
                var out = [0.0, 0.0]
                weights.withUnsafeBufferPointer { w in out.withUnsafeMutableBufferPointer { statistics.evaluate(weights: w, scratch: &scratch, into: $0) } }
                expected += out
            }
        }
        #expect(draws.replicates == expected)
        #expect(draws.replicates.enumerated().filter { $0.offset % 2 == 1 }.allSatisfy { $0.element == 57 })
        let again = await ParallelBootstrap.run(units: .items(Self.values.count), plan: plan, statistics: statistics)
        #expect(again.replicates == draws.replicates && again.jackknife == draws.jackknife)
        #expect(ParallelBootstrap.blockSeed(99, block: 0) != ParallelBootstrap.blockSeed(99, block: 1))
    }

    @Test func intervalsAreTheSummaryOfTheResamplesAndTheJackknife() async {
        let plan = BootstrapPlan(resamples: 400, seed: 5)
        let draws = await ParallelBootstrap.run(units: .items(Self.values.count), plan: plan,
                                                statistics: WeightedMean(values: Self.values))
        let estimate = Self.values.reduce(0, +) / Double(Self.values.count)
        let result = draws.result(0, estimate: estimate)
        // Leave-one-out jackknife of the mean: the acceleration is the skewness formula.
        let squares = Self.values.reduce(0) { $0 + ($1 - estimate) * ($1 - estimate) }
        let cubes = Self.values.reduce(0) { $0 + ($1 - estimate) * ($1 - estimate) * ($1 - estimate) }
        #expect(draws.jackknifeGroups == Self.values.count)
        #expect(isClose(result.acceleration, cubes / (6 * squares * squares.squareRoot()), tolerance: 1e-9))
        #expect(result.definedResamples == 400)
        #expect(result.percentile.lower! < estimate && estimate < result.percentile.upper!)
        #expect(result.bca.upper! > result.percentile.upper!)  // right skew
        // A difference of a statistic with itself is 0 on every resample.
        let zero = draws.difference(0, 0, estimate: 0)
        #expect(zero.percentile.lower == 0 && zero.percentile.upper == 0)
    }

    @Test func clustersAreDrawnWholeAndGroupedJackknifeIsNoted() async {
        let keys: [String?] = (0..<40).map { $0 < 30 ? "c\($0 / 10)" : nil }
        let units = ResamplingUnits.clusters(keys)
        var plan = BootstrapPlan(resamples: 50, seed: 2)
        plan.jackknifeLimit = 4
        let draws = await ParallelBootstrap.run(units: units, plan: plan, statistics: WeightedMean(values: Self.values.prefix(40).map { $0 }))
        #expect(draws.units == 13 && draws.jackknifeGroups == 4)
        #expect(draws.result(0, estimate: 1).bca.note == .groupedJackknife || draws.result(0, estimate: 1).bca.lower == nil)
    }

    @Test func tooFewUnitsGiveNotesNotIntervals() async {
        let draws = await ParallelBootstrap.run(units: .items(1), plan: BootstrapPlan(resamples: 10, seed: 1),
                                                statistics: WeightedMean(values: [1]))
        let result = draws.result(0, estimate: 1)
        #expect(result.percentile.note == .tooFewUnits && result.percentile.lower == nil && result.bca.lower == nil)
    }
}
