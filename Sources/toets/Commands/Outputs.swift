import ArgumentParser
import Foundation
import ToetsModel
import ToetsStore

extension Toets {
    /// `toets outputs STAGE`: a stage's artefacts from its last run, and a way to copy them out.
    struct Outputs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a stage's artefacts (and logs) from its last run, or copy them out.")

        @Argument(help: "The stage.")
        var stage: String

        @Option(name: .long, help: ArgumentHelp("Only this pipeline (its name), if several have the stage.", valueName: "name"))
        var pipeline: String?

        @Option(name: .long, help: ArgumentHelp("Copy the outputs into this folder under their names.", valueName: "dir"))
        var copyTo: String?

        @Flag(name: .long, help: "With --copy-to, copy the logs too, as STAGE.stdout and STAGE.stderr.")
        var logs = false

        @OptionGroup var options: WorkspaceOptions

        private struct Listing: Encodable {
            var stage: String
            var run: Int64
            var status: String
            var artefacts: [Entry]
        }

        private struct Entry: Encodable {
            var name: String
            var role: String
            var digest: String
            var size: Int
            var path: String
        }

        func run() async throws {
            try await reportingErrors {
                let workspace = try options.openExisting(.readOnly)
                guard let step = try workspace.index.lastStep(pipeline: pipeline, stage: stage, withOutputs: false) else {
                    throw CommandFailure(message: "stage '\(stage)' has not run in \(workspace.root)"
                                         + (pipeline.map { " for pipeline \($0)" } ?? ""), code: ExitCodes.failed)
                }
                let entries = step.artefacts.map {
                    Entry(name: $0.name, role: $0.role.rawValue, digest: $0.digest.hex, size: $0.size,
                          path: workspace.store.path(of: $0.digest))
                }
                let copied = step.artefacts.filter { $0.role == .output || logs }
                if let copyTo {
                    try copy(copied, from: workspace.store, to: copyTo)
                }
                if options.json {
                    try printJSON(Listing(stage: stage, run: step.runID, status: step.status.rawValue, artefacts: entries))
                    return
                }
                writeOut("stage \(stage), run \(step.runID) (\(step.status.rawValue)):")
                for entry in entries {
                    writeOut("  \(padded(entry.name, 18)) \(padded(entry.role, 6)) \(entry.digest.prefix(16))…  "
                             + "\(padded(formatBytes(entry.size), 10)) \(entry.path)")
                }
                if let copyTo { writeOut("copied \(copied.count) artefacts to \(copyTo)") }
            }
        }

        /// Copies each artefact, verifying its digest on the way, and replaces a file of the same
        /// name only once the copy is complete.
        private func copy(_ artefacts: [StepArtefact], from store: ObjectStore, to directory: String) throws {
            try FileSystem.makeDirectory(FileSystem.absolute(directory))
            for artefact in artefacts {
                let name = artefact.role == .log ? "\(stage).\(artefact.name)" : artefact.name
                try store.export(artefact.digest, to: FileSystem.absolute(directory) + "/" + name)
            }
        }
    }
}
