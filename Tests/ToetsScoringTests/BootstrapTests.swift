import Testing
import ToetsModel
@testable import ToetsScoring

private func mean(_ values: [Double]) -> Bootstrap.Statistic {
    { indices in indices.isEmpty ? nil : indices.reduce(0) { $0 + values[$1] } / Double(indices.count) }
}

private func sample(count: Int, seed: UInt64, _ draw: (inout SeededRandom) -> Double) -> [Double] {
    var random = SeededRandom(seed: seed)
    return (0..<count).map { _ in draw(&random) }
}

@Test func bootstrapIsDeterministicForASeedAndChangesWithIt() {
    let values = sample(count: 40, seed: 1) { $0.logNormal(mu: 0, sigma: 1) }
    let plan = BootstrapPlan(resamples: 500, seed: 42)
    let first = Bootstrap.run(units: .items(values.count), plan: plan, statistic: mean(values))
    let again = Bootstrap.run(units: .items(values.count), plan: plan, statistic: mean(values))
    #expect(first == again)
    var other = plan
    other.seed = 43
    let different = Bootstrap.run(units: .items(values.count), plan: other, statistic: mean(values))
    #expect(different.replicates != first.replicates)
    #expect(first.definedResamples == 500)
    #expect(first.percentile.lower! < first.percentile.estimate! && first.percentile.estimate! < first.percentile.upper!)
}

@Test func accelerationOfTheMeanIsTheJackknifeSkewnessFormula() {
    // For the mean, θ̄ − θ₍ᵢ₎ = (xᵢ − x̄)/(n − 1), so â = Σ(xᵢ − x̄)³ / (6 (Σ(xᵢ − x̄)²)^{3/2}).
    let values = [0.1, 0.4, 0.5, 0.9, 3.0, 7.5]
    let result = Bootstrap.run(units: .items(values.count), plan: BootstrapPlan(resamples: 200, seed: 7),
                               statistic: mean(values))
    let centre = values.reduce(0, +) / Double(values.count)
    let squares = values.reduce(0) { $0 + ($1 - centre) * ($1 - centre) }
    let cubes = values.reduce(0) { $0 + ($1 - centre) * ($1 - centre) * ($1 - centre) }
    #expect(isClose(result.acceleration, cubes / (6 * squares * squares.squareRoot()), tolerance: 1e-12))
    #expect(result.acceleration! > 0.05)
    // Right skew moves the BCa interval up relative to the percentile interval.
    #expect(result.bca.upper! > result.percentile.upper!)
}

@Test func bcaEqualsPercentileWithoutBiasOrSkew() {
    // Symmetric data: zero acceleration. Replicates symmetric about the estimate: z₀ = 0.
    let replicates = (0..<201).map { Double($0 - 100) / 100 }
    let result = Bootstrap.summarize(estimate: 0, replicates: replicates, jackknife: [-1, 0, 1],
                                     resamples: replicates.count, level: 0.9)
    #expect(result.acceleration == 0 && result.biasCorrection == 0)
    #expect(isClose(result.bca.lower, result.percentile.lower, tolerance: 1e-12))
    #expect(isClose(result.bca.upper, result.percentile.upper, tolerance: 1e-12))
    #expect(isClose(result.percentile.lower, -0.9) && isClose(result.percentile.upper, 0.9))
}

@Test func percentileIntervalCoversTheMeanAboutAsOftenAsPromised() {
    // 200 samples of 60 draws from N(1, 1); a 90% interval should cover the mean ~180 times.
    var covered = (percentile: 0, bca: 0)
    for trial in 0..<200 {
        let values = sample(count: 60, seed: UInt64(1000 + trial)) { 1 + $0.normal() }
        let result = Bootstrap.run(units: .items(values.count),
                                   plan: BootstrapPlan(resamples: 400, seed: UInt64(trial), level: 0.9),
                                   statistic: mean(values))
        if result.percentile.lower! <= 1 && 1 <= result.percentile.upper! { covered.percentile += 1 }
        if result.bca.lower! <= 1 && 1 <= result.bca.upper! { covered.bca += 1 }
    }
    #expect((165...194).contains(covered.percentile), "covered \(covered.percentile) of 200")
    #expect((165...194).contains(covered.bca), "covered \(covered.bca) of 200")
}

@Test func clusterBootstrapDrawsWholeCampaignsAndWidensTheInterval() {
    // Ten campaigns of eight accounts sharing a campaign-level value: accounts are not independent.
    let campaigns = (0..<80).map { "c\($0 / 8)" }
    var random = SeededRandom(seed: 5)
    let campaignEffect = (0..<10).map { _ in random.normal() }
    let values = (0..<80).map { campaignEffect[$0 / 8] + 0.1 * random.normal() }
    let units = ResamplingUnits.clusters(campaigns)
    #expect(units.members.count == 10 && units.members.allSatisfy { $0.count == 8 })

    var sizes: Set<Int> = []
    let whole = Bootstrap.run(units: units, plan: BootstrapPlan(resamples: 300, seed: 9)) { indices in
        // Every drawn campaign comes whole: each index's campaign-mates appear as often as it does.
        var counts: [Int: Int] = [:]
        for index in indices { counts[index, default: 0] += 1 }
        let whole = counts.allSatisfy { index, count in
            (0..<8).allSatisfy { counts[index / 8 * 8 + $0] == count }
        }
        sizes.insert(indices.count)
        return whole ? 1 : 0
    }
    #expect(whole.replicates.allSatisfy { $0 == 1 })
    // Resamples keep 80 accounts; the jackknife leaves one campaign out.
    #expect(sizes == [80, 72])

    let plan = BootstrapPlan(resamples: 1000, seed: 3)
    let byCampaign = Bootstrap.run(units: units, plan: plan, statistic: mean(values))
    let byAccount = Bootstrap.run(units: .items(80), plan: plan, statistic: mean(values))
    let campaignWidth = byCampaign.percentile.upper! - byCampaign.percentile.lower!
    let accountWidth = byAccount.percentile.upper! - byAccount.percentile.lower!
    // Design effect 1 + (m − 1)ρ with ρ ≈ 0.99 and m = 8: widths differ by about √8.
    #expect(campaignWidth > 2 * accountWidth)
}

@Test func unclusteredAccountsAreUnitsOfTheirOwn() {
    let units = ResamplingUnits.clusters(["a", nil, "b", "a", nil])
    #expect(units.members == [[0, 3], [1], [2], [4]])
    #expect(units.itemCount == 5)
}

@Test func pairedBootstrapUsesTheSameResamplesForBothMethods() {
    // Method B is method A plus a constant: the paired difference has no spread at all,
    // while each method's own interval does.
    let a = sample(count: 50, seed: 11) { $0.unit() }
    let b = a.map { $0 - 0.1 }
    let paired = Bootstrap.paired(units: .items(50), plan: BootstrapPlan(resamples: 500, seed: 1),
                                  first: mean(a), second: mean(b))
    #expect(isClose(paired.difference.percentile.lower, 0.1, tolerance: 1e-12))
    #expect(isClose(paired.difference.percentile.upper, 0.1, tolerance: 1e-12))
    #expect(paired.first.percentile.upper! - paired.first.percentile.lower! > 0.05)
    let alone = Bootstrap.run(units: .items(50), plan: BootstrapPlan(resamples: 500, seed: 1), statistic: mean(a))
    #expect(alone == paired.first)
}

@Test func resamplesWhereTheStatisticIsUndefinedAreLeftOutAndNoted() {
    // AUC is undefined on resamples without both classes; with one positive in six that happens.
    let truth = [true, false, false, false, false, false], scores = [0.9, 0.2, 0.4, 0.3, 0.8, 0.1]
    let result = Bootstrap.run(units: .items(6), plan: BootstrapPlan(resamples: 300, seed: 2)) { indices in
        ROCCurve(truth: indices.map { truth[$0] }, scores: indices.map { scores[$0] }).area.value
    }
    #expect(result.definedResamples < 300 && result.definedResamples > 100)
    #expect(result.percentile.note == .undefinedResamples)
    let never = Bootstrap.run(units: .items(6), plan: BootstrapPlan(resamples: 10, seed: 2)) { _ in nil }
    #expect(never.percentile.note == .undefinedEstimate)
    let single = Bootstrap.run(units: .items(1), plan: BootstrapPlan(resamples: 10, seed: 2), statistic: mean([1]))
    #expect(single.bca.note == .tooFewUnits && single.bca.estimate == 1)
}

@Test func manyUnitsUseAGroupedJackknifeThatAgreesWithTheFullOne() {
    // The mean's acceleration from 50 groups of 8 accounts estimates the same γ/(6√n) as the
    // leave-one-out value, from 50 group means instead of 400 values: same sign, same size.
    let values = sample(count: 400, seed: 21) { $0.logNormal(mu: 0, sigma: 0.8) }
    var calls = 0
    let grouped = Bootstrap.run(units: .items(400), plan: BootstrapPlan(resamples: 100, seed: 4, jackknifeLimit: 50)) {
        calls += 1
        return mean(values)($0)
    }
    #expect(calls == 1 + 100 + 50)
    #expect(grouped.bca.note == .groupedJackknife)
    let full = Bootstrap.run(units: .items(400), plan: BootstrapPlan(resamples: 100, seed: 4, jackknifeLimit: 400),
                             statistic: mean(values))
    #expect(full.bca.note == nil)
    #expect(full.replicates == grouped.replicates)
    #expect(full.acceleration! > 0.01)
    #expect(abs(grouped.acceleration! - full.acceleration!) < 0.5 * full.acceleration!)
}
