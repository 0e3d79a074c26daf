import ArgumentParser
import ToetsRunner
import ToetsStore

extension Toets {
    /// `toets gc`: forget old runs and delete objects nothing refers to any more.
    struct GC: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "gc",
            abstract: "Delete old runs from the index and the objects no remaining run refers to.")

        @Option(name: .long, help: "How many of the newest runs to keep, with everything they read and wrote.")
        var keepRuns = 10

        @Flag(name: .long, help: "Fail at once if another toets process holds the workspace, instead of waiting.")
        var noWait = false

        @OptionGroup var options: WorkspaceOptions

        func validate() throws {
            guard keepRuns >= 0 else { throw ValidationError("--keep-runs must be 0 or more") }
        }

        func run() async throws {
            try await reportingErrors {
                let workspace = try options.openExisting()
                let lock = try await workspace.lock(purpose: "toets gc", wait: !noWait) { holder in
                    writeError("waiting for the workspace: it is held by \(holder)")
                }
                // gc empties tmp/: what a killed run left working there ends first.
                let leftovers = try await LeftoverWork.end(in: workspace)
                let report = try workspace.collectGarbage(keepRuns: keepRuns)
                withExtendedLifetime(lock) {}
                if options.json {
                    try printJSON(report)
                } else {
                    for sentence in leftovers.sentences { writeOut(sentence) }
                    writeOut("removed \(report.runsDeleted) runs and \(report.objectsDeleted) objects "
                             + "(\(formatBytes(report.bytesFreed))); kept \(report.objectsKept) objects")
                }
            }
        }
    }
}
