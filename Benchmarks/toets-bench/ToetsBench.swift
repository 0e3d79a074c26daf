import ArgumentParser

/// Benchmarks that print their figures next to a named baseline measured in the same run.
/// Build in release mode: `make bench`.
@main
struct ToetsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "toets-bench",
        abstract: "Toets benchmarks, each against a baseline measured in the same run.",
        subcommands: [NoOpRerun.self, Hashing.self, IngestThroughput.self, IngestMemory.self, PIIScan.self, MethodsScale.self,
                      CooRTweetBench.self, ScoreThroughput.self, CNTBench.self, CNTPipelineBench.self, PipelineLoad.self,
                      ProgressCost.self, PlantBench.self]
    )
}
