import Foundation
import ToetsModel
import ToetsStore

/// Options of `toets run`.
package struct RunOptions: Sendable {
    /// Stages that execute at once.
    package var jobs: Int
    /// Stages to execute even if their result is cached.
    package var force: Set<String>
    /// Wait for another process's lock (true) or fail at once (false).
    package var waitForLock: Bool
    /// The command line, recorded with the run.
    package var commandLine: String
    package var toolVersion: String
    /// Keeps each step's provenance; none for runs that keep only the index.
    package var recorder: (any StepRecorder)?
    /// Run numbers up to this one are taken outside the workspace (published report folders),
    /// so the run gets a higher one.
    package var runNumbersTaken: Int64

    package init(jobs: Int, force: Set<String> = [], waitForLock: Bool = true, commandLine: String = "toets run",
                 toolVersion: String = ToolVersion.current, recorder: (any StepRecorder)? = nil,
                 runNumbersTaken: Int64 = 0) {
        self.jobs = max(1, jobs)
        self.force = force
        self.waitForLock = waitForLock
        self.commandLine = commandLine
        self.toolVersion = toolVersion
        self.recorder = recorder
        self.runNumbersTaken = runNumbersTaken
    }
}

/// Runs a checked pipeline against a workspace: decides per stage whether its result is cached,
/// executes what is not (independent stages in parallel), records everything in the index, and
/// answers `status` and `explain`.
package struct PipelineRunner: Sendable {
    package let plan: Plan
    package let workspace: Workspace
    let keys: KeyBuilder
    let executor: any StageExecutor
    /// Slurm, as this run's executor asks it; nil for a local run.
    let slurm: (any SlurmControl)?

    package init(plan: Plan, workspace: Workspace, launcher: any ProcessLauncher = LocalProcessLauncher(),
                 sandbox: SandboxPolicy = .bubblewrap, environment: [String: String] = ProcessInfo.processInfo.environment,
                 executor choice: ExecutorChoice = .local) {
        self.plan = plan
        self.workspace = workspace
        keys = KeyBuilder(workspace: workspace, plan: plan, environment: environment, sandbox: sandbox)
        switch choice {
        case .local:
            executor = LocalExecutor(workspace: workspace, keys: keys, launcher: launcher, sandbox: sandbox)
            slurm = nil
        case .slurm(let settings, let control):
            executor = SlurmExecutor(workspace: workspace, pipelineFile: plan.pipeline.file, sandboxed: sandbox == .bubblewrap,
                                     settings: settings, control: control)
            slurm = control
        case .custom(let custom):
            executor = custom
            slurm = nil
        }
    }

    var pipelineName: String { plan.pipeline.name }

    // MARK: Run

    /// Runs the pipeline. Failures of stages are in the summary, not thrown; what is thrown is
    /// what stops the whole run (the lock, the index, the store).
    package func run(_ options: RunOptions, pipelineBytes: [UInt8], observer: any RunObserver) async throws -> RunSummary {
        for name in options.force where plan.stage(named: name) == nil {
            throw PipelineError(file: plan.pipeline.file, line: nil, stage: name,
                                problem: "--force names a stage this pipeline does not have.\(didYouMean(name, among: plan.stages.map(\.name)))")
        }
        try checkSecrets()
        try checkSandbox()
        let lock = try await workspace.lock(purpose: options.commandLine, wait: options.waitForLock) {
            observer.waitingForLock(holder: $0)
        }
        // Holding the lock, nothing else writes: leftovers of a killed run can go.
        try workspace.index.closeAbandonedRuns()
        // Jobs and containers a killed controller left work in tmp/: they end before it is emptied.
        let leftovers = try await LeftoverWork.end(in: workspace, slurm: slurm)
        try workspace.store.clearTemporaryFiles()
        try options.recorder?.begin()
        let start = ContinuousClock.now
        // A run number is never reused: not one the index issued, nor one the provenance log or
        // a published report folder holds (also after gc, or with a lost index).
        let taken = max(options.runNumbersTaken, try options.recorder?.highestRecordedRun() ?? 0)
        let runID = try workspace.index.beginRun(
            pipeline: pipelineName, pipelineFile: FileSystem.absolute(plan.pipeline.file), pipelineDigest: Digest.sha256(of: pipelineBytes),
            command: options.commandLine, toolVersion: options.toolVersion, after: taken)
        observer.runStarted(runID)
        let provenance = options.recorder.map { recorder in
            ProvenanceHook(recorder: recorder, index: workspace.index, run: try? workspace.index.run(runID))
        }

        var reports: [String: StageReport] = [:]
        var outputs: [String: [StepArtefact]] = [:]
        // What can be reused as it is, before anything runs: recorded at once.
        for report in reuseStoredResults(runID: runID, force: options.force, provenance: provenance, observer: observer) {
            reports[report.stage] = report
            outputs[report.stage] = report.artefacts
        }
        // Stages by plan position; a stage is ready once every stage it needs has outputs, and
        // the ready stage first in plan order goes first. Linear in stages and needs.
        let stages = plan.stages
        let position = Dictionary(stages.enumerated().map { ($1.name, $0) }) { first, _ in first }
        var unmet = stages.map { Set($0.needs).filter { outputs[$0] == nil }.count }
        var dependents = Array(repeating: [Int](), count: stages.count)
        for (index, stage) in stages.enumerated() {
            for need in Set(stage.needs) { if let other = position[need] { dependents[other].append(index) } }
        }
        var ready = MinHeap(stages.indices.filter { unmet[$0] == 0 && reports[stages[$0].name] == nil })
        var running = 0
        await withTaskGroup(of: StageReport.self) { group in
            while true {
                while running < options.jobs, !Task.isCancelled, let index = ready.pop() {
                    let stage = stages[index]
                    let upstream = Dictionary(stage.needs.map { ($0, outputs[$0] ?? []) }) { first, _ in first }
                    running += 1
                    group.addTask {
                        await self.runStage(stage, upstream: upstream, runID: runID, force: options.force.contains(stage.name),
                                            provenance: provenance, observer: observer)
                    }
                }
                guard let report = await group.next() else { break }
                running -= 1
                reports[report.stage] = report
                if report.status.hasOutputs {
                    outputs[report.stage] = report.artefacts
                    for dependent in position[report.stage].map({ dependents[$0] }) ?? [] {
                        unmet[dependent] -= 1
                        if unmet[dependent] == 0 { ready.push(dependent) }
                    }
                    continue
                }
                // Whatever needs it, directly or not, can never be ready: it is skipped.
                for name in plan.downstream(of: report.stage) where reports[name] == nil {
                    guard let stage = plan.stage(named: name) else { continue }
                    let blocker = stage.needs.first { reports[$0].map { !$0.status.hasOutputs } ?? false } ?? report.stage
                    let skipped = StageReport(stage: name, status: .skipped,
                                              reason: "needs '\(blocker)', which \(report.status == .interrupted ? "was interrupted" : "did not succeed")",
                                              seconds: 0, key: nil, artefacts: [])
                    reports[name] = skipped
                    _ = try? workspace.index.recordStep(run: runID, stage: name, components: KeyComponents(kind: stage.kind, kindVersion: stage.version),
                                                    status: .skipped, reason: skipped.reason)
                    observer.stageFinished(skipped)
                }
            }
        }
        let interrupted = Task.isCancelled || reports.values.contains { $0.status == .interrupted }
        let failed = reports.values.contains { $0.status == .failed || $0.status == .skipped }
        let status: RunStatus = interrupted ? .interrupted : failed ? .failed : .succeeded
        // Every job this run submitted has ended; an interrupted run's cancelled jobs are
        // checked again by the next run.
        if slurm != nil && !interrupted { SlurmLedger(workspace: workspace).forget(run: runID) }
        try workspace.index.finishRun(runID, status: status)
        var summary = RunSummary(runID: runID, pipeline: pipelineName, status: status,
                                 seconds: (ContinuousClock.now - start) / .seconds(1),
                                 stages: plan.stages.compactMap { reports[$0.name] })
        summary.leftovers = leftovers
        if let provenance {
            summary.provenanceProblems = provenance.problems.withLock { $0 }
            do {
                guard let record = try workspace.index.run(runID) else { throw ProvenanceHook.RunVanished(run: runID) }
                summary.provenance = try provenance.recorder.finish(run: record)
            } catch {
                summary.provenanceProblems.append("the run's provenance could not be completed: \(error)")
            }
        }
        withExtendedLifetime(lock) {}
        return summary
    }

    /// Decides and does one stage: reuse a cached result, or execute and record.
    private func runStage(_ planned: PlannedStage, upstream: [String: [StepArtefact]], runID: Int64, force: Bool,
                          provenance: ProvenanceHook?, observer: any RunObserver) async -> StageReport {
        let start = ContinuousClock.now
        func report(_ status: StepStatus, _ reason: String, key: Digest?, artefacts: [StepArtefact] = [],
                    stderrTail: String? = nil) -> StageReport {
            let report = StageReport(stage: planned.name, status: status, reason: reason,
                                     seconds: (ContinuousClock.now - start) / .seconds(1), key: key,
                                     artefacts: artefacts, stderrTail: stderrTail)
            observer.stageFinished(report)
            return report
        }
        let index = workspace.index
        let components: KeyComponents
        let stage: PlannedStage
        do {
            stage = try keys.declared(planned)
            components = try keys.components(for: stage, upstream: upstream)
        } catch {
            let placeholder = KeyComponents(kind: planned.kind, kindVersion: planned.version)
            _ = try? index.recordStep(run: runID, stage: planned.name, components: placeholder, status: .failed,
                                  reason: "\(error)")
            return report(.failed, "\(error)", key: nil)
        }
        let key = components.key
        let inputs = stage.inputs(from: upstream)
        do {
            let cached = force ? nil : try index.cachedStep(forKey: key, components: components)
            if let cached, cached.artefacts.allSatisfy({ workspace.store.contains($0.digest) }) {
                return try record([Reuse(stage: stage, components: components, inputs: inputs, stored: cached)], runID: runID,
                                  since: start, provenance: provenance, observer: observer)[0]
            }
            let reason = force ? "forced with --force" : try reasons(for: stage, components: components, cached: cached)
                .joined(separator: "; ")
            let stepID = try index.beginStep(run: runID, stage: stage.name, components: components, reason: reason)
            let progress = StageProgress()
            observer.stageStarted(stage.name, reason: reason, progress: progress)
            var outcome = await executor.execute(StepRequest(runID: runID, stage: stage, upstream: upstream, inputs: inputs,
                                                             components: components), progress: progress)
            // Whatever executed it, a step is recorded only with outputs the store holds.
            if outcome.status == .executed, let missing = outcome.artefacts.first(where: { !workspace.store.contains($0.digest) }) {
                outcome = StepOutcome(status: .failed, reason: "the executor reported output \(missing.name) "
                                      + "(\(missing.digest.short)), which the store does not hold", artefacts: [])
            }
            let finalReason = outcome.status == .executed ? reason : outcome.reason
            try index.finishStep(stepID, status: outcome.status, reason: finalReason, exitCode: outcome.exitCode,
                                 inputs: inputs.mapValues(\.digest), artefacts: outcome.artefacts)
            provenance?.record(StepRecord(id: stepID, runID: runID, stage: stage.name, kind: components.kind, key: key,
                                          components: components, status: outcome.status, reason: finalReason,
                                          exitCode: outcome.exitCode, artefacts: outcome.artefacts), reused: nil)
            return report(outcome.status, finalReason, key: key, artefacts: outcome.artefacts, stderrTail: outcome.stderrTail)
        } catch {
            return report(.failed, "\(error)", key: key)
        }
    }

    /// Why a stage with these components has no usable cached result, in words.
    private func reasons(for stage: PlannedStage, components: KeyComponents, cached: StepRecord?) throws -> [String] {
        if let cached {
            let missing = cached.artefacts.filter { !workspace.store.contains($0.digest) }.map(\.name)
            return ["the outputs of run \(cached.runID) (\(missing.joined(separator: ", "))) are missing from the store"]
        }
        guard let last = try workspace.index.lastStep(pipeline: pipelineName, stage: stage.name, withOutputs: true) else {
            if let attempt = try workspace.index.lastStep(pipeline: pipelineName, stage: stage.name, withOutputs: false) {
                let changes = components.changes(since: attempt.components).map(\.description)
                let attempted = "the last attempt (run \(attempt.runID)) \(attempt.status == .failed ? "failed" : "was \(attempt.status.rawValue)")"
                return changes.isEmpty ? [attempted + " with the same inputs; trying again"]
                    : [attempted + "; since then: " + changes.joined(separator: "; ")]
            }
            return ["never run before"]
        }
        let changes = components.changes(since: last.components)
        return changes.isEmpty ? ["no stored result for this key"] : changes.map(\.description)
    }

    // MARK: Status and explain

    /// What the next run would do with each stage, without running anything.
    package func predict(force: Set<String> = []) throws -> [StagePrediction] {
        var known: [String: [StepArtefact]] = [:]
        var predictions: [StagePrediction] = []
        for stage in plan.stages {
            let assessment = try assess(stage, known: known)
            let prediction: StagePrediction
            if force.contains(stage.name) {
                prediction = StagePrediction(stage: stage.name, state: .willRun, reasons: ["forced with --force"],
                                             key: assessment.key)
            } else if let cached = assessment.cached {
                known[stage.name] = cached.artefacts
                prediction = StagePrediction(stage: stage.name, state: .upToDate,
                                             reasons: ["result of run \(cached.runID) is reused"], key: assessment.key)
            } else if !assessment.pending.isEmpty && assessment.changes.isEmpty && assessment.last != nil {
                prediction = StagePrediction(
                    stage: stage.name, state: .dependsOnUpstream,
                    reasons: ["needs \(quotedList(assessment.pending)), which will run first; "
                              + "it reruns only if that output changes"], key: nil)
            } else {
                var why = try assessment.key.map { key in
                    try self.reasons(for: stage, components: assessment.components, cached: workspace.index.cachedStep(forKey: key))
                } ?? (assessment.last == nil ? ["never run before"] : assessment.changes)
                if !assessment.pending.isEmpty { why.append("and \(quotedList(assessment.pending)) will run first") }
                prediction = StagePrediction(stage: stage.name, state: .willRun, reasons: why, key: assessment.key)
            }
            predictions.append(prediction)
        }
        return predictions
    }

    /// What is known of a stage before running: its components (inputs from `known` stages
    /// only), the needed stages still to run, its last execution and what changed since.
    private struct Assessment {
        var components: KeyComponents
        /// The key, when every input is known.
        var key: Digest?
        var pending: [String]
        var last: StepRecord?
        /// Changes since `last`, leaving out inputs of pending stages (unknown, not changed).
        var changes: [String]
        /// A usable stored result for `key`.
        var cached: StepRecord?
    }

    private func assess(_ stage: PlannedStage, known: [String: [StepArtefact]]) throws -> Assessment {
        let pending = stage.needs.filter { known[$0] == nil }
        let components = try keys.components(for: try keys.declared(stage), upstream: known)
        let key = pending.isEmpty ? components.key : nil
        let last = try workspace.index.lastStep(pipeline: pipelineName, stage: stage.name, withOutputs: true)
        let changes = (last.map { components.changes(since: $0.components) } ?? []).filter { change in
            if case .content(.input, let name, _, _) = change {
                return !pending.contains { name.hasPrefix($0 + ".") }
            }
            return true
        }
        var cached = try key.flatMap { try workspace.index.cachedStep(forKey: $0) }
        if let stored = cached, !stored.artefacts.allSatisfy({ workspace.store.contains($0.digest) }) { cached = nil }
        return Assessment(components: components, key: key, pending: pending, last: last,
                          changes: changes.map(\.description), cached: cached)
    }

    /// What changed in `stageName`'s key since its last execution, in words.
    package func explain(_ stageName: String) throws -> Explanation {
        guard plan.stage(named: stageName) != nil else {
            throw PipelineError(file: plan.pipeline.file, line: nil, stage: stageName,
                                problem: "this pipeline has no stage '\(stageName)'.\(didYouMean(stageName, among: plan.stages.map(\.name)))")
        }
        var known: [String: [StepArtefact]] = [:]
        for stage in plan.stages {
            let assessment = try assess(stage, known: known)
            guard stage.name == stageName else {
                if let cached = assessment.cached { known[stage.name] = cached.artefacts }
                continue
            }
            let last = assessment.last
            let run = try last.flatMap { try workspace.index.run($0.runID) }
            let verdict: String
            if last == nil {
                verdict = "it has never run in this workspace; the next run executes it"
            } else if assessment.cached != nil {
                verdict = assessment.changes.isEmpty
                    ? "nothing changed: the next run reuses the stored result (key \(assessment.key!.short))"
                    : "the next run reuses the stored result of run \(assessment.cached!.runID), which has this key"
            } else if !assessment.pending.isEmpty {
                verdict = "it needs \(quotedList(assessment.pending)), which will run first; "
                    + (assessment.changes.isEmpty ? "it reruns only if that output changes" : "it reruns because of the changes above")
            } else {
                verdict = "the next run executes it: "
                    + (try reasons(for: stage, components: assessment.components, cached: workspace.index.cachedStep(forKey: assessment.key!))
                        .joined(separator: "; "))
            }
            return Explanation(
                stage: stageName, kind: stage.kind, lastRunID: last?.runID, lastStatus: last?.status,
                lastRunAt: run?.startedAt, lastKey: last?.key, currentKey: assessment.key,
                changes: assessment.changes, pendingUpstream: assessment.pending, verdict: verdict)
        }
        preconditionFailure("the stage is in the plan")
    }
}

/// 'a', 'b' and 'c'.
private func quotedList(_ names: [String]) -> String {
    let quoted = names.map { "'\($0)'" }
    return quoted.count <= 1 ? quoted.joined() : quoted.dropLast().joined(separator: ", ") + " and " + quoted.last!
}

/// The version of this build of Toets, recorded with every run.
package enum ToolVersion {
    package static let current = "0.1.0"
}
