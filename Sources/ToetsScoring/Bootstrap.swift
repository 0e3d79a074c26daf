import ToetsModel

/// Settings of a bootstrap: how many resamples, from which seed, at which confidence level.
package struct BootstrapPlan: Sendable, Hashable, Codable {
    package var resamples: Int
    package var seed: UInt64
    package var level: Double
    /// At most this many jackknife evaluations for BCa's acceleration. With more units than
    /// this, consecutive units are left out in equal-sized groups (the delete-a-group
    /// jackknife): the leave-one-out jackknife costs units × one evaluation on all items, which
    /// for 100 000 accounts is out of reach.
    package var jackknifeLimit: Int

    package init(resamples: Int = 2000, seed: UInt64, level: Double = 0.95, jackknifeLimit: Int = 1000) {
        self.resamples = resamples
        self.seed = seed
        self.level = level
        self.jackknifeLimit = jackknifeLimit
    }
}

/// A bootstrap estimate with its percentile and BCa intervals.
package struct BootstrapResult: Sendable, Hashable, Codable {
    /// The percentile interval: quantiles α/2 and 1 − α/2 of the replicates.
    package var percentile: ConfidenceInterval
    /// The bias-corrected and accelerated interval (Efron 1987; Efron & Tibshirani 1993, §14.3).
    package var bca: ConfidenceInterval
    /// BCa's bias correction z₀; nil when undefined.
    package var biasCorrection: Double?
    /// BCa's acceleration â from the leave-one-unit-out jackknife; nil when undefined.
    package var acceleration: Double?
    /// Resamples on which the statistic was defined (the replicates behind the intervals).
    package var definedResamples: Int
    /// The replicates, sorted ascending.
    package var replicates: [Double]
}

/// The percentile and BCa bootstrap over accounts or clusters, deterministic for a seed.
///
/// A statistic receives the item indices of a resample (with repetitions, in draw order) and
/// returns its value, or nil where it is undefined on that resample (an AUC on a resample
/// without negatives): such resamples are left out of that statistic's replicates and noted.
/// Several statistics are evaluated on the very same resamples, which is what a paired
/// comparison needs.
package enum Bootstrap {
    /// A statistic of the items at the given indices.
    package typealias Statistic = ([Int]) -> Double?

    /// Bootstraps one statistic.
    package static func run(units: ResamplingUnits, plan: BootstrapPlan,
                            statistic: Statistic) -> BootstrapResult {
        run(units: units, plan: plan, width: 1) { [statistic($0)] }[0]
    }

    /// Two methods on the same resamples, and their difference `first − second` per resample:
    /// the paired bootstrap. The difference's interval is narrower than the two separate ones
    /// suggest whenever the methods' errors are correlated, which on shared data they are.
    package static func paired(units: ResamplingUnits, plan: BootstrapPlan, first: Statistic,
                               second: Statistic) -> (first: BootstrapResult, second: BootstrapResult,
                                                      difference: BootstrapResult) {
        let results = run(units: units, plan: plan, width: 3) { indices in
            let a = first(indices), b = second(indices)
            let difference: Double? = if let a, let b { a - b } else { nil }
            return [a, b, difference]
        }
        return (results[0], results[1], results[2])
    }

    /// Bootstraps a vector of `width` statistics computed together on each resample.
    package static func run(units: ResamplingUnits, plan: BootstrapPlan, width: Int,
                            statistics: ([Int]) -> [Double?]) -> [BootstrapResult] {
        precondition(plan.resamples >= 1, "a bootstrap needs at least one resample")
        let allItems = Array(0..<units.itemCount)
        let estimates = statistics(allItems)
        precondition(estimates.count == width, "the statistics returned the wrong number of values")
        func undefinedAll(_ note: MetricNote) -> [BootstrapResult] {
            estimates.map { estimate in
                let interval = ConfidenceInterval.undefined(estimate: estimate, level: plan.level, note)
                return BootstrapResult(percentile: interval, bca: interval, definedResamples: 0, replicates: [])
            }
        }
        guard plan.level > 0 && plan.level < 1 else { return undefinedAll(.invalidLevel) }
        guard units.members.count >= 2 else { return undefinedAll(.tooFewUnits) }

        var random = SeededRandom(seed: plan.seed)
        var replicates = [[Double]](repeating: [], count: width)
        var indices: [Int] = []
        indices.reserveCapacity(units.itemCount)
        let lastUnit = units.members.count - 1
        for _ in 0..<plan.resamples {
            indices.removeAll(keepingCapacity: true)
            for _ in 0...lastUnit {
                indices.append(contentsOf: units.members[random.int(0...lastUnit)])
            }
            for (slot, value) in statistics(indices).enumerated() {
                if let value { replicates[slot].append(value) }
            }
        }

        // Leave-one-unit-out jackknife for the acceleration, or leave-one-group-out past the limit.
        let unitCount = units.members.count
        let groupCount = min(unitCount, max(2, plan.jackknifeLimit))
        var jackknife = [[Double]](repeating: [], count: width)
        for group in 0..<groupCount {
            let left = (group * unitCount / groupCount)..<((group + 1) * unitCount / groupCount)
            let kept = units.members.indices.filter { !left.contains($0) }.flatMap { units.members[$0] }
            for (slot, value) in statistics(kept).enumerated() {
                if let value { jackknife[slot].append(value) }
            }
        }

        return (0..<width).map { slot in
            var result = summarize(estimate: estimates[slot], replicates: replicates[slot],
                                   jackknife: jackknife[slot], resamples: plan.resamples, level: plan.level)
            if groupCount < unitCount && result.bca.note == nil && result.bca.lower != nil {
                result.bca.note = .groupedJackknife
            }
            return result
        }
    }

    /// The two intervals from an estimate, its replicates and its jackknife values.
    ///
    /// Exposed on its own so that it can be checked against `scipy.stats.bootstrap` given the
    /// same replicates.
    static func summarize(estimate: Double?, replicates unsorted: [Double], jackknife: [Double],
                          resamples: Int, level: Double) -> BootstrapResult {
        let replicates = unsorted.sorted()
        let dropped: MetricNote? = replicates.count < resamples ? .undefinedResamples : nil
        guard let estimate else {
            let interval = ConfidenceInterval.undefined(level: level, .undefinedEstimate)
            return BootstrapResult(percentile: interval, bca: interval, definedResamples: replicates.count,
                                   replicates: replicates)
        }
        guard !replicates.isEmpty else {
            let interval = ConfidenceInterval.undefined(estimate: estimate, level: level, .allResamplesUndefined)
            return BootstrapResult(percentile: interval, bca: interval, definedResamples: 0, replicates: [])
        }
        let alpha = (1 - level) / 2
        let percentile = ConfidenceInterval(estimate: estimate, lower: linearQuantile(sorted: replicates, alpha),
                                            upper: linearQuantile(sorted: replicates, 1 - alpha),
                                            level: level, note: dropped)

        // z₀ from the share of replicates below the estimate, ties counted half.
        let below = replicates.count(where: { $0 < estimate })
        let atOrBelow = replicates.count(where: { $0 <= estimate })
        let share = Double(below + atOrBelow) / Double(2 * replicates.count)
        guard share > 0 && share < 1 else {
            return BootstrapResult(percentile: percentile,
                                   bca: .undefined(estimate: estimate, level: level,
                                                   .estimateOutsideBootstrapDistribution),
                                   definedResamples: replicates.count, replicates: replicates)
        }
        let z0 = Distributions.normalQuantile(share)

        var acceleration = 0.0
        var note = dropped
        if jackknife.count < 2 {
            note = .zeroJackknifeVariance
        } else {
            let mean = jackknife.reduce(0, +) / Double(jackknife.count)
            var squares = 0.0, cubes = 0.0
            for value in jackknife {
                let deviation = mean - value
                squares += deviation * deviation
                cubes += deviation * deviation * deviation
            }
            if squares > 0 {
                acceleration = cubes / (6 * squares * squares.squareRoot())
            } else {
                note = .zeroJackknifeVariance
            }
        }
        func adjusted(_ z: Double) -> Double {
            Distributions.normalCDF(z0 + (z0 + z) / (1 - acceleration * (z0 + z)))
        }
        let zAlpha = Distributions.normalQuantile(alpha)
        let bca = ConfidenceInterval(estimate: estimate,
                                     lower: linearQuantile(sorted: replicates, adjusted(zAlpha)),
                                     upper: linearQuantile(sorted: replicates, adjusted(-zAlpha)),
                                     level: level, note: note)
        return BootstrapResult(percentile: percentile, bca: bca, biasCorrection: z0, acceleration: acceleration,
                               definedResamples: replicates.count, replicates: replicates)
    }
}
