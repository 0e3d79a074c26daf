import ArgumentParser
import ToetsRunner
import ToetsStore

extension Toets {
    /// `toets explain STAGE`: which key component changed since the stage last executed.
    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say what changed for a stage since it last executed: parameters, inputs, code, command.")

        @Argument(help: "The stage.")
        var stage: String

        @Option(name: .long, help: ArgumentHelp("The pipeline file (default: the one the last run used).", valueName: "file"),
                completion: .file(extensions: ["yaml", "yml"]))
        var pipeline: String?

        @OptionGroup var options: WorkspaceOptions

        func run() async throws {
            try await reportingErrors {
                let explanation = try runner(for: pipeline, options: options).explain(stage)
                if options.json {
                    try printJSON(explanation)
                    return
                }
                var header = "stage \(explanation.stage) (\(explanation.kind))"
                if let run = explanation.lastRunID, let key = explanation.lastKey {
                    header += explanation.lastStatus == .cached ? ": last reused a stored result in run \(run)"
                        : ": last executed in run \(run)"
                    if let at = explanation.lastRunAt { header += " at \(at)" }
                    header += ", key \(key.short)"
                }
                writeOut(header)
                if !explanation.changes.isEmpty {
                    writeOut("changed since then:")
                    explanation.changes.forEach { writeOut("  - " + $0) }
                }
                writeOut(explanation.verdict)
            }
        }
    }
}
