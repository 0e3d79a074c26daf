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

/// Builds the graph of one crate and copies its files.
private struct CrateBuilder {
    let source: RunProvenance
    let directory: String
    let license: String
    var graph: [CanonicalJSON] = []
    var hasPart: [String] = []
    var actions: [String] = []
    /// Connections into each stage's inputs, for its HowToStep.
    var connectionsInto: [String: [String]] = [:]
    var files = 0

    var run: RunRecord { source.run }
    var pipelineFileName: String { FileSystem.lastComponent(of: run.pipelineFile) }

    init(source: RunProvenance, directory: String, license: String) {
        self.source = source
        self.directory = directory
        self.license = license
    }

    static func ref(_ id: String) -> CanonicalJSON { .object(["@id": .string(id)]) }

    /// An index time (ISO 8601, UTC, `Z`) with the `+00:00` offset the Process Run Crate checks expect.
    static func time(_ indexTime: String) -> CanonicalJSON {
        .string(indexTime.hasSuffix("Z") ? indexTime.dropLast() + "+00:00" : indexTime)
    }
    /// References; one alone is a single value, as RO-Crate 1.1 recommends.
    static func refs(_ ids: [String]) -> CanonicalJSON { ids.count == 1 ? ref(ids[0]) : .array(ids.map(ref)) }

    /// A path segment as it appears in an @id: percent-encoded where URIs need it.
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#[]@"))) ?? text
    }

    static func artefactID(stage: String, name: String) -> String {
        "artefacts/" + segment(stage) + "/" + segment(name)
    }

    static func toolID(_ stage: String) -> String { "#tool-" + segment(stage) }
    static func parameterID(_ stage: String, _ direction: String, _ name: String) -> String {
        "#param-" + segment(stage) + "-" + direction + "-" + segment(name)
    }

    mutating func add(_ entity: [String: CanonicalJSON]) {
        graph.append(.object(entity))
    }

    /// Copies `bytes` or a stored object into the crate at `relative`.
    mutating func copy(_ digest: Digest, to relative: String) throws {
        let target = directory + "/" + relative
        try FileSystem.makeDirectory(FileSystem.parentDirectory(of: target))
        try source.workspace.store.export(digest, to: target)
        files += 1
    }

    mutating func write(_ bytes: [UInt8], to relative: String) throws {
        let target = directory + "/" + relative
        try FileSystem.makeDirectory(FileSystem.parentDirectory(of: target))
        try FileSystem.writeAtomically(bytes, to: target)
        files += 1
    }

    mutating func build() throws {
        try addPipeline()
        var controls: [String] = []
        var toolIDs: [String] = []
        var stepIDs: [String] = []
        var connections: [String] = []
        for (position, step) in source.steps.enumerated() {
            let stage = step.record.stage
            let (tool, stageConnections) = try addTool(step)
            toolIDs.append(tool)
            connections += stageConnections
            let stepID = "#step-" + Self.segment(stage)
            stepIDs.append(stepID)
            var howTo: [String: CanonicalJSON] = [
                "@id": .string(stepID), "@type": "HowToStep", "name": .string(stage), "position": .string(String(position)),
                "workExample": Self.ref(tool)]
            if !stageConnections.isEmpty { howTo["connection"] = Self.refs(stageConnections) }
            add(howTo)
            let action = try addAction(step, tool: tool)
            actions.append(action)
            let control = "#control-" + Self.segment(stage)
            add(["@id": .string(control), "@type": "ControlAction", "name": .string("orchestrate stage \(stage)"),
                 "instrument": Self.ref(stepID), "object": Self.ref(action)])
            controls.append(control)
        }
        try addWorkflow(tools: toolIDs, steps: stepIDs, connections: connections)
        try addRunActions(controls: controls)
        try addStatements()
        addRoot()
    }

    // MARK: Pipeline and root

    mutating func addPipeline() throws {
        guard FileSystem.isRegularFile(run.pipelineFile),
              let bytes = try? FileSystem.readSmallFile(run.pipelineFile), Digest.sha256(of: bytes) == run.pipelineDigest
        else {
            throw ProvenanceError.export(problem: "run \(run.id)'s pipeline file \(run.pipelineFile) is gone or changed since "
                                         + "the run (it had sha256 \(run.pipelineDigest.hex)); restore that version to export")
        }
        try write(bytes, to: pipelineFileName)
        hasPart.append(pipelineFileName)
        add(["@id": "#toets-pipeline-language", "@type": "ComputerLanguage", "name": "Toets pipeline",
             "alternateName": "toets-pipeline", "version": "1",
             "description": "Toets pipeline files (YAML): named stages that use a built-in stage kind or run a command."])
        add(["@id": "#toets", "@type": "SoftwareApplication", "name": "Toets",
             "description": "The evaluation bench that ran the pipeline (the workflow engine).",
             "softwareVersion": .string(source.tool.version),
             "identifier": .string("git commit " + source.tool.commit)])
    }

    mutating func addRoot() {
        add(["@id": "ro-crate-metadata.json", "@type": "CreativeWork", "about": Self.ref("./"),
             "conformsTo": Self.refs(["https://w3id.org/ro/crate/1.1", "https://w3id.org/workflowhub/workflow-ro-crate/1.0"])])
        for profile in CrateExporter.profiles {
            add(["@id": .string(profile.id), "@type": "CreativeWork", "name": .string(profile.name),
                 "version": .string(profile.version)])
        }
        add(["@id": "#licence", "@type": "CreativeWork", "name": "Terms of this crate", "description": .string(license)])
        add(["@id": "./", "@type": "Dataset",
             "name": .string("Run \(run.id) of the Toets pipeline \(run.pipeline)"),
             "description": .string("What run \(run.id) of pipeline \(run.pipeline) executed and reused, with every input, "
                                    + "parameter and output by SHA-256, and the signed in-toto statements of its steps."),
             "datePublished": .string(run.endedAt ?? run.startedAt),
             "license": Self.ref("#licence"),
             "conformsTo": Self.refs(CrateExporter.profiles.map(\.id)),
             "mainEntity": Self.ref(pipelineFileName),
             "mentions": Self.refs(["#run-\(run.id)", "#organize-\(run.id)"] + actions),
             "hasPart": Self.refs(hasPart)])
    }

    // MARK: Tools and parameters

    /// The tool of a stage with its formal parameters; returns its id and its connections.
    mutating func addTool(_ step: RunProvenance.Step) throws -> (String, [String]) {
        let record = step.record
        let stage = record.stage
        let components = record.components
        let tool = Self.toolID(stage)
        var inputs: [String] = []
        var connections: [String] = []
        for name in components.inputs.keys.sorted() {
            let id = Self.parameterID(stage, "in", name)
            inputs.append(id)
            add(["@id": .string(id), "@type": "FormalParameter", "additionalType": "File", "name": .string(name),
                 "valueRequired": true])
            if let (producer, artefact) = source.producer(of: name) {
                let connection = "#connection-\(Self.segment(name))-\(Self.segment(stage))"
                add(["@id": .string(connection), "@type": "ParameterConnection",
                     "sourceParameter": Self.ref(Self.parameterID(producer.record.stage, "out", artefact.name)),
                     "targetParameter": Self.ref(id)])
                connections.append(connection)
            }
        }
        for leaf in components.parameters {
            let id = Self.parameterID(stage, "param", leaf.dottedPath)
            inputs.append(id)
            add(["@id": .string(id), "@type": "FormalParameter", "additionalType": .string(Self.additionalType(leaf.value)),
                 "name": .string(leaf.dottedPath), "valueRequired": false])
        }
        var outputs: [String] = []
        for artefact in record.artefacts {
            let id = Self.parameterID(stage, "out", artefact.name)
            outputs.append(id)
            add(["@id": .string(id), "@type": "FormalParameter", "additionalType": "File", "name": .string(artefact.name),
                 "description": .string(artefact.role == .log ? "the command's \(artefact.name) (a log)" : "output \(artefact.name)")])
        }
        var entity: [String: CanonicalJSON] = [
            "@id": .string(tool), "@type": "SoftwareApplication", "name": .string(stage),
            "input": Self.refs(inputs), "output": Self.refs(outputs),
        ]
        if components.kind == "command" {
            entity["description"] = .string("External method (version \(components.kindVersion) of the command runner): "
                                             + (components.command ?? ""))
            var code: [String] = []
            for (path, digest) in components.code.sorted(by: { $0.key < $1.key }) {
                code.append(try addCode(path: path, digest: digest))
            }
            if !code.isEmpty { entity["hasPart"] = Self.refs(code) }
        } else {
            entity["description"] = .string("Built-in stage kind \(components.kind), version \(components.kindVersion), of Toets")
            entity["softwareVersion"] = .string(String(components.kindVersion))
            entity["isPartOf"] = Self.ref("#toets")
        }
        add(entity)
        return (tool, connections)
    }

    /// A declared code file: copied into the crate if the file at the pipeline root still has
    /// the digest the step recorded, otherwise described by name and digest only.
    mutating func addCode(path: String, digest: Digest) throws -> String {
        let root = FileSystem.parentDirectory(of: run.pipelineFile)
        let id = "code/" + path.split(separator: "/").map { Self.segment(String($0)) }.joined(separator: "/")
        if graph.contains(where: { $0["@id"]?.stringValue == id || $0["@id"]?.stringValue == "#" + id }) {
            return graph.contains(where: { $0["@id"]?.stringValue == id }) ? id : "#" + id
        }
        let candidates = [root + "/" + path] + pipelineRootCandidates().map { $0 + "/" + path }
        if let file = candidates.first(where: { FileSystem.isRegularFile($0) && (try? FileSystem.digest(ofFile: $0).digest) == digest }) {
            try write(try FileSystem.readSmallFile(file), to: "code/" + path)
            hasPart.append(id)
            add(["@id": .string(id), "@type": .array(["File", "SoftwareSourceCode"]), "name": .string(path),
                 "sha256": .string(digest.hex)])
            return id
        }
        add(["@id": .string("#" + id), "@type": "SoftwareSourceCode", "name": .string(path), "sha256": .string(digest.hex),
             "description": "Declared code of an external method; not included (the file now differs from what ran)."])
        return "#" + id
    }

    /// The pipeline's `root:` folder: the pipeline file's folder and its parents (a `root: ..`
    /// is not recorded, so each parent is tried, and only a file with the recorded digest counts).
    func pipelineRootCandidates() -> [String] {
        var folders: [String] = []
        var folder = FileSystem.parentDirectory(of: run.pipelineFile)
        for _ in 0..<3 {
            folder = FileSystem.parentDirectory(of: folder)
            folders.append(folder)
        }
        return folders
    }

    static func additionalType(_ canonicalValue: String) -> String {
        switch canonicalValue.first {
        case "\"": "Text"
        case "t", "f": "Boolean"
        case "[", "{": "PropertyValue"
        case "n": "Text"
        default: canonicalValue.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) ? "Float" : "Integer"
        }
    }

    // MARK: Actions

    mutating func addAction(_ step: RunProvenance.Step, tool: String) throws -> String {
        let record = step.record
        let stage = record.stage
        let action = "#action-" + Self.segment(stage)
        var objects: [String] = []
        for (name, digest) in record.components.inputs.sorted(by: { $0.key < $1.key }) {
            if let (producer, artefact) = source.producer(of: name) {
                objects.append(Self.artefactID(stage: producer.record.stage, name: artefact.name))
            } else {
                // An input whose producer is not in this run cannot be copied; name it by digest.
                let id = "#input-\(Self.segment(stage))-\(Self.segment(name))"
                add(["@id": .string(id), "@type": "PropertyValue", "name": .string(name), "value": .string("sha256:" + digest.hex),
                     "exampleOfWork": Self.ref(Self.parameterID(stage, "in", name))])
                objects.append(id)
            }
        }
        for leaf in record.components.parameters {
            let id = "#value-\(Self.segment(stage))-\(Self.segment(leaf.dottedPath))"
            let value: CanonicalJSON = switch Self.additionalType(leaf.value) {
            case "Text" where leaf.value.hasPrefix("\""): (try? CanonicalJSON(parsing: Array(leaf.value.utf8))) ?? .string(leaf.value)
            case "Integer", "Float", "Boolean": (try? CanonicalJSON(parsing: Array(leaf.value.utf8))) ?? .string(leaf.value)
            default: .string(leaf.value)
            }
            add(["@id": .string(id), "@type": "PropertyValue", "name": .string(leaf.dottedPath), "value": value,
                 "exampleOfWork": Self.ref(Self.parameterID(stage, "param", leaf.dottedPath))])
            objects.append(id)
        }
        var results: [String] = []
        for artefact in record.artefacts {
            let id = Self.artefactID(stage: stage, name: artefact.name)
            try copy(artefact.digest, to: "artefacts/\(stage)/\(artefact.name)")
            hasPart.append(id)
            var examples = [Self.parameterID(stage, "out", artefact.name)]
            for consumer in source.steps where consumer.record.components.inputs[stage + "." + artefact.name] != nil {
                examples.append(Self.parameterID(consumer.record.stage, "in", stage + "." + artefact.name))
            }
            if source.finalOutputs.contains(where: { $0.stage == stage && $0.artefact.name == artefact.name }) {
                examples.append(Self.parameterID("pipeline", "out", stage + "." + artefact.name))
            }
            add(["@id": .string(id), "@type": "File", "name": .string(artefact.name), "sha256": .string(artefact.digest.hex),
                 "encodingFormat": .string(Self.mediaType(artefact.name, log: artefact.role == .log)),
                 "contentSize": .string(String(artefact.size)), "exampleOfWork": Self.refs(examples),
                 "description": .string("\(artefact.role == .log ? "log" : "output") \(artefact.name) of stage \(stage)")])
            results.append(id)
        }
        var entity: [String: CanonicalJSON] = [
            "@id": .string(action), "@type": "CreateAction", "name": .string("stage \(stage) in run \(run.id)"),
            "instrument": Self.ref(tool), "object": Self.refs(objects), "result": Self.refs(results),
            "description": .string("\(record.status.rawValue): \(record.reason)"),
            "actionStatus": .string(Self.actionStatus(record.status)),
            "identifier": .string("cache key sha256:" + record.key.hex),
        ]
        if let started = record.startedAt { entity["startTime"] = Self.time(started) }
        if let ended = record.endedAt { entity["endTime"] = Self.time(ended) }
        if record.status == .failed || record.status == .interrupted { entity["error"] = .string(record.reason) }
        add(entity)
        return action
    }

    /// A media type guessed from an artefact's name; Toets's own formats by their usual names.
    static func mediaType(_ name: String, log: Bool) -> String {
        if log { return "text/plain" }
        let lower = name.lowercased()
        let table: [(String, String)] = [
            (".csv", "text/csv"), (".json", "application/json"), (".ndjson", "application/x-ndjson"),
            (".jsonl", "application/x-ndjson"), (".gz", "application/gzip"), (".zip", "application/zip"),
            (".txt", "text/plain"), (".graphml", "application/graphml+xml"), (".yaml", "application/yaml"),
            (".html", "text/html"), (".pdf", "application/pdf"), (".md", "text/markdown"),
        ]
        if let match = table.first(where: { lower.hasSuffix($0.0) }) { return match.1 }
        switch lower {
        case "posts", "quarantine", "evidence": return "application/x-ndjson"
        case "detections", "labels": return "text/csv"
        case "report": return "application/json"
        default: return "application/octet-stream"
        }
    }

    static func actionStatus(_ status: StepStatus) -> String {
        switch status {
        case .executed, .cached: "http://schema.org/CompletedActionStatus"
        case .failed, .interrupted: "http://schema.org/FailedActionStatus"
        case .running: "http://schema.org/ActiveActionStatus"
        case .skipped: "http://schema.org/PotentialActionStatus"
        }
    }

    mutating func addWorkflow(tools: [String], steps: [String], connections: [String]) throws {
        var outputs: [String] = []
        var workflowConnections = connections
        for (stage, artefact) in source.finalOutputs {
            let id = Self.parameterID("pipeline", "out", stage + "." + artefact.name)
            outputs.append(id)
            add(["@id": .string(id), "@type": "FormalParameter", "additionalType": "File",
                 "name": .string(stage + "." + artefact.name)])
            let connection = "#connection-\(Self.segment(stage + "." + artefact.name))-pipeline"
            add(["@id": .string(connection), "@type": "ParameterConnection",
                 "sourceParameter": Self.ref(Self.parameterID(stage, "out", artefact.name)),
                 "targetParameter": Self.ref(id)])
            workflowConnections.append(connection)
        }
        add(["@id": .string(pipelineFileName), "@type": .array(["File", "SoftwareSourceCode", "ComputationalWorkflow", "HowTo"]),
             "name": .string(run.pipeline), "programmingLanguage": Self.ref("#toets-pipeline-language"),
             "sha256": .string(run.pipelineDigest.hex), "encodingFormat": "application/yaml",
             "output": Self.refs(outputs), "hasPart": Self.refs(tools), "step": Self.refs(steps),
             "connection": Self.refs(workflowConnections)])
    }

    mutating func addRunActions(controls: [String]) throws {
        let runAction = "#run-\(run.id)"
        let sources = source.steps.filter { $0.record.components.kind == "source" }.flatMap { step in
            step.record.outputs.map { Self.artefactID(stage: step.record.stage, name: $0.name) }
        }
        let results = source.finalOutputs.map { Self.artefactID(stage: $0.stage, name: $0.artefact.name) }
        var entity: [String: CanonicalJSON] = [
            "@id": .string(runAction), "@type": "CreateAction", "name": .string("run \(run.id) of pipeline \(run.pipeline)"),
            "instrument": Self.ref(pipelineFileName), "object": Self.refs(sources), "result": Self.refs(results),
            "startTime": Self.time(run.startedAt), "description": .string("toets command: \(run.command)"),
            "actionStatus": .string(run.status == .succeeded ? "http://schema.org/CompletedActionStatus"
                                    : "http://schema.org/FailedActionStatus"),
        ]
        if let ended = run.endedAt { entity["endTime"] = Self.time(ended) }
        add(entity)
        var organize: [String: CanonicalJSON] = [
            "@id": .string("#organize-\(run.id)"), "@type": "OrganizeAction",
            "name": .string("Toets orchestrating run \(run.id)"), "instrument": Self.ref("#toets"),
            "object": Self.refs(controls), "result": Self.ref(runAction), "startTime": Self.time(run.startedAt),
        ]
        if let ended = run.endedAt { organize["endTime"] = Self.time(ended) }
        add(organize)
    }

    /// The run's DSSE envelopes, its checkpoint and the public keys that signed, so the crate
    /// can be checked on its own.
    mutating func addStatements() throws {
        var keyIDs: Set<String> = []
        for step in source.steps {
            guard let entry = step.entry, let position = step.position else { continue }
            let id = "provenance/\(Self.segment(step.record.stage)).dsse.json"
            try write(Array(entry.envelope.json.prettyText.utf8), to: "provenance/\(step.record.stage).dsse.json")
            hasPart.append(id)
            add(["@id": .string(id), "@type": "File", "name": .string("statement of stage \(step.record.stage)"),
                 "encodingFormat": "application/vnd.in-toto+json",
                 "description": .string("DSSE envelope of the in-toto statement of stage \(step.record.stage), log entry "
                                        + "\(position); " + (entry.envelope.signatures.isEmpty ? "unsigned"
                                                             : "signed with Ed25519 key "
                                                             + entry.envelope.signatures.map(\.keyID).joined(separator: ", "))),
                 "about": Self.ref("#action-" + Self.segment(step.record.stage))])
            entry.envelope.signatures.forEach { keyIDs.insert($0.keyID) }
        }
        if let checkpoint = source.checkpointText {
            try write(checkpoint, to: "provenance/checkpoint.txt")
            hasPart.append("provenance/checkpoint.txt")
            add(["@id": "provenance/checkpoint.txt", "@type": "File", "name": "checkpoint of the provenance log after the run",
                 "encodingFormat": "text/plain"])
        }
        let keys = ProvenancePaths(workspaceRoot: source.workspace.root).keys
        for id in keyIDs.sorted() where FileSystem.isRegularFile(keys + "/" + id + ".pub") {
            let relative = "provenance/keys/\(id).pub"
            try write(try FileSystem.readSmallFile(keys + "/" + id + ".pub"), to: relative)
            hasPart.append(relative)
            add(["@id": .string(relative), "@type": "File", "name": .string("public key \(id)"), "encodingFormat": "text/plain",
                 "description": .string("Ed25519 public key (base64) as stored in the workspace; trust it only if it "
                                        + "matches the key the signer published.")])
        }
    }
}
