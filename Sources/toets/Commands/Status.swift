import ArgumentParser
import Foundation
import ToetsRunner

extension Toets {
    /// `toets status`: the run in progress, if any; else what the next run would redo, and why.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the run in progress and its stages' progress; else which stages the next run would execute, and why.")

        @Argument(help: ArgumentHelp("The pipeline file (default: the one the last run used).", valueName: "pipeline.yaml"),
                  completion: .file(extensions: ["yaml", "yml"]))
        var pipeline: String?

        @OptionGroup var options: WorkspaceOptions

        func run() async throws {
            try await reportingErrors {
                // Read from the file the running process rewrites: the lock stays with the run.
                if let live = LiveRunFile(workspace: options.workspace).read() {
                    if options.json { try printJSON(live) } else { printLive(live) }
                    return
                }
                let runner = try runner(for: pipeline, options: options)
                let predictions = try runner.predict()
                if options.json { try printJSON(predictions) } else { printPredictions(predictions, pipeline: runner.plan.pipeline.name) }
            }
        }

        private func printLive(_ live: LiveRun) {
            var done = ["\(live.executed) ran", "\(live.cached) cached"]
            if live.failed > 0 { done.append("\(live.failed) failed") }
            if live.skipped > 0 { done.append("\(live.skipped) skipped") }
            writeOut("run \(live.run) of \(live.pipeline) is running (pid \(live.pid), \(ProgressText.duration(live.seconds))): "
                     + "\(live.finished) of \(live.stages) stages done (\(done.joined(separator: ", ")))")
            for stage in live.running {
                let bar = stage.progress.map { ProgressText.bar($0.fraction, width: 20) + " " } ?? ""
                writeOut("  \(padded(stage.stage, 20)) \(bar)\(ProgressText.describe(stage))")
            }
            writeOut("what the next run would execute: `toets status` once this run has ended")
        }
    }
}
