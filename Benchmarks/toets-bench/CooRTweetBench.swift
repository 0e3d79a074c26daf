import ArgumentParser
import Foundation
import ToetsMethods
import ToetsModel

/// CooRTweet on its real data sets and on a synthetic 10M-row set, against reading the CSV alone
/// (the floor), against CooRTweet itself in R on the same file, timed in turn with Toets, and,
/// with `--oracle`, against the plain Python oracle.
struct CooRTweetBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coortweet",
        abstract: "Time CooRTweet detection and network on real and synthetic shares.")

    @Option(help: "Folder with russian_coord_tweets.csv and german_elections_urls_prepared.csv.")
    var data = "../shared/data/coortweet"

    @Option(help: "Rows of the synthetic set (0 skips it).")
    var syntheticRows = 10_000_000

    @Option(help: "Repetitions on the real sets; the median is reported.")
    var repetitions = 5

    @Option(help: "A checkout of CooRTweet's R package (github.com/nicolarighetti/CooRTweet); its R/ folder is sourced by scripts/bench/coortweet.R. Missing: the R baseline is skipped.")
    var coortweetR = ".build-r/CooRTweet"

    @Flag(help: "Also time scripts/oracles/coortweet_oracle.py on each real set.")
    var oracle = false

    func run() throws {
        for (file, window) in [("russian_coord_tweets.csv", Int64(10)), ("russian_coord_tweets.csv", 60), ("german_elections_urls_prepared.csv", 10)] {
            let path = data + "/" + file
            guard FileManager.default.fileExists(atPath: path) else {
                print("\(path) is missing; skipped")
                continue
            }
            var shares: [CooRTweet.Share] = []
            var pairs: [CooRTweet.Pair] = []
            var network: CooRTweet.Network?
            let read = try medianSeconds(repetitions) {
                shares = try CooRTweet.readShares(csv: [UInt8](Data(contentsOf: URL(fileURLWithPath: path))), source: file)
            }
            let detect = medianSeconds(repetitions) { pairs = CooRTweet.detectGroups(shares, timeWindow: window) }
            let build = medianSeconds(repetitions) { network = CooRTweet.generateCoordinatedNetwork(pairs) }
            print("\(file), time window \(window): \(shares.count) shares, \(pairs.count) pairs, \(network!.edges.count) edges")
            line("  read + parse CSV (baseline)", String(format: "%.4f s", read))
            line("  detectGroups", String(format: "%.4f s", detect))
            line("  generateCoordinatedNetwork", String(format: "%.4f s", build))
            try compareWithR(path: path, window: window, pairs: pairs.count, edges: network!.edges.count)
            if oracle {
                let seconds = try medianSeconds(1) {
                    try runProgram(["python3", "scripts/oracles/coortweet_oracle.py", path, "--time-window", "\(window)"], in: ".")
                }
                line("  Python oracle, whole run (baseline)", String(format: "%.2f s", seconds))
            }
        }
        if syntheticRows > 0 { synthetic() }
    }

    /// Toets (read, detect, network, in this process) and CooRTweet in R (the same three steps,
    /// timed inside R), in turn; the two must find the same pairs and edges.
    private func compareWithR(path: String, window: Int64, pairs: Int, edges: Int) throws {
        guard FileManager.default.fileExists(atPath: coortweetR + "/R/detect_groups.R") else {
            print("  CooRTweet (R): no checkout at \(coortweetR); skipped (clone github.com/nicolarighetti/CooRTweet there, or pass --coortweet-r)")
            return
        }
        var figures: [Substring] = []
        let (toets, r) = try alternatingMedians(repetitions, {
            try wallSeconds {
                let shares = try CooRTweet.readShares(csv: [UInt8](Data(contentsOf: URL(fileURLWithPath: path))), source: path)
                _ = CooRTweet.generateCoordinatedNetwork(CooRTweet.detectGroups(shares, timeWindow: window))
            }
        }, {
            let answer = try runProgram(["Rscript", "scripts/bench/coortweet.R", coortweetR, path, "\(window)"], in: ".")
            figures = answer.split(separator: "\n").last?.split(separator: " ") ?? []
            guard figures.count == 4, let seconds = Double(figures[3]) else { throw BenchError("scripts/bench/coortweet.R said:\n\(answer)") }
            return seconds
        })
        let agree = Int(figures[1]) == pairs && Int(figures[2]) == edges
        line("  CooRTweet 2.1.3 in R, same steps", String(format: "%.3f s (%@ pairs, %@ edges: %@)", r, String(figures[1]), String(figures[2]), agree ? "same as Toets" : "DIFFERENT"))
        line("  Toets, same steps, in turn with R", String(format: "%.4f s: %.0f× (goal ≥ 100×)", toets, r / toets))
        if !agree { throw ExitCode(1) }
    }

    /// Retweet-like shares: object popularity falls off as a power law, most shares of an object
    /// come within hours of its first share and a few in tight bursts; 5% of accounts are busy.
    private func synthetic() {
        var random = SeededRandom(seed: 2021)
        let objects = max(1, syntheticRows / 5)
        let accounts = max(2, syntheticRows / 20)
        var shares: [CooRTweet.Share] = []
        shares.reserveCapacity(syntheticRows)
        for row in 0..<syntheticRows {
            let u = Double.random(in: 0..<1, using: &random)
            let object = Int(Double(objects) * u * u * u)
            let busy = Double.random(in: 0..<1, using: &random) < 0.3
            let account = busy ? Int.random(in: 0..<(accounts / 20 + 1), using: &random) : Int.random(in: 0..<accounts, using: &random)
            let base = Int64(object) * 97 % 2_592_000
            let burst = Double.random(in: 0..<1, using: &random) < 0.05
            let offset = burst ? Int64.random(in: 0..<30, using: &random) : Int64(-3_600 * log(1 - Double.random(in: 0..<1, using: &random)) * 6)
            shares.append(CooRTweet.Share(objectID: "o\(object)", accountID: "a\(account)", contentID: "c\(row)", time: base + offset))
        }
        var pairs: [CooRTweet.Pair] = []
        let detect = medianSeconds(1) { pairs = CooRTweet.detectGroups(shares) }
        var network: CooRTweet.Network?
        let build = medianSeconds(1) { network = CooRTweet.generateCoordinatedNetwork(pairs) }
        var digest = ""
        let write = medianSeconds(1) {
            digest = Digest.sha256(of: CooRTweet.pairsCSV(pairs)).short
        }
        print("synthetic: \(shares.count) shares, \(pairs.count) pairs, \(network!.edges.count) edges, pairs CSV \(digest)")
        line("  detectGroups", String(format: "%.2f s", detect))
        line("  generateCoordinatedNetwork", String(format: "%.2f s", build))
        line("  pairs CSV + SHA-256", String(format: "%.2f s", write))
    }
}
