import Foundation
import ToetsModel
import ToetsStore

/// The actions of a crate: one per step, the run's, and the orchestration; and the signed
/// statements that back them.
extension CrateBuilder {
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
