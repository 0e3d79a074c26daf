import Synchronization
import Testing
import ToetsModel
@testable import ToetsScoring

/// A mean that also notes what the meter says each time it is evaluated.
private struct NotingMean: WeightedStatistics {
    let values: [Double]
    let meter: StageProgress
    let notes: Notes

    final class Notes: Sendable {
        let readings = Mutex<[ProgressSnapshot]>([])
    }

    var width: Int { 1 }
    func makeScratch() {}

    func evaluate(weights: UnsafeBufferPointer<Int32>, scratch: inout Void, into out: UnsafeMutableBufferPointer<Double>) {
        if let reading = meter.snapshot() { notes.readings.withLock { $0.append(reading) } }
        var sum = 0.0, total = 0
        for index in values.indices {
            sum += Double(weights[index]) * values[index]
            total += Int(weights[index])
        }
        out[0] = total == 0 ? .nan : sum / Double(total)
    }
}

/// The bootstrap counts the resamples it has evaluated, then the jackknife samples; the draws
/// are the same with and without a meter.
@Suite struct BootstrapProgressTests {
    @Test func resamplesAndJackknifeSamplesAreCounted() async {
        var random = SeededRandom(seed: 5)
        let values = (0..<40).map { _ in random.logNormal(mu: 0, sigma: 1) }
        let meter = StageProgress()
        let statistics = NotingMean(values: values, meter: meter, notes: NotingMean.Notes())
        let plan = BootstrapPlan(resamples: 120, seed: 3)
        let draws = await ParallelBootstrap.run(units: .items(values.count), plan: plan, statistics: statistics, progress: meter)
        let readings = statistics.notes.readings.withLock { $0 }
        let resamples = readings.filter { $0.phase == "bootstrap" }
        #expect(resamples.count == 120)
        #expect(resamples.allSatisfy { $0.unit == "resamples" && $0.total == 120 && $0.done < 120 })
        #expect(resamples.map(\.done).max() ?? 0 > 0)
        #expect(meter.snapshot() == ProgressSnapshot(phase: "jackknife", unit: "samples", done: Int64(draws.jackknifeGroups),
                                                     total: Int64(draws.jackknifeGroups)))
        let unwatched = await ParallelBootstrap.run(units: .items(values.count), plan: plan,
                                                    statistics: NotingMean(values: values, meter: StageProgress(), notes: NotingMean.Notes()))
        #expect(draws.replicates.elementsEqual(unwatched.replicates) { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }
}
