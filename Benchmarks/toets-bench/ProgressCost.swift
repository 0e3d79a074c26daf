import ArgumentParser
import Foundation
import Synchronization
import ToetsAnonymise
import ToetsIngest
import ToetsModel
import ToetsScoring

/// What progress reporting costs a stage: ingest, anonymise and the score stage's bootstrap,
/// each run without a progress meter (the baseline) and with one that another thread samples
/// every millisecond (200 times as often as the terminal does), alternately, in the same run.
struct ProgressCost: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Time stages with and without a sampled progress meter; the difference is what progress costs.")

    @Option(help: "Posts in the ingested archive (and anonymised).")
    var posts = 1_000_000

    @Option(help: "Runs of each variant; the median is reported.")
    var repetitions = 5

    @Option(help: "Where to keep the generated archive between runs.")
    var cache = ".build-bench"

    func run() async throws {
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        let archive = cache + "/twarc2-\(posts).tar.gz"
        if !FileManager.default.fileExists(atPath: archive) {
            print("generating \(archive) …")
            try Twarc2Generator(posts: posts).write(to: archive, format: .tarGzip)
        }
        print("progress reporting: each stage without a meter (baseline) and with one sampled every 1 ms, "
              + "alternating, median of \(repetitions)")

        var ingested: IngestResult?
        let ingest = try await compare { meter in
            var options = IngestOptions()
            options.progress = meter
            ingested = try IngestEngine(options: options).run([("twarc2.tar.gz", archive)])
        }
        report("ingest \(posts) posts (.tar.gz)", ingest)

        let output = cache + "/progress-posts.ndjson"
        try IngestStage.writePosts(ingested!, to: output)
        let read = try AnonymiseStage.readPosts(output, name: "posts")
        let key = try PseudonymKey(bytes: Array(repeating: 7, count: 32), source: "bench")
        let anonymise = try await compare { meter in
            _ = try AnonymiseStage.anonymise(read, pseudonyms: Pseudonymizer(key: key),
                                             kAnonymity: KAnonymity(k: 5, policy: .generalise, maxSuppressed: 0.05),
                                             scanner: nil, progress: meter)
        }
        report("anonymise \(read.count) posts (no text scan)", anonymise)

        let input = ScoreThroughput.generate(methods: 10, accounts: 20_000)
        let truth = try GroundTruth.parse(input.labels, file: "labels")
        let detections = try input.detections.enumerated().map { index, bytes in
            (name: "method-\(index)", detections: try DetectionsFile.parse(bytes, file: "method-\(index)"))
        }
        var settings = ScoreSettings()
        settings.replicates = 500
        settings.seed = 7
        let score = try await compare { meter in
            _ = try await Scorer.score(methods: detections, truth: truth, strata: nil, settings: settings, progress: meter)
        }
        report("score 10 methods × 20,000 accounts × 500", score)
    }

    /// Median seconds without a meter and with a sampled one, the two run alternately so that
    /// a busy machine weighs on both alike.
    private func compare(_ body: (StageProgress?) async throws -> Void) async throws -> (baseline: Double, metered: Double) {
        var baseline: [Double] = []
        var metered: [Double] = []
        for _ in 0..<repetitions {
            for withMeter in [false, true] {
                let meter = withMeter ? StageProgress() : nil
                let sampling = Sampling()
                if let meter {
                    Thread.detachNewThread {
                        while sampling.running.load(ordering: .relaxed) {
                            _ = meter.snapshot()
                            usleep(1000)
                        }
                    }
                }
                let start = ContinuousClock.now
                try await body(meter)
                let seconds = (ContinuousClock.now - start) / .seconds(1)
                sampling.running.store(false, ordering: .relaxed)
                if withMeter {
                    guard meter?.snapshot() != nil else { throw BenchError("the stage reported no progress") }
                    metered.append(seconds)
                } else {
                    baseline.append(seconds)
                }
            }
        }
        return (baseline.sorted()[repetitions / 2], metered.sorted()[repetitions / 2])
    }

    private func report(_ label: String, _ times: (baseline: Double, metered: Double)) {
        let change = (times.metered / times.baseline - 1) * 100
        line("  " + label, String(format: "baseline %.3f s  with progress %.3f s  (%+.1f%%)", times.baseline, times.metered, change))
    }
}

/// Tells the sampling thread to stop.
private final class Sampling: Sendable {
    let running = Atomic<Bool>(true)
}
