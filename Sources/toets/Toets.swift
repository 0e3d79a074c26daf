import ArgumentParser

/// The `toets` command: parses, wires the libraries, prints, exits.
@main
struct Toets: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "toets",
        abstract: "A reproducible evaluation bench for methods that detect coordinated inauthentic behaviour.",
        discussion: """
            Runs pipelines of stages (pipelines/*.yaml) with content-addressed, explainable caching: \
            a rerun executes only what changed, and says why.
            """,
        version: ToolInfo.version,
        subcommands: [Run.self, Status.self, Explain.self, Outputs.self, Audit.self, Verify.self, Export.self, Keygen.self, GC.self,
                      DemoData.self, CoActionCommand.self]
    )
}
