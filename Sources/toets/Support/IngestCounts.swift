import Foundation
import ToetsIngest
import ToetsRunner
import ToetsStore

/// After a run, what each ingest stage read per archive (posts, quarantined, skipped, refused)
/// and which posts have no platform, taken from its stored report, whether it ran or was reused.
func printIngestCounts(_ summary: RunSummary, plan: Plan, workspace: Workspace) {
    for stage in plan.stages where stage.kind == IngestStage().kind {
        guard let artefact = summary.stages.first(where: { $0.stage == stage.name })?.artefacts
                .first(where: { $0.name == "report" }),
              let data = FileManager.default.contents(atPath: workspace.store.path(of: artefact.digest)),
              let report = try? JSONDecoder().decode(IngestReport.self, from: data) else { continue }
        for line in IngestReport.consoleLines(report) { writeOut("\(stage.name): " + line) }
    }
}
