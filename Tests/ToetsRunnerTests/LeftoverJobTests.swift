import Foundation
import Testing
import ToetsModel
import ToetsStore
import ToetsTestSupport
@testable import ToetsRunner

/// A controller killed with SIGKILL leaves its jobs running and noted in the workspace's ledger:
/// the next run cancels them, waits until they have ended, and only then empties `tmp/`.
@Suite struct LeftoverJobTests {
    @Test func theNextRunCancelsTheJobsOfAKilledControllerBeforeItRuns() async throws {
        let fixture = try PipelineFixture(SlurmExecutorTests.pipeline, files: SlurmExecutorTests.files)
        // The killed run's job hangs; this run (also run 1 of this workspace) runs its own.
        let slurm = FakeSlurm(loadPlan: SlurmExecutorTests.loadPlan) { submission, attempt in
            submission.name == "toets-r1-count" && attempt == 1 ? .hang : .run()
        }
        // What a killed run 1 leaves: its job still running, noted in the ledger, and a file it
        // was writing in tmp/.
        let workspace = try fixture.workspace()
        let jobFolder = workspace.store.temporaryPath("job-count")
        try FileSystem.makeDirectory(jobFolder)
        let orphan = try await slurm.submit(SlurmSubmission(name: "toets-r1-count", script: jobFolder + "/job.sh",
                                                            log: jobFolder + "/job-1.log", directory: jobFolder, options: []))
        try SlurmLedger(workspace: workspace).record(job: orphan, run: 1)
        try FileSystem.writeAtomically(Array("half an object".utf8), to: jobFolder + "/partial")
        #expect(try await slurm.query([orphan])[orphan]?.isFinished == false)

        let summary = try await fixture.run(executor: .slurm(SlurmExecutorTests.settings(), control: slurm))
        #expect(summary.status == .succeeded, "\(summary.stages.map(\.reason))")
        #expect(summary.cancelledLeftoverJobs == [orphan])
        #expect(slurm.cancelled == [orphan])
        // The orphan and one job per stage of this run.
        #expect(slurm.submissions.count == 1 + 4)
        #expect(try await slurm.query([orphan])[orphan]?.state == "CANCELLED")
        #expect(!FileSystem.exists(jobFolder))
        #expect(try workspace.verify(repair: false).corrupt.isEmpty)
        // The ledger is empty again: the next run asks Slurm nothing about old jobs.
        #expect(SlurmLedger(workspace: workspace).leftovers().isEmpty)
        let queries = slurm.queries.count
        #expect(try await fixture.run(executor: .slurm(SlurmExecutorTests.settings(), control: slurm)).count(.cached) == 4)
        #expect(slurm.queries.count == queries)
    }

    @Test func aJobThatWillNotEndStopsTheRunWithWhatToDo() async throws {
        let fixture = try PipelineFixture("stages:\n  m:\n    run: echo > {out.x}\n")
        let ledger = SlurmLedger(workspace: try fixture.workspace())
        try ledger.record(job: "4711", run: 3)
        await #expect {
            _ = try await ledger.cancelLeftovers(control: StubbornSlurm(), patience: .milliseconds(300))
        } throws: { error in
            "\(error)".contains("Slurm jobs 4711 of an earlier run of this workspace, whose toets was killed, may still be "
                                + "writing into it: they were cancelled but are still running")
        }
        // Still noted: the run after it asks again.
        #expect(ledger.leftovers().map(\.jobs) == [["4711"]])
    }
}

/// A cluster whose jobs never end, whatever it is told.
private struct StubbornSlurm: SlurmControl {
    func submit(_ job: SlurmSubmission) async throws -> String { "1" }
    func query(_ jobs: [String]) async throws -> [String: SlurmJobState] {
        Dictionary(uniqueKeysWithValues: jobs.map { ($0, SlurmJobState(state: "RUNNING")) })
    }
    func cancel(_ jobs: [String]) async {}
}
