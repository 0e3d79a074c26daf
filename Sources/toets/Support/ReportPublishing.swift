import Synchronization
import ToetsModel
import ToetsProvenance
import ToetsReport
import ToetsStore

/// After a run, the copy of its reports for people: each report step's documents, with the
/// run's tool version and commit, command, machine, artefacts and times added to the
/// reproducibility annex (`ReportPublication`), under `<reports>/<pipeline>/run-<id>/` (or
/// `run-<id>-<stage>/` when a pipeline has several report stages), never over an existing
/// folder. Returns what was published, file by file, for the provenance log.
func publishReports(run: RunRecord, workspace: Workspace, into reports: String) throws -> [Publication] {
    let index = workspace.index
    let runID = run.id
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
    var publications: [Publication] = []
    for step in reportSteps {
        guard let stored = step.artefacts.first(where: { $0.name == ReportBundle.inputFileName }) else { continue }
        let name = run.pipeline + "/run-\(runID)" + (reportSteps.count > 1 ? "-" + step.stage : "")
        let folder = reports + "/" + name
        let pdf = step.artefacts.contains { $0.name.hasSuffix(".pdf") }
        do {
            try FileSystem.makeDirectory(FileSystem.parentDirectory(of: folder))
            try ReportPublication.publish(storedInput: FileSystem.readSmallFile(workspace.store.path(of: stored.digest)),
                                          run: facts, pdf: pdf, renderer: PDFRenderer(), to: folder)
        } catch ReportError.diskFull(let path) {
            throw StoreError.diskFull(operation: "publishing the reports", path: path,
                                      free: FileSystem.freeBytes(near: path), needed: nil)
        }
        publications.append(try Publication.reading(stage: step.stage, step: step.id, name: name, location: folder))
    }
    return publications
}

/// The highest run number among the published folders of `pipeline` under `reports`
/// (`run-7`, `run-7-report`); 0 if none. A new run gets a higher number, so that it never
/// publishes over an older folder, also one a deleted workspace left behind.
func highestPublishedRun(pipeline: String, reports: String) -> Int64 {
    let names = (try? FileSystem.contents(of: reports + "/" + pipeline)) ?? []
    return names.compactMap { name -> Int64? in
        guard name.hasPrefix("run-") else { return nil }
        return Int64(name.dropFirst(4).prefix { $0.isNumber })
    }.max() ?? 0
}

/// How long `step` took: its own time if it executed in this run, else that of the run that
/// executed it (a cached step reuses that run's result).
private func timing(of step: StepRecord, index: Index) throws -> StageTiming? {
    let executed = step.status == .executed ? step : try index.cachedStep(forKey: step.key)
    guard step.status.hasOutputs, let executed, let start = executed.startedAt, let end = executed.endedAt,
          let seconds = Timestamp.seconds(from: start, to: end) else { return nil }
    return StageTiming(stage: step.stage, seconds: seconds, cached: step.status == .cached)
}

/// What the publisher of a run did, told to the command after the run.
final class PublishedReports: Sendable {
    private let state = Mutex<(folders: [String], failure: (any Error)?)>(([], nil))

    /// Runs `publish`, keeping the folders it published, or its error (rethrown, so that no
    /// publication is logged).
    func publish(_ publish: () throws -> [Publication]) throws -> [Publication] {
        do {
            let publications = try publish()
            state.withLock { $0.folders = publications.map(\.location) }
            return publications
        } catch {
            state.withLock { $0.failure = error }
            throw error
        }
    }

    var outcome: (folders: [String], failure: (any Error)?) { state.withLock { ($0.folders, $0.failure) } }
}

/// Why the reports were not published, and what to do.
func publicationAdvice(_ error: any Error) -> String {
    switch error {
    case ReportError.folderExists(let path):
        "\(path) exists already (from another workspace?), and a published folder is never overwritten. Move it away, "
            + "or publish elsewhere with --reports DIR, and run again: every stage is reused."
    case let error as StoreError:
        error.description + (advice(for: error).map { ". " + $0 } ?? "")
    default:
        "\(error). Run again once that is mended: every stage is reused, and the reports are published with the new run."
    }
}
