import Foundation
import Testing
import ToetsModel
import ToetsRunner
@testable import ToetsStore
import ToetsTestSupport
@testable import ToetsProvenance

/// The index checked against the signed log both ways, and rebuilt from it when lost.
@Suite struct IndexAgainstLogTests {
    /// Every step of every run, as the index records it (ids left out: a rebuild may renumber).
    func steps(_ workspace: Workspace) throws -> [String] {
        try workspace.index.runs(limit: 100).reversed().flatMap { run in
            try workspace.index.steps(run: run.id).map { step in
                "run \(run.id) \(run.pipeline) \(step.stage) \(step.kind) \(step.status) \(step.key.hex) "
                    + "\(step.artefacts.map { "\($0.name)=\($0.digest.short)/\($0.role)" })"
            }
        }
    }

    @Test func aRebuiltIndexHasTheRunsStepsKeysAndComponentsOfTheLostOne() async throws {
        let project = try await RecordedProject.make(runs: 2)
        let before = try steps(project.workspace)
        let components = try project.workspace.index.steps(run: 1).map(\.components)
        let root = project.workspace.root
        try Data().write(to: URL(fileURLWithPath: root + "/index.sqlite"))
        for suffix in ["-wal", "-shm"] { try FileSystem.removeTree(root + "/index.sqlite" + suffix) }
        #expect(throws: StoreError.self) { _ = try Workspace(root: root) }

        let outcome = try IndexRebuild(workspaceRoot: root).rebuild()
        #expect(outcome.runs == 2 && outcome.steps == 6 && outcome.skipped.isEmpty && outcome.deletedByGC.isEmpty)
        let rebuilt = try Workspace(root: root)
        #expect(try steps(rebuilt) == before)
        // The components are those the keys were computed from: explain and the cache work as before.
        let restored = try rebuilt.index.steps(run: 1)
        #expect(restored.map(\.components) == components)
        #expect(restored.allSatisfy { $0.components.key == $0.key })
        #expect(try rebuilt.index.runs().map(\.status) == [.succeeded, .succeeded])
        let report = try ProvenanceVerifier(workspace: rebuilt, trustedKeys: [project.key!.publicKey]).verify()
        #expect(report.failures.isEmpty, "\(report.failures)")

        // The next run reuses every result, and is run 3, not run 1.
        let again = RecordedProject(fixture: project.fixture, key: project.key, workspace: rebuilt)
        let summary = try await again.run()
        #expect(summary.runID == 3)
        #expect(summary.stages.allSatisfy { $0.status == .cached })
        #expect(try again.verify().failures.isEmpty)
    }

    @Test func statementsTheIndexLacksAreFoundAndRunsGCDeletedAreNot() async throws {
        let project = try await RecordedProject.make(runs: 3)
        // gc: runs 1 and 2 leave the index, their statements stay in the log.
        _ = try project.workspace.collectGarbage(keepRuns: 1)
        var report = try project.verify()
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.forgottenRuns == 2)
        #expect(report.notes.contains { $0.contains("2 runs deleted from the index by gc (1–2)") })

        // An index that lost a run without gc (an old backup put back) is caught.
        let index = try Index(path: project.workspace.root + "/index.sqlite")
        try index.write { db in try db.execute(sql: "DELETE FROM runs WHERE id = 3") }
        report = try project.verify()
        #expect(report.failures(.index).contains {
            $0.contains("the log holds 3 statements of run 3") && $0.contains("the index has no run 3 and gc did not delete one")
        })
    }

    @Test func anIndexStepThatDisagreesWithItsStatementIsNamed() async throws {
        let project = try await RecordedProject.make(runs: 2)
        let index = try Index(path: project.workspace.root + "/index.sqlite")
        // The index of run 1 made to claim another key for 'count', as if its cached result were another's.
        try index.write { db in
            try db.execute(sql: "UPDATE steps SET key = ? WHERE run_id = 1 AND stage = 'count'",
                           arguments: [Digest.sha256(of: [1]).hex])
        }
        let report = try project.verify(run: 2)
        #expect(report.failures(.index).contains {
            $0.hasPrefix("run 1 stage 'count': the index records cache key") && $0.contains("a reused result would not be what was signed")
        })
    }

    @Test func aNewRunIsNumberedAboveEveryCheckpointAndLogEntry() async throws {
        let project = try await RecordedProject.make(runs: 1)
        // A checkpoint of a later run, as a wiped index (or a copy) would leave behind.
        try FileSystem.writeAtomically(Array("x".utf8), to: project.paths.checkpoint(run: 5))
        let summary = try await project.run()
        #expect(summary.runID == 6)
        #expect(try FileSystem.readSmallFile(project.paths.checkpoint(run: 5)) == Array("x".utf8))
    }

    @Test func theParameterTreeOfAStatementGivesBackItsLeaves() {
        let parameters = ParamValue.map([
            "window": .int(60), "share": .double(0.25), "name": .string("a \"b\""), "empty": .map([:]),
            "files": .map(["posts": .string("in/p.csv")]), "list": .list([.int(1), .string("x")]), "none": .null,
        ])
        let leaves = parameters.leaves()
        #expect(IndexRebuild.leaves(StepStatement.parameters(leaves)) == leaves)
        #expect(IndexRebuild.leaves(StepStatement.parameters(ParamValue.map([:]).leaves())) == ParamValue.map([:]).leaves())
    }
}

/// A recorder that loses the statement of one stage, as a process killed between recording a
/// step in the index and logging its statement does.
private final class LosingRecorder: StepRecorder {
    let inner: ProvenanceRecorder
    let loses: String

    init(_ inner: ProvenanceRecorder, loses: String) {
        self.inner = inner
        self.loses = loses
    }

    func begin() throws { try inner.begin() }
    func finish(run: RunRecord) throws -> [String] { try inner.finish(run: run) }
    func highestRecordedRun() throws -> Int64 { try inner.highestRecordedRun() }

    func record(step: StepRecord, run: RunRecord, reused: StepRecord?) throws {
        if step.stage == loses { throw ProvenanceError.log(path: "log", problem: "killed") }
        try inner.record(step: step, run: run, reused: reused)
    }
}

extension IndexAgainstLogTests {
    @Test func aResultRecordedWithoutItsStatementIsNamedThenSignedByTheNextRun() async throws {
        let project = try await RecordedProject.make(runs: 0)
        let recorder = ProvenanceRecorder(workspace: project.workspace, key: project.key, tool: ToolIdentity(commit: "test"))
        let first = try await project.fixture.run(recorder: LosingRecorder(recorder, loses: "count"))
        #expect(first.provenanceProblems.count == 1)
        #expect(try project.verify().failures(.index) == ["run 1 stage 'count' (executed) has no statement in the log"])
        let second = try await project.run()
        #expect(second.provenance.contains("logged the statements of 1 step an earlier killed run recorded but had not logged"))
        let report = try project.verify()
        #expect(report.failures.isEmpty, "\(report.failures)")
    }
}

extension IndexAgainstLogTests {
    @Test func anOlderIndexPutBackIsCaughtAndNumbersNoRunTwice() async throws {
        let project = try await RecordedProject.make(runs: 1)
        let root = project.workspace.root
        // A copy of the workspace after run 1 keeps its index; then run 2 happens.
        let copy = TemporaryDirectory()
        let old = copy.path + "/ws"
        #expect(try shell("cp -a '\(root)' '\(old)'") == 0)
        try await project.run()
        // Everything but the index is brought up to date: the old index is put back, as it were.
        #expect(try shell("rm -rf '\(old)/provenance' '\(old)/objects' && cp -a '\(root)/provenance' '\(root)/objects' '\(old)/'") == 0)
        let restored = try Workspace(root: old)
        let report = try ProvenanceVerifier(workspace: restored, trustedKeys: [project.key!.publicKey]).verify()
        #expect(report.failures(.index).contains { $0.contains("the index has no run 2 and gc did not delete one") })
        #expect(report.failures(.index).contains { $0.contains("name run 2, but the index has issued run numbers only up to 1") })
        let (plan, bytes) = try project.fixture.plan()
        let summary = try await PipelineRunner(plan: plan, workspace: restored).run(
            RunOptions(jobs: 1, waitForLock: false, recorder: ProvenanceRecorder(workspace: restored, key: project.key)),
            pipelineBytes: bytes, observer: RecordingObserver())
        #expect(summary.runID == 3)
    }
}

/// Runs a shell command line; its exit status.
private func shell(_ command: String) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}
