import Foundation
import ToetsModel
import ToetsStore

/// Writes a run as a Workflow Run Crate / Provenance Run Crate (RO-Crate 1.1, profiles 0.5):
/// the pipeline file as the main workflow; a HowToStep and a tool per stage (built-in stage
/// kinds, or external methods with their code); formal parameters for inputs, parameters and
/// outputs, connected along `needs`; a CreateAction per step with its input and output files
/// (copied into the crate, with SHA-256) and parameter values; a ControlAction per step and an
/// OrganizeAction for the run; and the run's signed statements and checkpoint.
package struct CrateExporter {
    package static let profiles: [(id: String, name: String, version: String)] = [
        ("https://w3id.org/ro/wfrun/process/0.5", "Process Run Crate", "0.5"),
        ("https://w3id.org/ro/wfrun/workflow/0.5", "Workflow Run Crate", "0.5"),
        ("https://w3id.org/ro/wfrun/provenance/0.5", "Provenance Run Crate", "0.5"),
        ("https://w3id.org/workflowhub/workflow-ro-crate/1.0", "Workflow RO-Crate", "1.0"),
    ]
    /// The Workflow Run terms, declared inline so that the crate reads the same with or
    /// without network access to their published context.
    static let workflowRunTerms: CanonicalJSON = .object([
        "wfrun": "https://w3id.org/ro/terms/workflow-run#",
        "ParameterConnection": "wfrun:ParameterConnection",
        "connection": "wfrun:connection",
        "sourceParameter": "wfrun:sourceParameter",
        "targetParameter": "wfrun:targetParameter",
        "resourceUsage": "wfrun:resourceUsage",
        // Not in the RO-Crate 1.1 context; schema.org has it (and RO-Crate 1.2 maps it there).
        "sha256": "http://schema.org/sha256",
    ])

    package var workspace: Workspace
    package var run: Int64?
    /// The crate's licence (RO-Crate asks for one): a statement of terms, or a URL.
    package var license: String

    package init(workspace: Workspace, run: Int64?,
                 license: String = "No licence is granted: exported for audit of the evaluation it describes.") {
        self.workspace = workspace
        self.run = run
        self.license = license
    }

    /// What was written.
    package struct Written: Sendable {
        package var run: Int64
        package var directory: String
        package var files: Int
        package var actions: Int
    }

    package func write(to directory: String) throws -> Written {
        let source = try RunProvenance(workspace: workspace, run: run)
        if FileSystem.exists(directory) {
            guard FileSystem.isDirectory(directory), try FileSystem.contents(of: directory).isEmpty else {
                throw ProvenanceError.export(problem: "\(directory) exists and is not an empty folder; name a new one")
            }
        }
        try FileSystem.makeDirectory(directory)
        var builder = CrateBuilder(source: source, directory: directory, license: license)
        try builder.build()
        let metadata: CanonicalJSON = .object([
            "@context": .array([.string("https://w3id.org/ro/crate/1.1/context"), Self.workflowRunTerms]),
            "@graph": .array(builder.graph),
        ])
        try FileSystem.writeAtomically(Array(metadata.prettyText.utf8), to: directory + "/ro-crate-metadata.json")
        return Written(run: source.run.id, directory: directory, files: builder.files,
                       actions: builder.graph.filter { ($0["@type"]?.stringValue ?? "").hasSuffix("Action") }.count)
    }
}
