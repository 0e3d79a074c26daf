import Foundation
import ToetsIngest
import ToetsRunner
import ToetsScoring
import ToetsStore

/// After a run, what the reader must not miss in the stages' stored reports, whether the stages
/// ran or were reused: what each ingest stage read per archive (posts, quarantined, skipped,
/// refused) and which posts have no platform; each score stage's warnings (a method whose
/// declared operating point flags nothing on these data).
func printRunNotes(_ summary: RunSummary, plan: Plan, workspace: Workspace) {
    for stage in plan.stages {
        switch stage.kind {
        case IngestStage().kind:
            guard let data = storedArtefact("report", of: stage.name, in: summary, workspace: workspace),
                  let report = try? JSONDecoder().decode(IngestReport.self, from: data) else { continue }
            for line in IngestReport.consoleLines(report) { writeOut("\(stage.name): " + line) }
        case ScoreStage().kind:
            guard let data = storedArtefact("summary.txt", of: stage.name, in: summary, workspace: workspace) else { continue }
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("WARNING: ") {
                writeError("\(stage.name): " + line)
            }
        default:
            continue
        }
    }
}

private func storedArtefact(_ name: String, of stage: String, in summary: RunSummary, workspace: Workspace) -> Data? {
    guard let artefact = summary.stages.first(where: { $0.stage == stage })?.artefacts.first(where: { $0.name == name })
    else { return nil }
    return FileManager.default.contents(atPath: workspace.store.path(of: artefact.digest))
}
