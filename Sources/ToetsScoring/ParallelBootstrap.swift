import ToetsModel

/// Statistics that can be computed on a weighted sample: item i counted `weights[i]` times.
package protocol WeightedStatistics: Sendable {
    associatedtype Scratch
    /// Values per sample.
    var width: Int { get }
    /// Working memory for one task; reused across its samples.
    func makeScratch() -> Scratch
    /// Writes `width` values for the sample (NaN where a value is undefined).
    func evaluate(weights: UnsafeBufferPointer<Int32>, scratch: inout Scratch, into out: UnsafeMutableBufferPointer<Double>)
}

/// The bootstrap of `Bootstrap`, for many statistics at once and on every core.
///
/// Resamples are drawn in blocks of `blockSize`, each block from its own generator seeded from
/// the plan's seed and the block's number, so the replicates are the same whichever core
/// draws which block and however many cores there are. A resample is handed to the statistics
/// as weights (how often each item was drawn), and every statistic sees the same resamples,
/// which is what paired differences need. BCa's acceleration comes from the same jackknife as
/// `Bootstrap.run`: leave one unit out, or one group of consecutive units past the limit.
package enum ParallelBootstrap {
    /// Resamples per block: part of the method (other blocks, other draws), not a tuning knob.
    package static let blockSize = 25

    /// The values of every statistic on every resample and jackknife sample.
    package struct Draws: Sendable {
        package var width: Int
        package var plan: BootstrapPlan
        /// `replicates[r * width + s]`: statistic s on resample r; NaN where undefined.
        package var replicates: [Double]
        /// `jackknife[g * width + s]`: statistic s with group g left out.
        package var jackknife: [Double]
        package var units: Int
        package var jackknifeGroups: Int
        /// Why no resampling was possible, if so.
        package var problem: MetricNote?

        /// Percentile and BCa intervals of statistic `column`, whose full-data value is `estimate`.
        package func result(_ column: Int, estimate: Double?) -> BootstrapResult {
            summarize(estimate: estimate) { row in row[column] }
        }

        /// The paired interval of `first − second`, resample by resample.
        package func difference(_ first: Int, _ second: Int, estimate: Double?) -> BootstrapResult {
            summarize(estimate: estimate) { row in row[first] - row[second] }
        }

        /// The paired bootstrap test of "no difference" between statistics `first` and `second`:
        /// p = min(1, 2 · (min(#{d* ≤ 0}, #{d* ≥ 0}) + 1) / (B + 1)) over the B resamples where both
        /// are defined, so that it rejects at α when the percentile interval at 1 − α excludes 0.
        /// Nil when no resample defines both.
        package func pairedPValue(_ first: Int, _ second: Int) -> Double? {
            guard problem == nil else { return nil }
            var atOrBelow = 0, atOrAbove = 0, defined = 0
            replicates.withUnsafeBufferPointer { rows in
                for row in 0..<plan.resamples {
                    let d = rows[row * width + first] - rows[row * width + second]
                    guard !d.isNaN else { continue }
                    defined += 1
                    if d <= 0 { atOrBelow += 1 }
                    if d >= 0 { atOrAbove += 1 }
                }
            }
            guard defined > 0 else { return nil }
            return min(1, 2 * Double(min(atOrBelow, atOrAbove) + 1) / Double(defined + 1))
        }

        private func summarize(estimate: Double?, _ value: (UnsafeBufferPointer<Double>) -> Double) -> BootstrapResult {
            if let problem {
                let interval = ConfidenceInterval.undefined(estimate: estimate, level: plan.level, problem)
                return BootstrapResult(percentile: interval, bca: interval, definedResamples: 0, replicates: [])
            }
            func column(_ values: [Double], rows: Int) -> [Double] {
                values.withUnsafeBufferPointer { buffer in
                    (0..<rows).compactMap { row in
                        let v = value(UnsafeBufferPointer(rebasing: buffer[(row * width)..<((row + 1) * width)]))
                        return v.isNaN ? nil : v
                    }
                }
            }
            var result = Bootstrap.summarize(estimate: estimate, replicates: column(replicates, rows: plan.resamples),
                                             jackknife: column(jackknife, rows: jackknifeGroups),
                                             resamples: plan.resamples, level: plan.level)
            // The sorted replicates are not kept: with many statistics they would dominate memory.
            result.replicates = []
            if jackknifeGroups < units && result.bca.note == nil && result.bca.lower != nil {
                result.bca.note = .groupedJackknife
            }
            return result
        }
    }

    /// Draws `plan.resamples` resamples of `units` and the jackknife samples, and evaluates
    /// `statistics` on each, in parallel; `progress` is told the resamples evaluated, in phases
    /// named after `subject` where given ("bootstrap of the sweep points").
    package static func run<Statistics: WeightedStatistics>(units: ResamplingUnits, plan: BootstrapPlan,
                                                            statistics: Statistics, progress: StageProgress? = nil,
                                                            subject: String? = nil) async -> Draws {
        let of = subject.map { " of \($0)" } ?? ""
        let width = statistics.width
        var draws = Draws(width: width, plan: plan, replicates: [], jackknife: [], units: units.members.count,
                          jackknifeGroups: 0)
        guard plan.level > 0 && plan.level < 1 else {
            draws.problem = .invalidLevel
            return draws
        }
        guard units.members.count >= 2, plan.resamples >= 1 else {
            draws.problem = .tooFewUnits
            return draws
        }
        let layout = UnitLayout(units)
        let groups = min(layout.unitCount, max(2, plan.jackknifeLimit))
        draws.jackknifeGroups = groups
        progress?.begin("bootstrap" + of, unit: "resamples", total: Int64(plan.resamples))
        draws.replicates = await evaluateInBlocks(count: plan.resamples, width: width) { first, count, out in
            var random = SeededRandom(seed: blockSeed(plan.seed, block: first / blockSize))
            var weights = [Int32](repeating: 0, count: layout.itemCount)
            var scratch = statistics.makeScratch()
            for row in 0..<count {
                weights.withUnsafeMutableBufferPointer { weights in
                    weights.update(repeating: 0)
                    layout.draw(into: weights, random: &random)
                }
                weights.withUnsafeBufferPointer { weights in
                    statistics.evaluate(weights: weights, scratch: &scratch,
                                        into: UnsafeMutableBufferPointer(rebasing: out[(row * width)..<((row + 1) * width)]))
                }
                progress?.advance(by: 1)
            }
        }
        progress?.begin("jackknife" + of, unit: "samples", total: Int64(groups))
        draws.jackknife = await evaluateInBlocks(count: groups, width: width) { first, count, out in
            var weights = [Int32](repeating: 1, count: layout.itemCount)
            var scratch = statistics.makeScratch()
            for row in 0..<count {
                let group = first + row
                let left = (group * layout.unitCount / groups)..<((group + 1) * layout.unitCount / groups)
                weights.withUnsafeMutableBufferPointer { weights in
                    weights.update(repeating: 1)
                    for unit in left { layout.setWeight(0, unit: unit, in: weights) }
                }
                weights.withUnsafeBufferPointer { weights in
                    statistics.evaluate(weights: weights, scratch: &scratch,
                                        into: UnsafeMutableBufferPointer(rebasing: out[(row * width)..<((row + 1) * width)]))
                }
                progress?.advance(by: 1)
            }
        }
        return draws
    }

    /// The statistics on the full data (every weight 1).
    package static func full<Statistics: WeightedStatistics>(itemCount: Int, statistics: Statistics) -> [Double] {
        let weights = [Int32](repeating: 1, count: itemCount)
        var scratch = statistics.makeScratch()
        var out = [Double](repeating: .nan, count: statistics.width)
        weights.withUnsafeBufferPointer { weights in
            out.withUnsafeMutableBufferPointer { out in
                statistics.evaluate(weights: weights, scratch: &scratch, into: out)
            }
        }
        return out
    }

    /// The seed of block `block`: a SplitMix64 output of the plan's seed mixed with the block
    /// number, so that neighbouring blocks get unrelated streams.
    package static func blockSeed(_ seed: UInt64, block: Int) -> UInt64 {
        var random = SeededRandom(seed: seed ^ (UInt64(block) &* 0xD1B5_4A32_D192_ED03))
        _ = random.next()
        return random.next()
    }

    /// Rows `0..<count` of `width` values, computed in blocks of `blockSize` rows as child tasks.
    private static func evaluateInBlocks(count: Int, width: Int,
                                         _ body: @escaping @Sendable (Int, Int, UnsafeMutableBufferPointer<Double>) -> Void) async -> [Double] {
        let blocks = (count + blockSize - 1) / blockSize
        var rows = [Double](repeating: .nan, count: count * width)
        await withTaskGroup(of: (Int, [Double]).self) { group in
            for block in 0..<blocks {
                group.addTask {
                    let first = block * blockSize, size = min(blockSize, count - first)
                    var out = [Double](repeating: .nan, count: size * width)
                    out.withUnsafeMutableBufferPointer { body(first, size, $0) }
                    return (first, out)
                }
            }
            for await (first, out) in group {
                rows.replaceSubrange((first * width)..<(first * width + out.count), with: out)
            }
        }
        return rows
    }
}

/// Resampling units as flat arrays, for drawing millions of items quickly.
private struct UnitLayout: Sendable {
    let unitCount: Int
    let itemCount: Int
    /// Items of unit u: `items[starts[u]..<starts[u + 1]]`.
    let starts: [Int]
    let items: [Int32]

    /// Units of each sampling stratum (all units in one stratum without a design).
    let strata: [[Int32]]

    init(_ units: ResamplingUnits) {
        unitCount = units.members.count
        itemCount = units.itemCount
        if let stratumOf = units.strata {
            var strata = [[Int32]](repeating: [], count: (stratumOf.max() ?? -1) + 1)
            for (unit, stratum) in stratumOf.enumerated() { strata[stratum].append(Int32(unit)) }
            self.strata = strata.filter { !$0.isEmpty }
        } else {
            strata = [(0..<units.members.count).map { Int32($0) }]
        }
        var starts = [0]
        var items: [Int32] = []
        items.reserveCapacity(units.itemCount)
        for members in units.members {
            items.append(contentsOf: members.map { Int32($0) })
            starts.append(items.count)
        }
        self.starts = starts
        self.items = items
    }

    /// Adds one resample: from each stratum, as many units as it holds, drawn uniformly with
    /// replacement (without a design, one stratum: `unitCount` units from all).
    func draw(into weights: UnsafeMutableBufferPointer<Int32>, random: inout SeededRandom) {
        for stratum in strata {
            let count = UInt64(stratum.count)
            for _ in 0..<stratum.count {
                // The high word of a 64×64-bit product: 0..<count without a division, biased by < count / 2⁶⁴.
                let unit = Int(stratum[Int(random.next().multipliedFullWidth(by: count).high)])
                for slot in starts[unit]..<starts[unit + 1] { weights[Int(items[slot])] += 1 }
            }
        }
    }

    func setWeight(_ weight: Int32, unit: Int, in weights: UnsafeMutableBufferPointer<Int32>) {
        for slot in starts[unit]..<starts[unit + 1] { weights[Int(items[slot])] = weight }
    }
}
