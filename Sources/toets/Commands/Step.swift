import ArgumentParser
import ToetsRunner

extension Toets {
    /// `toets step PLAN`: what a cluster job runs; not for people.
    struct Step: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run one planned step as a cluster job (started by `toets run --executor slurm`).",
            discussion: """
                Reads the plan file the controlling `toets run` wrote, runs the step against the workspace's store \
                (in the sandbox, as locally), and writes a result file the controller checks and records. It never \
                opens the workspace's index.
                """)

        @Argument(help: ArgumentHelp("The plan file.", valueName: "plan.json"))
        var plan: String

        func run() async throws {
            try await reportingErrors {
                try await StepJob.run(planFile: plan, loadPlan: { try loadPlan($0).plan })
            }
        }
    }
}
