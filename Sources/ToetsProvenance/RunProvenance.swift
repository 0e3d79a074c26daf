import ToetsModel
import ToetsStore

/// A run as the exports describe it: its record, its steps in order, the log entry of each
/// step's statement, and which step made each artefact.
struct RunProvenance {
    struct Step {
        var record: StepRecord
        /// The step's log entry, if it has one.
        var entry: LogEntry?
        var entryLine: [UInt8]?
        var position: Int?
    }

    var workspace: Workspace
    var run: RunRecord
    var steps: [Step]
    var tool: ToolIdentity
    /// The checkpoint written after the run, if any.
    var checkpointText: [UInt8]?

    /// Loads run `id`, or the newest run.
    init(workspace: Workspace, run id: Int64?) throws {
        self.workspace = workspace
        if let id {
            guard let run = try workspace.index.run(id) else { throw ProvenanceError.noRun(id) }
            self.run = run
        } else {
            guard let newest = try workspace.index.runs(limit: 1).first else { throw ProvenanceError.noRun(nil) }
            run = newest
        }
        let paths = ProvenancePaths(workspaceRoot: workspace.root)
        let file = try LogFile.read(paths.log)
        var byStage: [String: (LogEntry, [UInt8], Int)] = [:]
        var toolFound: ToolIdentity?
        for (position, line) in file.lines.enumerated() {
            // Step statements only (a publication's entry names its report stage too), by stage,
            // which is unique in a run (a rebuilt index may number steps anew).
            guard let entry = try? LogEntry(line: line.bytes), entry.run == run.id,
                  let content = try? StatementContent(payload: entry.envelope.payload) else { continue }
            byStage[entry.stage] = (entry, line.bytes, position)
            if toolFound == nil, let tool = content.predicate["tool"], let version = tool["version"]?.stringValue {
                toolFound = ToolIdentity(name: tool["name"]?.stringValue ?? "toets", version: version,
                                         commit: tool["commit"]?.stringValue ?? "unknown")
            }
        }
        steps = try workspace.index.steps(run: run.id).map {
            Step(record: $0, entry: byStage[$0.stage]?.0, entryLine: byStage[$0.stage]?.1, position: byStage[$0.stage]?.2)
        }
        tool = toolFound ?? ToolIdentity(version: run.toolVersion, commit: "unknown")
        checkpointText = try? FileSystem.readSmallFile(paths.checkpoint(run: run.id))
    }

    /// Steps that produced their artefacts in this run, by executing or reusing.
    var stepsWithOutputs: [Step] { steps.filter { $0.record.status.hasOutputs } }

    /// Input names (`stage.artefact`) of a step that no other step of the run needs: the
    /// pipeline's results.
    var finalOutputs: [(stage: String, artefact: StepArtefact)] {
        let consumed = Set(steps.flatMap { $0.record.components.inputs.keys })
        return stepsWithOutputs.flatMap { step in
            step.record.outputs.filter { !consumed.contains(step.record.stage + "." + $0.name) }
                .map { (step.record.stage, $0) }
        }
    }

    /// The step of this run whose output `name` (`stage.artefact`) is.
    func producer(of input: String) -> (Step, StepArtefact)? {
        for step in steps {
            for artefact in step.record.outputs where step.record.stage + "." + artefact.name == input {
                return (step, artefact)
            }
        }
        return nil
    }
}

extension CanonicalJSON {
    /// Indented JSON (two spaces, keys sorted as in the canonical form), for files people read.
    package var prettyText: String {
        var out = ""
        write(pretty: &out, indent: "")
        return out + "\n"
    }

    private func write(pretty out: inout String, indent: String) {
        switch self {
        case .array(let items) where !items.isEmpty:
            out += "[\n"
            for (position, item) in items.enumerated() {
                out += indent + "  "
                item.write(pretty: &out, indent: indent + "  ")
                out += position == items.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let members) where !members.isEmpty:
            out += "{\n"
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (position, key) in keys.enumerated() {
                out += indent + "  " + CanonicalJSON.string(key).text + ": "
                members[key]!.write(pretty: &out, indent: indent + "  ")
                out += position == keys.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        default:
            out += text
        }
    }
}
