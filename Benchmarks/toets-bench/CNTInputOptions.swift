import ArgumentParser
import Foundation
import ToetsMethods

/// What the two CNT benchmarks share: the synthetic CSVs, the network types, the window, and
/// how CNT 1.5.2 is run.
struct CNTInputOptions: ParsableArguments {
    @Option(help: "Messages in the synthetic CSV, one run per size (comma-separated).")
    var messages = "200000,1000000"

    @Option(help: "Network types (comma-separated): co_retweet, co_tweet, co_reply, co_link, co_similar_tweet, co_post.")
    var networks = CoActionNetwork.allCases.map(\.rawValue).joined(separator: ",")

    @Option(help: "Time window in seconds.")
    var window: Int64 = 60

    @Option(help: "Days the synthetic posts span.")
    var days = 30

    @Option(help: "Seed of the synthetic CSV.")
    var seed: UInt64 = 20_260_311

    @Option(help: "The venv with coordination-network-toolkit 1.5.2.")
    var venv = ".build-py/venv-cnt"

    @Option(help: "Processes for CNT's compute (--n_cpus).")
    var cntCPUs = 2

    @Option(help: "Seconds after which one CNT compute is stopped and reported as a lower bound.")
    var timeLimit = 1_200

    @Option(help: "Where the CSVs, CNT's databases and the outputs are kept.")
    var cache = ".build-bench/cnt"

    var sizes: [Int] { messages.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    /// The network types asked for.
    func chosenNetworks() throws -> [CoActionNetwork] {
        try networks.split(separator: ",").map { name -> CoActionNetwork in
            guard let network = CoActionNetwork(rawValue: String(name)) else {
                throw ValidationError("unknown network type \(name); CNT's are "
                                      + CoActionNetwork.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return network
        }
    }

    var cnt: CNTCommandLine { CNTCommandLine(venv: venv, cpus: cntCPUs, timeLimit: timeLimit) }

    /// The synthetic CSV of `size` messages in `folder`, made the first time.
    func input(size: Int, in folder: String) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let input = folder + "/input-s\(seed)-d\(days).csv"
        if !FileManager.default.fileExists(atPath: input) {
            let seconds = try medianSeconds(1) { try CNTSyntheticInput(messages: size, seed: seed, days: days).write(to: input) }
            say(String(format: "generated %@ in %.1f s", input, seconds))
        }
        return input
    }
}

/// The 1, 5 and 15 minute load averages: the machine is shared.
func loadAverages() -> String {
    let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}
