import ArgumentParser
import Foundation
import ToetsModel

/// A no-op rerun (nothing changed) of the same pipeline shapes in Toets and in Snakemake.
struct NoOpRerun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "noop",
        abstract: "Time a rerun with nothing to do, in Toets and in Snakemake, on the same pipeline shapes.")

    @Option(help: "The snakemake executable (Snakemake 9).")
    var snakemake = ".build-py/venv/bin/snakemake"

    @Option(help: "Repetitions of each no-op rerun; the median is reported.")
    var repetitions = 5

    @Option(help: "Size of the input file of the 26-job shape, in MiB.")
    var inputMiB = 50

    func run() throws {
        let toets = buildDirectory + "/toets"
        let snakemake = URL(fileURLWithPath: self.snakemake).standardizedFileURL.path
        let version = try runProgram([snakemake, "--version"], in: ".").trimmingCharacters(in: .whitespacesAndNewlines)
        print("no-op rerun: Toets (\(toets)) against Snakemake \(version), median of \(repetitions), timed in turn")
        var failed = false
        for shape in [Shape.fanOut(inputMiB: inputMiB), Shape.layered] {
            let directory = FileManager.default.temporaryDirectory.path + "/toets-bench-\(shape.name)-\(getpid())"
            try? FileManager.default.removeItem(atPath: directory)
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            try shape.prepare(in: directory)

            try runProgram([toets, "run", "pipeline.yaml", "--jobs", "2"], in: directory)
            try runProgram([snakemake, "--cores", "2", "--quiet"], in: directory)
            let (toetsSeconds, snakemakeSeconds) = try alternatingMedians(repetitions, {
                try wallSeconds {
                    let out = try runProgram([toets, "run", "pipeline.yaml", "--jobs", "2"], in: directory)
                    guard out.contains(" 0 executed") else { throw BenchError("Toets reran something:\n\(out)") }
                }
            }, {
                try wallSeconds {
                    let out = try runProgram([snakemake, "--cores", "2"], in: directory)
                    guard out.contains("Nothing to be done") else { throw BenchError("Snakemake reran something:\n\(out)") }
                }
            })
            let ratio = toetsSeconds / snakemakeSeconds
            print("\n\(shape.description)")
            line("  Toets no-op rerun", String(format: "%.3f s", toetsSeconds))
            line("  Snakemake no-op rerun", String(format: "%.3f s", snakemakeSeconds))
            line("  Toets / Snakemake (goal ≤ 0.10)", String(format: "%.3f %@", ratio, ratio <= 0.1 ? "met" : "NOT MET"))
            failed = failed || ratio > 0.1
        }
        if failed { throw ExitCode(1) }
    }
}

/// A pipeline shape written both as a Toets pipeline and as a Snakefile.
enum Shape {
    /// 5 chained stages over a large file, a fan-out of 20, one report: 26 jobs.
    case fanOut(inputMiB: Int)
    /// 50 stages in 5 layers of 10, each needing two stages of the layer before.
    case layered

    var name: String {
        switch self {
        case .fanOut: "fanout"
        case .layered: "layered"
        }
    }

    var description: String {
        switch self {
        case .fanOut(let mib): "26 jobs: 5 chained stages over a \(mib) MiB file, a fan-out of 20, one report"
        case .layered: "50 stages: 5 layers of 10, each stage needing two of the layer before"
        }
    }

    /// (name, inputs, command with {inputs} and {output}) for every job, in order.
    private var jobs: [(String, [String], String)] {
        switch self {
        case .fanOut:
            var jobs: [(String, [String], String)] = []
            for step in 1...5 {
                jobs.append(("chain\(step)", [step == 1 ? "INPUT" : "chain\(step - 1)"], "cat {inputs} > {output}"))
            }
            for branch in 1...20 {
                jobs.append(("part\(branch)", ["chain5"], "head -c \(branch * 1000) {inputs} | wc -c > {output}"))
            }
            jobs.append(("report", (1...20).map { "part\($0)" }, "cat {inputs} > {output}"))
            return jobs
        case .layered:
            var jobs: [(String, [String], String)] = []
            for layer in 0..<5 {
                for index in 0..<10 {
                    let inputs = layer == 0 ? ["INPUT"] : ["l\(layer - 1)s\(index)", "l\(layer - 1)s\((index + 1) % 10)"]
                    jobs.append(("l\(layer)s\(index)", inputs, "cksum {inputs} > {output}"))
                }
            }
            return jobs
        }
    }

    func prepare(in directory: String) throws {
        let inputBytes: Int
        switch self {
        case .fanOut(let mib): inputBytes = mib << 20
        case .layered: inputBytes = 1 << 20
        }
        // Deterministic, incompressible-looking input.
        var generator = SeededRandom(seed: 2026)
        var data = Data(count: inputBytes)
        data.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) in
            let words = raw.bindMemory(to: UInt64.self)
            for index in words.indices { words[index] = generator.next() }
        }
        try data.write(to: URL(fileURLWithPath: directory + "/input.bin"))

        var yaml = "version: 1\nname: bench-\(name)\nstages:\n  INPUT:\n    uses: source\n    with: {files: {data: input.bin}}\n"
        var snakefile = "rule all:\n    input: \"out/\(jobs.last!.0)\"\n\n"
        for (job, inputs, command) in jobs {
            let toetsInputs = inputs.map { $0 == "INPUT" ? "{in.INPUT.data}" : "{in.\($0).\($0)}" }.joined(separator: " ")
            yaml += "  \(job):\n    needs: [\(inputs.joined(separator: ", "))]\n    run: \""
                + command.replacingOccurrences(of: "{inputs}", with: toetsInputs)
                    .replacingOccurrences(of: "{output}", with: "{out.\(job)}") + "\"\n"
            let snakeInputs = inputs.map { $0 == "INPUT" ? "\"input.bin\"" : "\"out/\($0)\"" }.joined(separator: ", ")
            snakefile += "rule \(job):\n    input: \(snakeInputs)\n    output: \"out/\(job)\"\n    shell: \"\(command.replacingOccurrences(of: "{inputs}", with: "{input}"))\"\n\n"
        }
        try yaml.write(toFile: directory + "/pipeline.yaml", atomically: true, encoding: .utf8)
        try snakefile.write(toFile: directory + "/Snakefile", atomically: true, encoding: .utf8)
    }
}
