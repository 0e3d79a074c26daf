import Foundation
import ToetsModel
import ToetsStore

/// Builds the graph of one crate and copies its files.
struct CrateBuilder {
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
}
