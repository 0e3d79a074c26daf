import ArgumentParser
import Foundation
import ToetsMethods
import ToetsModel

/// `toets-bench methods`: every built-in method on N synthetic pseudonymised posts (default
/// 10 million), with its time and peak memory. The baseline is the input itself: how long
/// making the posts took and how much memory they hold.
struct MethodsScale: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "methods", abstract: "Built-in methods on N synthetic posts: time and peak memory of each.")

    @Option(help: "How many posts.") var posts = 10_000_000
    @Option(help: "Methods to run (comma-separated); default all.") var methods: String?
    @Option(help: "Seed of the synthetic posts.") var seed: UInt64 = 7

    func run() throws {
        resetPeakMemory()
        let start = ContinuousClock.now
        let data = Self.synthetic(posts: posts, seed: seed)
        let making = (ContinuousClock.now - start) / .seconds(1)
        say(String(format: "%d posts of %d accounts made in %.1f s; peak memory %@ (the posts themselves)",
                     data.count, Set(data.lazy.map(\.authorID)).count, making, formatBytes(peakMemory())))
        let wanted = methods.map { Set($0.split(separator: ",").map(String.init)) }
        let all: [(String, () throws -> MethodResult)] = [
            ("coortweet", { try CooRTweetMethod(parameters: Self.defaults(CooRTweetMethod.parameters)).detect(data) }),
            ("co-action", { try CoActionMethod(parameters: Self.defaults(CoActionMethod.parameters)).detect(data) }),
            ("near-duplicate", { try NearDuplicate(parameters: Self.defaults(NearDuplicate.parameters)).detect(data) }),
            ("pacheco", { try Pacheco(parameters: Self.defaults(Pacheco.parameters)).detect(data) }),
            ("account-signals", { try AccountSignals(parameters: Self.defaults(AccountSignals.parameters)).detect(data) }),
        ]
        for (name, detect) in all where wanted?.contains(name) ?? true {
            resetPeakMemory()
            let started = ContinuousClock.now
            let result = try detect()
            let seconds = (ContinuousClock.now - started) / .seconds(1)
            say(name.padding(toLength: 16, withPad: " ", startingAt: 0)
                + String(format: " %7.1f s  peak %@  %d flagged, %d edges", seconds, formatBytes(peakMemory()),
                         result.detections.filter(\.flagged).count, result.network.edgeCount))
        }
    }

    static func defaults(_ specs: [ParameterSpec]) -> [String: ParamValue] {
        Dictionary(uniqueKeysWithValues: specs.map { ($0.name, $0.defaultValue!) })
    }

    /// Posts over 30 days: organic accounts post texts from a 5,000-word vocabulary and repost
    /// popular posts (Zipf-like); 2 % of the accounts are campaigns of 20 that repost the same
    /// post within a minute and post one text with small edits.
    static func synthetic(posts count: Int, seed: UInt64) -> [Post] {
        var random = SeededRandom(seed: seed)
        let accounts = max(count / 25, 40)
        let vocabulary = (0..<5_000).map { "w\($0)" }
        let start: Int64 = 1_772_323_200
        var posts: [Post] = []
        posts.reserveCapacity(count)
        while posts.count < count {
            let index = posts.count
            let time = start + Int64(random.unit() * 30 * 86_400)
            let account = random.int(0...(accounts - 1))
            let id = "p1.kbench.\(index)"
            if account < accounts / 50 {
                // A campaign account: its group of 20 pushes ten messages, each within a minute.
                let group = account / 20
                let message = random.int(0...9)
                let groupTime = start + Int64(group % 24) * 3_600 + Int64(message) * 200_000 + Int64(random.int(0...59))
                if random.chance(0.5) {
                    posts.append(Post(platform: "x", sourceFormat: "bench", postID: id, authorID: "p1.kbench.a\(account)",
                                      createdAt: groupTime, kind: .repost, refPostID: "p1.kbench.t\(group)-\(message)"))
                } else {
                    var words = (0..<20).map { vocabulary[(group * 131 + message * 17 + $0 * 7) % vocabulary.count] }
                    words[random.int(0...19)] = random.pick(vocabulary)  // a small edit
                    posts.append(Post(platform: "x", sourceFormat: "bench", postID: id, authorID: "p1.kbench.a\(account)",
                                      createdAt: groupTime, text: words.joined(separator: " ")))
                }
            } else if random.chance(0.3) {
                let popular = Int(Double(count / 10) * pow(random.unit(), 3))
                posts.append(Post(platform: "x", sourceFormat: "bench", postID: id, authorID: "p1.kbench.a\(account)",
                                  createdAt: time, kind: .repost, refPostID: "p1.kbench.\(popular)"))
            } else {
                let text = (0..<12).map { _ in random.pick(vocabulary) }.joined(separator: " ")
                posts.append(Post(platform: "x", sourceFormat: "bench", postID: id, authorID: "p1.kbench.a\(account)",
                                  createdAt: time, text: text, accountCreatedAt: start - Int64(account % 3_000) * 86_400,
                                  followers: Int64(1 << (account % 12))))
            }
        }
        return posts.sorted(by: Post.canonicalOrder)
    }
}

/// Resets the kernel's peak resident size of this process (Linux 4.0+).
func resetPeakMemory() {
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
}

/// The peak resident size of this process since the last reset, in bytes.
func peakMemory() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
    return kilobytes * 1024
}

func formatBytes(_ bytes: Int) -> String {
    bytes >= 1 << 30 ? String(format: "%.2f GiB", Double(bytes) / Double(1 << 30)) : String(format: "%.0f MiB", Double(bytes) / Double(1 << 20))
}

/// A line on standard output at once (print is buffered when the output is a file).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
