import ArgumentParser
import Foundation
import ToetsModel
import ToetsScoring

/// The score stage on many methods and accounts: parse, score with the bootstrap and every
/// pairwise comparison, render; against the naive bootstrap (gather the drawn items, then sort
/// them for each curve) measured on a few resamples of one method and scaled up.
struct ScoreThroughput: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score many methods on many accounts with bootstrap intervals and all pairwise comparisons.")

    @Option(help: "Methods.")
    var methods = 10

    @Option(help: "Labelled accounts.")
    var accounts = 100_000

    @Option(help: "Bootstrap resamples.")
    var replicates = 1000

    @Option(help: "Resample accounts or campaigns.")
    var resample = "accounts"

    func run() async throws {
        let input = Self.generate(methods: methods, accounts: accounts)
        var settings = ScoreSettings()
        settings.replicates = replicates
        settings.seed = 7
        settings.topK = [100, 1000]
        guard let resampling = ScoreSettings.Resampling(rawValue: resample) else { throw BenchError("--resample: accounts or campaigns") }
        settings.resampling = resampling
        print("score: \(methods) methods × \(accounts) labelled accounts × \(replicates) resamples (\(resample)), "
            + "\(methods * (methods - 1) / 2) pairs, \(ProcessInfo.processInfo.activeProcessorCount) cores")

        let wallStart = ContinuousClock.now
        let cpuStart = cpuSeconds()
        var start = ContinuousClock.now
        let truth = try GroundTruth.parse(input.labels, file: "labels")
        let detections = try input.detections.enumerated().map { index, bytes in
            (name: "method-\(index)", detections: try DetectionsFile.parse(bytes, file: "method-\(index)"))
        }
        let strata = try AccountStrata.parse(input.posts, artefact: "posts")
        let parseSeconds = (ContinuousClock.now - start) / .seconds(1)

        start = ContinuousClock.now
        let card = try await Scorer.score(methods: detections, truth: truth, strata: strata, settings: settings)
        let scoreSeconds = (ContinuousClock.now - start) / .seconds(1)

        start = ContinuousClock.now
        let outputs = ScoreStage.render(card, stage: "score 1")
        let renderSeconds = (ContinuousClock.now - start) / .seconds(1)
        let total = (ContinuousClock.now - wallStart) / .seconds(1)
        let cpu = cpuSeconds() - cpuStart
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)

        let naive = naiveSeconds(truth: detections[0].detections, labels: truth, resamples: 5)
        let naiveTotal = naive / 5 * Double(replicates) * Double(methods)
        line("  parse labels, detections, posts", String(format: "%.2f s", parseSeconds))
        line("  score: bootstrap, tests, strata", String(format: "%.2f s", scoreSeconds))
        line("  render results and tables", String(format: "%.2f s  %d KiB", renderSeconds,
                                                     outputs.reduce(0) { $0 + $1.1.count } >> 10))
        line("  total (goal well under 60 s)", String(format: "%.2f s  %@", total, total < 60 ? "met" : "NOT MET"))
        line("  CPU time / wall time", String(format: "%.2f (cores busy)", cpu / total))
        line("  peak memory", "\(usage.ru_maxrss / 1024) MiB")
        line("  baseline: sort per resample (AP, AUC)", String(format: "%.1f s (5 resamples × 1 method, scaled)", naiveTotal))
        if total >= 60 { throw ExitCode(1) }
    }

    /// One method's AP and AUC on `resamples` resamples, the straightforward way.
    private func naiveSeconds(truth detections: [Detection], labels: GroundTruth, resamples: Int) -> Double {
        let decided = labels.decide(.majority).labels
        let items = detections.compactMap { detection in decided[detection.accountID].map { ($0.isCampaign, detection.score) } }
        var random = SeededRandom(seed: 3)
        return medianSeconds(1) {
            for _ in 0..<resamples {
                let drawn = (0..<items.count).map { _ in items[random.int(0...(items.count - 1))] }
                _ = PrecisionRecallCurve(truth: drawn.map(\.0), scores: drawn.map(\.1)).averagePrecision
                _ = ROCCurve(truth: drawn.map(\.0), scores: drawn.map(\.1)).area
            }
        }
    }

    private func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// Labels (5% campaign accounts in 200 campaigns, two annotators for a third of the
    /// accounts), detections whose scores rise with the truth by method-specific amounts, with
    /// ties, and one post per account with a platform and a language.
    static func generate(methods: Int, accounts: Int) -> (labels: [UInt8], detections: [[UInt8]], posts: [UInt8]) {
        var random = SeededRandom(seed: 2026)
        let ids = (0..<accounts).map { "p1.kbench00001.acct\($0)" }
        var campaign = [Int?](repeating: nil, count: accounts)
        var labels = "account_id,label,campaign,annotator,confidence\n"
        var posts = ""
        let platforms = ["x", "telegram", "tiktok"], languages = ["nl", "en", "de", "fy"]
        for account in 0..<accounts {
            if random.chance(0.05) { campaign[account] = random.int(0...199) }
            let annotators = random.chance(0.33) ? ["A1", "A2"] : [random.chance(0.5) ? "A1" : "A3"]
            for annotator in annotators {
                let says = random.chance(0.9) ? campaign[account] != nil : campaign[account] == nil
                labels += "\(ids[account]),\(says ? "campaign" : "none"),\(says ? "C\(campaign[account] ?? 0)" : ""),\(annotator),0.8\n"
            }
            posts += #"{"author_id":"\#(ids[account])","platform":"\#(random.pick(platforms))","language":"\#(random.pick(languages))"}"# + "\n"
        }
        let detections = (0..<methods).map { method in
            let signal = 0.3 + 0.15 * Double(method % 5)
            let rows = (0..<accounts).map { account in
                let score = ((random.unit() + (campaign[account] != nil ? signal : 0)) * 1000).rounded() / 1000
                let flagged = score >= 0.9
                return Detection(accountID: ids[account], score: score, flagged: flagged,
                                 group: flagged ? "g\(campaign[account] ?? random.int(0...999))" : nil)
            }
            return DetectionsFile.write(rows)
        }
        return (Array(labels.utf8), detections, Array(posts.utf8))
    }
}
