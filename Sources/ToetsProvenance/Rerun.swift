import Foundation
import ToetsModel
import ToetsRunner
import ToetsStore

/// `toets verify --rerun`: recomputes a run's pipeline in a fresh temporary workspace (nothing
/// cached) and compares each output's digest with the one the run recorded.
package struct Rerun {
    package var workspace: Workspace
    package var run: RunRecord
    /// The pipeline, loaded from the run's pipeline file with this build's stage kinds.
    package var plan: Plan
    package var pipelineBytes: [UInt8]
    package var jobs: Int
    package var launcher: any ProcessLauncher

    package init(workspace: Workspace, run: RunRecord, plan: Plan, pipelineBytes: [UInt8], jobs: Int,
                 launcher: any ProcessLauncher = LocalProcessLauncher()) {
        self.workspace = workspace
        self.run = run
        self.plan = plan
        self.pipelineBytes = pipelineBytes
        self.jobs = jobs
        self.launcher = launcher
    }

    /// Recomputes and compares; failures and counts go into `report`.
    package func compare(into report: inout ProvenanceReport) async throws {
        let digest = Digest.sha256(of: pipelineBytes)
        guard digest == run.pipelineDigest else {
            report.fail(.rerun, "run \(run.id)'s pipeline file \(run.pipelineFile) changed since the run (sha256 now "
                        + "\(digest.short), then \(run.pipelineDigest.short)): restore that version to recompute it")
            return
        }
        let scratch = FileManager.default.temporaryDirectory.path + "/toets-rerun-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileSystem.removeTree(scratch) }
        let fresh = try Workspace(root: scratch)
        let runner = PipelineRunner(plan: plan, workspace: fresh, launcher: launcher)
        let summary = try await runner.run(RunOptions(jobs: jobs, waitForLock: false, commandLine: "toets verify --rerun"),
                                           pipelineBytes: pipelineBytes, observer: QuietObserver())
        for step in try workspace.index.steps(run: run.id) where step.status.hasOutputs {
            guard let redone = summary.stageReport(step.stage), redone.status.hasOutputs else {
                let why = summary.stageReport(step.stage).map { "\($0.status.rawValue): \($0.reason)" } ?? "not in the pipeline"
                report.fail(.rerun, "run \(run.id) stage '\(step.stage)' could not be recomputed (\(why))")
                continue
            }
            for output in step.outputs {
                report.rerunOutputsCompared += 1
                let what = "run \(run.id) stage '\(step.stage)' artefact '\(output.name)'"
                guard let again = redone.artefacts.first(where: { $0.name == output.name && $0.role == .output }) else {
                    report.fail(.rerun, "\(what): the recomputation did not write it")
                    continue
                }
                if again.digest != output.digest {
                    report.fail(.rerun, "\(what): recorded sha256 \(output.digest.hex), recomputed \(again.digest.hex)")
                }
            }
        }
        report.notes.append("recomputed run \(run.id) in a fresh workspace: \(summary.count(.executed)) steps executed, "
                            + "\(report.rerunOutputsCompared) outputs compared")
    }
}

/// Shows nothing: a recomputation reports through its comparison.
private struct QuietObserver: RunObserver {
    func waitingForLock(holder: String) {}
    func stageStarted(_ stage: String, reason: String, progress: StageProgress) {}
    func stageFinished(_ report: StageReport) {}
}

extension RunSummary {
    /// The report of `stage`.
    fileprivate func stageReport(_ stage: String) -> StageReport? {
        stages.first { $0.stage == stage }
    }
}
