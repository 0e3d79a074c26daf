import ArgumentParser
import Foundation
import ToetsModel
import ToetsRunner
import ToetsStore
import Yams

/// `toets-bench pipeline`: loading and checking pipeline files of growing size, against the
/// floor any tool reading them pays, Yams composing the same YAML. Linear loading keeps the
/// time per stage flat as the stage count doubles; quadratic loading doubles it each time.
/// `toets status` (the keys of every stage and the index looked up) is timed beside.
struct PipelineLoad: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Load and check pipelines of 6,500 to 52,000 stages; compare with composing their YAML.")

    @Option(help: "Stage counts (comma-separated).")
    var stages = "6500,13000,26000,52000"

    @Option(help: "Repetitions; the median is reported.")
    var repetitions = 3

    /// Layers of 10 command stages, each needing the stage above it and the one before it in
    /// its layer, with parameters and placeholders, as a long pipeline of external methods would be.
    static func pipeline(_ count: Int) -> String {
        var yaml = "name: bench\nstages:\n"
        for index in 0..<count {
            yaml += "  s\(index):\n"
            if index >= 10 { yaml += "    needs: [s\(index - 10)" + (index % 10 == 0 ? "" : ", s\(index - 1)") + "]\n" }
            yaml += "    with: {window: \(60 + index % 7), label: stage-\(index)}\n"
            yaml += index >= 10 ? "    run: cat {in.s\(index - 10).out} > {out.out}\n" : "    run: echo {with.window} > {out.out}\n"
        }
        return yaml
    }

    func run() throws {
        let counts = stages.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        print("Pipeline files: load and check (toets) against Yams composing the same YAML, median of \(repetitions)")
        print("  stages    file       compose    load+check  ×compose  µs/stage   status (keys, index)")
        var perStage: [Double] = []
        for count in counts {
            let text = Self.pipeline(count)
            let compose = try medianSeconds(repetitions) { _ = try Yams.compose(yaml: text) }
            var plan: Plan?
            let load = try medianSeconds(repetitions) {
                let spec = try PipelineLoader.parse(text, file: "bench.yaml", directory: "/bench")
                plan = try PipelineChecker(registry: .core).check(spec)
            }
            guard let plan, plan.stages.count == count else { throw BenchError("the plan lost stages") }
            let directory = FileManager.default.temporaryDirectory.path + "/toets-bench-pipeline-\(getpid())"
            defer { try? FileSystem.removeTree(directory) }
            let runner = PipelineRunner(plan: plan, workspace: try Workspace(root: directory), environment: [:])
            let status = try medianSeconds(1) { _ = try runner.predict() }
            perStage.append(load / Double(count) * 1e6)
            print("  " + [padded("\(count)", 9), padded(ByteCount(Int64(text.utf8.count)).description, 10),
                          padded(String(format: "%.3f s", compose), 10), padded(String(format: "%.3f s", load), 11),
                          padded(String(format: "%.2f", load / compose), 9), padded(String(format: "%.1f", perStage.last!), 10),
                          String(format: "%.2f s", status)].joined(separator: " "))
        }
        if let first = perStage.first, let last = perStage.last {
            let growth = last / first
            print(String(format: "  time per stage, largest / smallest: %.2f (linear ≈ 1, quadratic ≈ %d): %@", growth,
                         (counts.last ?? 1) / max(1, counts.first ?? 1), growth < 1.5 ? "linear" : "NOT LINEAR"))
            if growth >= 1.5 { throw ExitCode(1) }
        }
    }

    private func padded(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
