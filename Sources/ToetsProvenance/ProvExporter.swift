import ToetsModel
import ToetsStore

/// A run as W3C PROV-JSON: the run and each step as activities, every artefact as an entity
/// (identified by its SHA-256), `used` and `wasGeneratedBy` along the steps' inputs and outputs,
/// `wasDerivedFrom` from each output to its step's inputs, `wasInformedBy` along `needs`, and
/// Toets (with version and commit) and the signing keys as agents.
package struct ProvExporter {
    package var workspace: Workspace
    package var run: Int64?

    package init(workspace: Workspace, run: Int64?) {
        self.workspace = workspace
        self.run = run
    }

    package func export() throws -> (run: Int64, document: CanonicalJSON) {
        let source = try RunProvenance(workspace: workspace, run: run)
        let run = source.run
        var entities: [String: CanonicalJSON] = [:]
        var activities: [String: CanonicalJSON] = [:]
        var agents: [String: CanonicalJSON] = [:]
        var relations: [String: [String: CanonicalJSON]] = [:]
        var counter = 0
        func relate(_ kind: String, _ members: [String: CanonicalJSON]) {
            counter += 1
            relations[kind, default: [:]]["_:\(kind)\(counter)"] = .object(members)
        }
        func artefact(_ digest: Digest) -> String { "sha256:" + digest.hex }
        func label(_ text: String) -> CanonicalJSON { .string(text) }

        let tool = "toets:toets-\(source.tool.version)"
        agents[tool] = .object(["prov:type": .object(["$": "prov:SoftwareAgent", "type": "prov:QUALIFIED_NAME"]),
                                "prov:label": label("Toets \(source.tool.version)"),
                                "toets:version": .string(source.tool.version), "toets:commit": .string(source.tool.commit)])
        let runID = "toets:run-\(run.id)"
        var runActivity: [String: CanonicalJSON] = [
            "prov:label": label("run \(run.id) of pipeline \(run.pipeline)"), "prov:startTime": .string(run.startedAt),
            "toets:status": .string(run.status.rawValue), "toets:command": .string(run.command),
        ]
        if let ended = run.endedAt { runActivity["prov:endTime"] = .string(ended) }
        activities[runID] = .object(runActivity)
        let pipeline = artefact(run.pipelineDigest)
        entities[pipeline] = .object(["prov:label": label("pipeline file \(FileSystem.lastComponent(of: run.pipelineFile))"),
                                      "toets:sha256": .string(run.pipelineDigest.hex)])
        relate("used", ["prov:activity": .string(runID), "prov:entity": .string(pipeline),
                        "prov:role": .object(["$": "toets:pipeline", "type": "prov:QUALIFIED_NAME"])])
        relate("wasAssociatedWith", ["prov:activity": .string(runID), "prov:agent": .string(tool)])

        let stepIDs = Dictionary(source.steps.map { ($0.record.stage, "toets:run-\(run.id)-" + $0.record.stage) }) { a, _ in a }
        for step in source.steps where step.record.status != .skipped {
            let record = step.record
            let activity = stepIDs[record.stage]!
            var attributes: [String: CanonicalJSON] = [
                "prov:label": label("stage \(record.stage) (\(record.components.kind) v\(record.components.kindVersion))"),
                "toets:status": .string(record.status.rawValue), "toets:kind": .string(record.components.kind),
                "toets:kindVersion": .int(Int64(record.components.kindVersion)), "toets:cacheKey": .string(record.key.hex),
            ]
            if let started = record.startedAt { attributes["prov:startTime"] = .string(started) }
            if let ended = record.endedAt { attributes["prov:endTime"] = .string(ended) }
            if let command = record.components.command { attributes["toets:command"] = .string(command) }
            if let code = record.exitCode { attributes["toets:exitStatus"] = .int(Int64(code)) }
            if let statement = step.entry.map({ Digest.sha256(of: $0.envelope.payload) }) {
                attributes["toets:statement"] = .string(statement.hex)
            }
            if let position = step.position { attributes["toets:logEntry"] = .int(Int64(position)) }
            for leaf in record.components.parameters { attributes["toets:param-" + leaf.dottedPath] = .string(leaf.value) }
            activities[activity] = .object(attributes)
            relate("wasInformedBy", ["prov:informed": .string(activity), "prov:informant": .string(runID)])
            relate("wasAssociatedWith", ["prov:activity": .string(activity), "prov:agent": .string(tool)])
            for keyID in step.entry?.envelope.signatures.map(\.keyID) ?? [] {
                let agent = "toets:key-" + keyID
                agents[agent] = .object(["prov:label": label("Ed25519 signing key \(keyID)"), "toets:keyId": .string(keyID)])
                relate("wasAttributedTo", ["prov:entity": .string(artefact(Digest.sha256(of: step.entry!.envelope.payload))),
                                           "prov:agent": .string(agent)])
                entities[artefact(Digest.sha256(of: step.entry!.envelope.payload))] = .object([
                    "prov:label": label("in-toto statement of stage \(record.stage)"),
                    "prov:type": .object(["$": "toets:Statement", "type": "prov:QUALIFIED_NAME"])])
            }
            var inputs: [String] = []
            for (name, digest) in record.components.inputs.sorted(by: { $0.key < $1.key }) {
                let entity = artefact(digest)
                inputs.append(entity)
                if entities[entity] == nil {
                    entities[entity] = .object(["prov:label": label(name), "toets:sha256": .string(digest.hex)])
                }
                relate("used", ["prov:activity": .string(activity), "prov:entity": .string(entity),
                                "prov:role": .object(["$": "toets:input", "type": "prov:QUALIFIED_NAME"]),
                                "toets:name": .string(name)])
                if let producer = source.producer(of: name), let from = stepIDs[producer.0.record.stage] {
                    relate("wasInformedBy", ["prov:informed": .string(activity), "prov:informant": .string(from)])
                }
            }
            for (path, digest) in record.components.code.merging(record.components.files, uniquingKeysWith: { a, _ in a })
                .sorted(by: { $0.key < $1.key }) {
                let entity = artefact(digest)
                if entities[entity] == nil { entities[entity] = .object(["prov:label": label(path), "toets:sha256": .string(digest.hex)]) }
                relate("used", ["prov:activity": .string(activity), "prov:entity": .string(entity),
                                "prov:role": .object(["$": record.components.code[path] != nil ? "toets:code" : "toets:file",
                                                      "type": "prov:QUALIFIED_NAME"])])
            }
            for output in record.artefacts {
                let entity = artefact(output.digest)
                entities[entity] = .object(["prov:label": label(record.stage + "." + output.name),
                                            "toets:sha256": .string(output.digest.hex), "toets:size": .int(Int64(output.size)),
                                            "toets:role": .string(output.role.rawValue)])
                relate("wasGeneratedBy", ["prov:entity": .string(entity), "prov:activity": .string(activity)])
                for input in inputs where input != entity {
                    relate("wasDerivedFrom", ["prov:generatedEntity": .string(entity), "prov:usedEntity": .string(input),
                                              "prov:activity": .string(activity)])
                }
            }
        }
        var document: [String: CanonicalJSON] = [
            "prefix": .object(["toets": "urn:toets:", "sha256": "urn:hash::sha256:"]),
            "entity": .object(entities), "activity": .object(activities), "agent": .object(agents),
        ]
        for (kind, members) in relations { document[kind] = .object(members) }
        return (run.id, .object(document))
    }
}
