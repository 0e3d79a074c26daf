import Foundation
import ToetsModel
import ToetsRunner
import ToetsStore

/// A project folder with a pipeline file and a workspace, for running pipelines in tests.
package struct PipelineFixture: Sendable {
    package let directory: TemporaryDirectory
    package let pipelinePath: String

    /// Creates the folder with `files` (relative path → text) and the pipeline `yaml`.
    package init(_ yaml: String, files: [String: String] = [:]) throws {
        directory = TemporaryDirectory("toets-pipeline")
        for (path, text) in files { try directory.write(path, text) }
        pipelinePath = try directory.write("pipeline.yaml", yaml)
    }

    package var workspacePath: String { directory.path + "/.toets" }

    /// Rewrites the pipeline file.
    package func setPipeline(_ yaml: String) throws {
        try directory.write("pipeline.yaml", yaml)
    }

    package func plan(registry: StageRegistry = .core) throws -> (Plan, [UInt8]) {
        let (spec, bytes) = try PipelineLoader.load(path: pipelinePath)
        return (try PipelineChecker(registry: registry).check(spec), bytes)
    }

    package func workspace() throws -> Workspace {
        try Workspace(root: workspacePath)
    }

    /// Runs the pipeline as it is on disk now.
    @discardableResult
    package func run(jobs: Int = 2, force: Set<String> = [], observer: RecordingObserver = RecordingObserver(),
                     registry: StageRegistry = .core, launcher: any ProcessLauncher = LocalProcessLauncher(gracePeriod: 1),
                     sandbox: SandboxPolicy = .bubblewrap, recorder: (any StepRecorder)? = nil,
                     executor: ExecutorChoice = .local)
        async throws -> RunSummary {
        let (plan, bytes) = try plan(registry: registry)
        let runner = PipelineRunner(plan: plan, workspace: try workspace(), launcher: launcher, sandbox: sandbox,
                                    executor: executor)
        return try await runner.run(RunOptions(jobs: jobs, force: force, waitForLock: false, recorder: recorder),
                                    pipelineBytes: bytes, observer: observer)
    }

    package func runner(registry: StageRegistry = .core, sandbox: SandboxPolicy = .bubblewrap) throws -> PipelineRunner {
        PipelineRunner(plan: try plan(registry: registry).0, workspace: try workspace(), sandbox: sandbox)
    }
}

extension RunSummary {
    /// The report of `stage`.
    package func report(_ stage: String) -> StageReport? {
        stages.first { $0.stage == stage }
    }

    /// The status of each stage by name.
    package var statuses: [String: StepStatus] {
        Dictionary(uniqueKeysWithValues: stages.map { ($0.stage, $0.status) })
    }

    /// The digest of output `name` of `stage`.
    package func output(_ stage: String, _ name: String) -> Digest? {
        report(stage)?.artefacts.first { $0.name == name && $0.role == .output }?.digest
    }
}
