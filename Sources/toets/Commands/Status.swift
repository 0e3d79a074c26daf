import ArgumentParser
import ToetsRunner

extension Toets {
    /// `toets status`: what the next run would redo, and why.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say which stages the next run would execute, and why.")

        @Argument(help: ArgumentHelp("The pipeline file (default: the one the last run used).", valueName: "pipeline.yaml"))
        var pipeline: String?

        @OptionGroup var options: WorkspaceOptions

        func run() async throws {
            try await reportingErrors {
                let runner = try runner(for: pipeline, options: options)
                let predictions = try runner.predict()
                if options.json { try printJSON(predictions) } else { printPredictions(predictions, pipeline: runner.plan.pipeline.name) }
            }
        }
    }
}
