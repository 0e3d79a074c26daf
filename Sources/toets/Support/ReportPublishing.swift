import ToetsModel
import ToetsProvenance
import ToetsReport
import ToetsStore

/// After a run, the copy of its reports for people: each report step's documents, with the
/// run's tool version and commit, command, machine, artefacts and times added to the
/// reproducibility annex (`ReportPublication`), under `<reports>/<pipeline>/run-<id>/` (or
/// `run-<id>-<stage>/` when a pipeline has several report stages). Returns the folders written.
func publishReports(run runID: Int64, workspace: Workspace, into reports: String) throws -> [String] {
    let index = workspace.index
    guard let run = try index.run(runID) else { return [] }
    let steps = try index.steps(run: runID)
    let reportSteps = steps.filter { $0.kind == ReportStage().kind && $0.status.hasOutputs }
    guard !reportSteps.isEmpty else { return [] }
    let facts = ReproducibilityFacts(
        toolVersion: run.toolVersion, commit: ToolIdentity.current().commit, command: run.command,
        hardware: MachineFacts.current(), seeds: [],
        inputs: steps.flatMap { step in step.components.files.map { NamedDigest($0.key, $0.value) } },
        outputs: steps.filter(\.status.hasOutputs).flatMap { step in
            step.artefacts.filter { $0.role == .output }.map { NamedDigest(step.stage + "." + $0.name, $0.digest) }
        }.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) },
        timings: try steps.compactMap { step in try timing(of: step, index: index) })
    var folders: [String] = []
    for step in reportSteps {
        guard let stored = step.artefacts.first(where: { $0.name == ReportBundle.inputFileName }) else { continue }
        let folder = reports + "/" + run.pipeline + "/run-\(runID)" + (reportSteps.count > 1 ? "-" + step.stage : "")
        let pdf = step.artefacts.contains { $0.name.hasSuffix(".pdf") }
        try ReportPublication.publish(storedInput: FileSystem.readSmallFile(workspace.store.path(of: stored.digest)),
                                      run: facts, pdf: pdf, renderer: PDFRenderer(), to: folder)
        folders.append(folder)
    }
    return folders
}

/// How long `step` took: its own time if it executed in this run, else that of the run that
/// executed it (a cached step reuses that run's result).
private func timing(of step: StepRecord, index: Index) throws -> StageTiming? {
    let executed = step.status == .executed ? step : try index.cachedStep(forKey: step.key)
    guard step.status.hasOutputs, let executed, let start = executed.startedAt, let end = executed.endedAt,
          let seconds = Timestamp.seconds(from: start, to: end) else { return nil }
    return StageTiming(stage: step.stage, seconds: seconds, cached: step.status == .cached)
}
