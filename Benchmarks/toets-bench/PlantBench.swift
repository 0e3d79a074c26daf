import ArgumentParser
import Foundation
import ToetsModel
import ToetsPlanting

/// `toets-bench plant`: planting every tactic at every preset strength into N synthetic posts
/// (default 1 million), with its time and peak memory. The baseline is the input itself: how long
/// making the posts took and how much memory they hold.
struct PlantBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plant", abstract: "Planted campaigns in N synthetic posts: time and peak memory.")

    @Option(help: "How many posts.") var posts = 1_000_000
    @Option(help: "Seed of the synthetic posts and of the planting.") var seed: UInt64 = 7

    func run() throws {
        resetPeakMemory()
        let start = ContinuousClock.now
        let data = MethodsScale.synthetic(posts: posts, seed: seed)
        let making = (ContinuousClock.now - start) / .seconds(1)
        let baseline = peakMemory()
        say(String(format: "baseline: %d posts made in %.1f s; peak memory %@ (the posts themselves)",
                   data.count, making, formatBytes(baseline)))
        resetPeakMemory()
        let started = ContinuousClock.now
        let planting = Planter.plant(into: data, tactics: Tactic.allCases, strengths: Strength.presets, seed: seed)
        let planted = (ContinuousClock.now - started) / .seconds(1)
        say(String(format: "plant: %d tactics × %d strengths, %d planted accounts, %d planted posts in %.2f s; peak memory %@",
                   Tactic.allCases.count, Strength.presets.count, planting.members.count, planting.posts.count - data.count,
                   planted, formatBytes(peakMemory())))
    }
}
