import Foundation
import Testing
import ToetsModel
import ToetsRunner
import ToetsStore
@testable import ToetsProvenance

@Suite struct RerunTests {
    @Test func aRerunReproducesADeterministicRun() async throws {
        let project = try await RecordedProject.make(runs: 1)
        var report = ProvenanceReport()
        let (plan, bytes) = try project.fixture.plan()
        let run = try #require(try project.workspace.index.run(1))
        try await Rerun(workspace: project.workspace, run: run, plan: plan, pipelineBytes: bytes, jobs: 2,
                        launcher: LocalProcessLauncher(gracePeriod: 1)).compare(into: &report)
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.rerunOutputsCompared == 3)
    }

    @Test func aRerunNamesAnOutputThatComesOutDifferent() async throws {
        let pipeline = """
            stages:
              clock:
                run: date +%s%N > {out.now.txt}
            """
        let project = try await RecordedProject.make(runs: 1, pipeline: pipeline)
        var report = ProvenanceReport()
        let (plan, bytes) = try project.fixture.plan()
        let run = try #require(try project.workspace.index.run(1))
        let recorded = try #require(try project.workspace.index.steps(run: 1).first?.outputs.first?.digest)
        try await Rerun(workspace: project.workspace, run: run, plan: plan, pipelineBytes: bytes, jobs: 1,
                        launcher: LocalProcessLauncher(gracePeriod: 1)).compare(into: &report)
        #expect(report.failures(.rerun).count == 1)
        #expect(report.failures(.rerun).first?.hasPrefix("run 1 stage 'clock' artefact 'now.txt': recorded sha256 \(recorded.hex), "
                                                         + "recomputed ") == true)
        // A changed pipeline file is not recomputed as if it were the run's.
        var changed = ProvenanceReport()
        try await Rerun(workspace: project.workspace, run: run, plan: plan, pipelineBytes: bytes + [0x0A], jobs: 1)
            .compare(into: &changed)
        #expect(changed.failures(.rerun).first?.contains("changed since the run") == true)
    }
}
