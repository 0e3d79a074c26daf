import ArgumentParser
import ToetsDemoWorld

extension Toets {
    /// `toets demo-data`: writes the synthetic municipal-election data set.
    struct DemoData: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo-data",
            abstract: "Generate the demo world: a synthetic municipal-election data set with annotated ground truth.",
            discussion: "The same seed and scale give the same bytes. Scale 1 is the committed datasets/demo/.")

        @Option(name: .long, help: ArgumentHelp("Folder to write the data set into.", valueName: "dir"))
        var out = "datasets/demo"

        @Option(name: .long, help: "Seed of every random choice.")
        var seed: UInt64 = 20_260_318

        @Option(name: .long, help: "Multiplies accounts and posts (1: tens of thousands of posts; 46: about a million).")
        var scale: Double = 1

        func validate() throws {
            guard scale > 0 && scale <= 1000 else { throw ValidationError("--scale must be in (0, 1000]") }
        }

        func run() async throws {
            try await reportingErrors {
                var parameters = WorldParameters()
                parameters.seed = seed
                parameters.scale = scale
                let world = DemoWorld(parameters)
                let summary = try world.write(to: out)
                writeOut("wrote \(world.postCount) posts of \(summary.accounts.values.reduce(0, +)) accounts, "
                         + "\(summary.labelRows) labels of \(summary.labelledAccounts) accounts to \(out)")
            }
        }
    }
}
