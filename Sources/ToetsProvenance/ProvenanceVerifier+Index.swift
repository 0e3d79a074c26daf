import ToetsModel
import ToetsStore

extension ProvenanceVerifier {
    /// The index against the log, both ways, for every run. Each step the index records with
    /// outputs has a statement in the log, under the same key and signing the same artefacts;
    /// each statement's run and step are in the index, unless `toets gc` deleted the run; and
    /// the index has issued every run number the log and the checkpoints use, so that none is
    /// issued twice.
    func checkIndex(entries: [ReadEntry], tree: MerkleTree, report: inout ProvenanceReport) throws {
        let index = workspace.index
        let runs = try index.runs(limit: Int.max)
        let known = Set(runs.map(\.id))
        let forgotten = try index.forgottenRuns()
        let statements = Dictionary(grouping: entries.filter { $0.content != nil }) { $0.entry.run }

        var deletedByGC: [Int64] = []
        for run in statements.keys.sorted() where !known.contains(run) {
            let reads = statements[run]!
            if forgotten.contains(run) {
                deletedByGC.append(run)
                continue
            }
            report.fail(.index, "the log holds \(reads.count) statement\(reads.count == 1 ? "" : "s") of run \(run) (entries "
                        + "\(reads.first!.position)–\(reads.last!.position)), but the index has no run \(run) and gc did not "
                        + "delete one: the index lost it")
        }
        report.forgottenRuns = deletedByGC.count
        if !deletedByGC.isEmpty {
            report.notes.append("\(deletedByGC.count) run\(deletedByGC.count == 1 ? "" : "s") deleted from the index by gc "
                                + "(\(ranges(deletedByGC))) keep their statements in the log")
        }
        let issued = try index.lastIssuedRun()
        let highest = max(entries.map(\.entry.run).max() ?? 0, paths.highestCheckpointRun)
        if highest > issued {
            report.fail(.index, "the log or its checkpoints name run \(highest), but the index has issued run numbers only up "
                        + "to \(issued): it lost runs, and would number new runs again from \(issued + 1)")
        }

        for run in runs.sorted(by: { $0.id < $1.id }) {
            let steps = try index.steps(run: run.id)
            let reads = statements[run.id] ?? []
            // A run still going logs each step's statement just after the index records the step.
            if run.status == .running {
                report.notes.append("run \(run.id) is still running (or was killed and not yet followed by another run): "
                                    + "its steps were not checked against the log")
                continue
            }
            // Matched by stage, which is unique in a run (a rebuilt index may number steps anew).
            for step in steps where step.status.hasOutputs && !reads.contains(where: { $0.content?.stage == step.stage }) {
                report.fail(.index, "run \(run.id) stage '\(step.stage)' (\(step.status.rawValue)) has no statement in the log"
                            + (run.status == .interrupted ? " (its run was killed before logging it; the next run logs it)" : ""))
            }
            for read in reads {
                compare(read, with: steps.first { $0.stage == read.content?.stage }, run: run.id, report: &report)
            }
        }
    }

    /// One statement against the step the index records under its step number.
    private func compare(_ read: ReadEntry, with step: StepRecord?, run: Int64, report: inout ProvenanceReport) {
        guard let content = read.content else { return }
        guard let step else {
            report.fail(.index, "\(read.location): the index has no step of stage '\(content.stage)' in run \(run): it lost "
                        + "the step")
            return
        }
        if let key = content.cacheKey, key != step.key {
            report.fail(.index, "run \(run) stage '\(step.stage)': the index records cache key \(step.key.short), the signed "
                        + "statement in entry \(read.position) \(key.short): a reused result would not be what was signed")
        }
        for subject in content.subjects {
            let name = content.artefactName(subject)
            if let recorded = step.artefacts.first(where: { $0.name == name }), recorded.digest != subject.digest {
                report.fail(.index, "run \(run) stage '\(content.stage)' artefact '\(name)' (sha256 \(subject.digest.short)): "
                            + "the index records it as \(recorded.digest.short), unlike the signed statement in entry "
                            + "\(read.position)")
            }
        }
        let signed = Set(content.subjects.map { content.artefactName($0) })
        for artefact in step.artefacts where !signed.contains(artefact.name) {
            report.fail(.index, "run \(run) stage '\(content.stage)': the index records artefact '\(artefact.name)', which the "
                        + "statement in entry \(read.position) does not sign")
        }
    }
}

/// "1–3, 5": numbers as ranges.
func ranges(_ numbers: [Int64]) -> String {
    var parts: [String] = []
    var start: Int64?
    var previous: Int64?
    for number in numbers.sorted() + [Int64.max] {
        if let last = previous, number == last + 1 {
            previous = number
            continue
        }
        if let first = start, let last = previous { parts.append(first == last ? "\(first)" : "\(first)–\(last)") }
        start = number
        previous = number
    }
    return parts.joined(separator: ", ")
}
