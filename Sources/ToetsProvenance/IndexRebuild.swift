import ToetsModel
import ToetsStore

/// Rebuilds a workspace's lost or damaged index from what it cannot lose without `toets verify`
/// noticing: the signed provenance log, its checkpoints and the objects in the store.
///
/// Every step statement becomes a step under its own run and step number, with its key and key
/// components (so the cache and `toets explain` work as before), inputs, artefacts and log
/// entry. A run is `succeeded` if its checkpoint was written and no step failed, `failed` if a
/// step failed, `interrupted` without a checkpoint. A run with artefacts none of which the
/// store still has is recorded as deleted by gc. What the log does not hold is lost: steps
/// that were skipped or failed before they started, the command line, the pipeline file.
package struct IndexRebuild {
    package var root: String

    package init(workspaceRoot: String) {
        root = FileSystem.absolute(workspaceRoot)
    }

    /// What the rebuild restored and what it could not.
    package struct Outcome: Sendable {
        package var runs = 0
        package var steps = 0
        package var deletedByGC: [Int64] = []
        /// Where the old index was kept, if there was one.
        package var keptOldIndex: String?
        /// Log lines that were not step statements that could be read, by position and why.
        package var skipped: [String] = []
    }

    /// Builds the new index and puts it in place of the old, which is kept. Call while holding
    /// the workspace lock.
    package func rebuild() throws -> Outcome {
        let paths = ProvenancePaths(workspaceRoot: root)
        let store = ObjectStore(root: root)
        var outcome = Outcome()
        var steps: [Index.RestoredStep] = []
        var stages: Set<String> = []
        var facts: [Int64: RunFacts] = [:]
        for (position, line) in try LogFile.read(paths.log).lines.enumerated() {
            do {
                let entry = try LogEntry(line: line.bytes)
                if PublicationStatement.isPublication(entry.envelope.payload) { continue }
                let content = try StatementContent(payload: entry.envelope.payload)
                guard stages.insert("\(entry.run)/\(content.stage)").inserted else {
                    outcome.skipped.append("entry \(position): run \(entry.run) stage '\(content.stage)' was already restored "
                                           + "from an earlier entry")
                    continue
                }
                steps.append(try restoredStep(entry, content, position: position, store: store))
                if facts[entry.run] == nil { facts[entry.run] = RunFacts(content.predicate) }
            } catch {
                outcome.skipped.append("entry \(position): \(error)")
            }
        }
        // Step numbers are unique in an index; an index from before they were never reused may
        // have logged one number for steps of two runs: the later gets a fresh number.
        var numbers: Set<Int64> = []
        var next = steps.map(\.step.id).max() ?? 0
        for position in steps.indices where !numbers.insert(steps[position].step.id).inserted {
            next += 1
            steps[position].step.id = next
            steps[position].entry.stepID = next
            numbers.insert(next)
        }
        let byRun = Dictionary(grouping: steps) { $0.step.runID }
        var runs: [RunRecord] = []
        for (id, restored) in byRun.sorted(by: { $0.key < $1.key }) {
            let artefacts = restored.flatMap(\.step.artefacts)
            if !artefacts.isEmpty && !artefacts.contains(where: { store.contains($0.digest) }) {
                outcome.deletedByGC.append(id)
                continue
            }
            runs.append(run(id, restored.map(\.step), facts: facts[id]!, checkpointed: FileSystem.exists(paths.checkpoint(run: id))))
        }
        let kept = Set(runs.map(\.id))
        let restored = steps.filter { kept.contains($0.step.runID) }
        let lastIssued = (run: max(byRun.keys.max() ?? 0, paths.highestCheckpointRun), step: next)
        outcome.keptOldIndex = try Workspace.replaceIndex(root: root) { index in
            try index.restore(runs: runs, steps: restored, forgotten: outcome.deletedByGC, lastIssued: lastIssued) { digest in
                store.size(of: digest) ?? 0
            }
        }
        outcome.runs = runs.count
        outcome.steps = restored.count
        return outcome
    }

    private func restoredStep(_ entry: LogEntry, _ content: StatementContent, position: Int, store: ObjectStore) throws
        -> Index.RestoredStep {
        let predicate = content.predicate
        func digests(_ field: String, _ digestField: String = "digest") -> [String: Digest] {
            var result: [String: Digest] = [:]
            for item in predicate[field]?.arrayValue ?? [] {
                if let name = item["name"]?.stringValue, let digest = item[digestField]?.sha256 { result[name] = digest }
            }
            return result
        }
        let components = KeyComponents(
            kind: content.kind, kindVersion: content.kindVersion, parameters: Self.leaves(predicate["parameters"] ?? .object([:])),
            inputs: digests("inputs"), files: digests("files"), code: digests("code"), command: predicate["command"]?.stringValue,
            environment: digests("environment", "valueDigest"),
            keyIDs: predicate["keyIds"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            sandbox: predicate["sandbox"]?["view"]?.stringValue,
            postFields: predicate["postFields"]?.arrayValue?.compactMap(\.stringValue), image: predicate["image"]?.stringValue)
        guard let key = content.cacheKey else { throw EnvelopeProblem("its statement has no cache key") }
        let logs = Set(predicate["logs"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        let artefacts = content.subjects.map { subject in
            let name = content.artefactName(subject)
            return StepArtefact(name: name, digest: subject.digest, size: store.size(of: subject.digest) ?? 0,
                                role: logs.contains(name) ? .log : .output)
        }
        var reason = "restored from provenance log entry \(position)"
        if let origin = content.reusedFrom { reason += ": reused the result of run \(origin.run)" }
        let step = StepRecord(
            id: entry.step, runID: entry.run, stage: content.stage, kind: content.kind, key: key, components: components,
            status: StepStatus(rawValue: content.status) ?? .interrupted, reason: reason,
            startedAt: predicate["startedOn"]?.stringValue, endedAt: predicate["finishedOn"]?.stringValue,
            exitCode: predicate["exitStatus"]?.intValue.map { Int($0) }, artefacts: artefacts)
        return Index.RestoredStep(step: step, entry: ProvenanceEntryRecord(
            stepID: entry.step, logIndex: position, statementDigest: Digest.sha256(of: entry.envelope.payload)))
    }

    /// What a run's statements say of the run itself.
    private struct RunFacts {
        var pipeline: String
        var pipelineDigest: Digest
        var toolVersion: String

        init(_ predicate: CanonicalJSON) {
            pipeline = predicate["pipeline"]?["name"]?.stringValue ?? ""
            pipelineDigest = predicate["pipeline"]?["digest"]?.sha256 ?? Digest.sha256(of: [])
            toolVersion = predicate["tool"]?["version"]?.stringValue ?? "unknown"
        }
    }

    /// The run as far as its statements tell it.
    private func run(_ id: Int64, _ steps: [StepRecord], facts: RunFacts, checkpointed: Bool) -> RunRecord {
        let failed = steps.contains { $0.status == .failed || $0.status == .interrupted }
        return RunRecord(
            id: id, pipeline: facts.pipeline, pipelineFile: "", pipelineDigest: facts.pipelineDigest,
            command: "(not in the provenance log: restored from it)", toolVersion: facts.toolVersion,
            startedAt: steps.compactMap(\.startedAt).min() ?? "", endedAt: steps.compactMap(\.endedAt).max(),
            status: !checkpointed ? .interrupted : failed ? .failed : .succeeded)
    }

    /// The parameter leaves a statement's parameter tree was built from (`StepStatement.parameters`
    /// the other way round): a non-empty object is descended into, anything else is a leaf.
    static func leaves(_ tree: CanonicalJSON, under path: [String] = []) -> [ParameterLeaf] {
        guard let members = tree.objectValue, !members.isEmpty else { return [ParameterLeaf(path: path, value: tree.text)] }
        return members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.flatMap { leaves(members[$0]!, under: path + [$0]) }
    }
}
