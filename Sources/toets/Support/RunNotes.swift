import Foundation
import ToetsIngest
import ToetsRunner
import ToetsScoring
import ToetsStore

/// What the reader of a run must not miss in its stages' stored reports, whether the stages ran
/// or were reused: what each ingest stage read per archive (posts, quarantined, skipped, refused)
/// and which posts have no platform; each score stage's warnings (a method whose declared
/// operating point flags nothing). Printed after the run's summary, or written as `note` events
/// with `--json`.
struct RunNote: Equatable {
    var stage: String
    var level: RunEvent.Level
    var message: String
}

func runNotes(_ summary: RunSummary, plan: Plan, workspace: Workspace) -> [RunNote] {
    var notes: [RunNote] = []
    for stage in plan.stages {
        switch stage.kind {
        case IngestStage().kind:
            guard let data = storedArtefact("report", of: stage.name, in: summary, workspace: workspace),
                  let report = try? JSONDecoder().decode(IngestReport.self, from: data) else { continue }
            notes += IngestReport.consoleLines(report).map { RunNote(stage: stage.name, level: .info, message: $0) }
        case ScoreStage().kind:
            guard let data = storedArtefact("results", of: stage.name, in: summary, workspace: workspace),
                  let results = try? JSONDecoder().decode(ScoreWarnings.self, from: data) else { continue }
            for method in results.methods {
                notes += (method.warnings ?? []).compactMap { MetricNote(rawValue: $0)?.warning(method: method.name) }
                    .map { RunNote(stage: stage.name, level: .warning, message: $0) }
            }
        default:
            continue
        }
    }
    return notes
}

/// The part of a score stage's `results` that holds its warnings.
private struct ScoreWarnings: Decodable {
    struct Method: Decodable {
        var name: String
        var warnings: [String]?
    }
    var methods: [Method]
}

private func storedArtefact(_ name: String, of stage: String, in summary: RunSummary, workspace: Workspace) -> Data? {
    guard let artefact = summary.stages.first(where: { $0.stage == stage })?.artefacts.first(where: { $0.name == name })
    else { return nil }
    return FileManager.default.contents(atPath: workspace.store.path(of: artefact.digest))
}
