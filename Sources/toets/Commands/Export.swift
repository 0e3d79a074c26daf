import ArgumentParser
import ToetsProvenance
import ToetsStore

extension Toets {
    /// `toets export crate|prov`: a run's provenance in standard formats.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export a run's provenance: a Provenance Run RO-Crate or PROV-JSON.",
            subcommands: [Crate.self, Prov.self])

        /// `toets export crate`.
        struct Crate: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Write a Workflow Run / Provenance Run RO-Crate (profile 0.5) of a run, with its artefacts.")

            @Option(name: .customLong("run"), help: ArgumentHelp("The run (default: the newest).", valueName: "run"))
            var runID: Int64?

            @Option(name: .long, help: ArgumentHelp("The crate folder to create (must not exist, or be empty).", valueName: "dir"))
            var out: String

            @OptionGroup var options: WorkspaceOptions

            func run() async throws {
                try await reportingErrors {
                    let workspace = try options.openExisting(.readOnly)
                    let written = try CrateExporter(workspace: workspace, run: runID).write(to: FileSystem.absolute(out))
                    writeOut("wrote the RO-Crate of run \(written.run) to \(written.directory): \(written.files) files, "
                             + "\(written.actions) actions")
                }
            }
        }

        /// `toets export prov`.
        struct Prov: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Write a run's provenance as W3C PROV-JSON.")

            @Option(name: .customLong("run"), help: ArgumentHelp("The run (default: the newest).", valueName: "run"))
            var runID: Int64?

            @Option(name: .long, help: ArgumentHelp("The PROV-JSON file to write.", valueName: "file"))
            var out: String

            @OptionGroup var options: WorkspaceOptions

            func run() async throws {
                try await reportingErrors {
                    let workspace = try options.openExisting(.readOnly)
                    let exported = try ProvExporter(workspace: workspace, run: runID).export()
                    try FileSystem.writeAtomically(Array(exported.document.prettyText.utf8), to: FileSystem.absolute(out))
                    writeOut("wrote the PROV-JSON of run \(exported.run) to \(out)")
                }
            }
        }
    }
}
