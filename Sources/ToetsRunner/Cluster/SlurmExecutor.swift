import Foundation
import ToetsModel
import ToetsStore

/// How the Slurm executor submits and waits.
package struct SlurmSettings: Sendable {
    /// The pipeline's `executor:` defaults (partition, account, qos, retries).
    package var defaults: ExecutorDefaults
    /// The toets binary a job runs (`toets step`): on a path every node sees.
    package var toets: String
    /// The first and the longest interval between two looks at the queue.
    package var firstPoll: Duration = .seconds(1)
    package var longestPoll: Duration = .seconds(30)
    /// How long a result may take to appear after its job left the queue (a shared
    /// filesystem's attribute cache).
    package var resultGrace: Duration = .seconds(10)

    package init(defaults: ExecutorDefaults, toets: String) {
        self.defaults = defaults
        self.toets = toets
    }
}

/// Executes each step as a Slurm batch job running `toets step` against the shared store, then
/// checks what the job hands back: the key it computed and every output's bytes.
struct SlurmExecutor: StageExecutor {
    let workspace: Workspace
    let pipelineFile: String
    let sandboxed: Bool
    let settings: SlurmSettings
    let control: any SlurmControl
    let watch: SlurmWatch

    init(workspace: Workspace, pipelineFile: String, sandboxed: Bool, settings: SlurmSettings, control: any SlurmControl) {
        self.workspace = workspace
        self.pipelineFile = FileSystem.absolute(pipelineFile)
        self.sandboxed = sandboxed
        self.settings = settings
        self.control = control
        watch = SlurmWatch(control: control, first: settings.firstPoll, longest: settings.longestPoll)
    }

    var store: ObjectStore { workspace.store }

    func execute(_ step: StepRequest, progress: StageProgress) async -> StepOutcome {
        let folder = store.temporaryPath("job-\(step.stage.name)")
        defer { try? FileSystem.removeTree(folder) }
        do {
            try FileSystem.makeDirectory(folder)
            let plan = StepJobPlan(pipeline: pipelineFile, workspace: workspace.root, stage: step.stage.name, sandboxed: sandboxed,
                                   upstream: step.upstream, components: step.components, result: folder + "/result.json")
            try plan.write(to: folder + "/plan.json")
            let script = folder + "/job.sh"
            try FileSystem.writeAtomically(Array("""
                #!/bin/sh
                exec \(CommandTemplate.shellQuoted(settings.toets)) step \(CommandTemplate.shellQuoted(folder + "/plan.json"))

                """.utf8), to: script)
            var earlier: [String] = []
            for attempt in 1...(1 + settings.defaults.retries) {
                let log = folder + "/job-\(attempt).log"
                let ending = try await runJob(step, plan: plan, script: script, log: log)
                var outcome: StepOutcome
                let retry: Bool
                switch ending {
                case .result(let result):
                    outcome = try check(result, of: step)
                    retry = false
                case .ended(let job, let state):
                    outcome = StepOutcome(status: .failed, reason: "Slurm job \(job) " + Self.describe(state), artefacts: [],
                                          stderrTail: tail(ofLog: log))
                    retry = Self.isWorthRetrying(state)
                case .interrupted:
                    outcome = StepOutcome(status: .interrupted, reason: "stopped by Ctrl-C (its Slurm job was cancelled)",
                                          artefacts: [])
                    retry = false
                }
                if FileSystem.isRegularFile(log), let (digest, size) = try? store.put(moving: log) {
                    outcome.artefacts.append(StepArtefact(name: "slurm-job", digest: digest, size: size, role: .log))
                }
                if !earlier.isEmpty && outcome.status != .executed {
                    outcome.reason += " (earlier: \(earlier.joined(separator: "; ")))"
                }
                guard retry, attempt <= settings.defaults.retries, !Task.isCancelled else { return outcome }
                earlier.append("attempt \(attempt): \(outcome.reason)")
            }
            preconditionFailure("the last attempt returns")
        } catch is CancellationError {
            return StepOutcome(status: .interrupted, reason: "stopped by Ctrl-C", artefacts: [])
        } catch {
            return StepOutcome(status: .failed, reason: "\(error)", artefacts: [])
        }
    }

    /// How one job ended, as the step sees it.
    enum JobEnding {
        case result(StepJobResult)
        case ended(job: String, state: SlurmJobState?)
        case interrupted
    }

    /// Submits one job and waits for its result or its end; cancels it when the run is cancelled.
    private func runJob(_ step: StepRequest, plan: StepJobPlan, script: String, log: String) async throws -> JobEnding {
        try? FileSystem.removeTree(plan.result)
        let submission = SlurmSubmission(name: "toets-r\(step.runID)-\(step.stage.name)", script: script, log: log,
                                         directory: FileSystem.parentDirectory(of: script), options: options(for: step.stage))
        let job = try await submit(submission)
        do {
            try SlurmLedger(workspace: workspace).record(job: job, run: step.runID)
        } catch {
            // A job the next run could not find if this one were killed does not run.
            await control.cancel([job])
            throw error
        }
        await watch.watch(job)
        defer { Task { await watch.forget(job) } }
        var pause = Duration.milliseconds(20)
        do {
            while true {
                if FileSystem.exists(plan.result) { return .result(try StepJobResult.read(plan.result)) }
                if case .ended(let state) = await watch.seen(job) {
                    // A job that completed may have written its result a moment ago on another node.
                    if state == nil || state?.state == "COMPLETED" {
                        let deadline = ContinuousClock.now + settings.resultGrace
                        while ContinuousClock.now < deadline {
                            if FileSystem.exists(plan.result) { return .result(try StepJobResult.read(plan.result)) }
                            try await Task.sleep(for: .milliseconds(100))
                        }
                    }
                    return .ended(job: job, state: state)
                }
                try await Task.sleep(for: pause)
                pause = min(pause * 3 / 2, .seconds(1))
            }
        } catch is CancellationError {
            await control.cancel([job])
            return .interrupted
        }
    }

    /// Submits, trying again a few times while slurmctld is busy.
    private func submit(_ submission: SlurmSubmission) async throws -> String {
        var pause = Duration.seconds(1)
        for _ in 1..<5 {
            do {
                return try await control.submit(submission)
            } catch let error as SlurmError where error.isTransient {
                try await Task.sleep(for: pause)
                pause *= 2
            }
        }
        return try await control.submit(submission)
    }

    /// sbatch options from the stage's `resources:` and the pipeline's `executor:`.
    func options(for stage: PlannedStage) -> [String] {
        let resources = stage.spec.resources
        var options: [String] = []
        if let partition = resources.partition ?? settings.defaults.partition { options.append("--partition=\(partition)") }
        if let account = settings.defaults.account { options.append("--account=\(account)") }
        if let qos = settings.defaults.qos { options.append("--qos=\(qos)") }
        if let cpus = resources.cpus { options.append("--cpus-per-task=\(cpus)") }
        if let memory = resources.memory { options.append("--mem=\((memory + (1 << 20) - 1) >> 20)M") }
        if let time = resources.time { options.append("--time=\(Self.slurmTime(time))") }
        return options
    }

    /// D-HH:MM:SS, rounded up to whole seconds.
    static func slurmTime(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        let days = total / 86_400
        let clock = String(format: "%02d:%02d:%02d", (total % 86_400) / 3600, (total % 3600) / 60, total % 60)
        return days > 0 ? "\(days)-\(clock)" : clock
    }

    /// The job's result, believed only if its key is the controller's and every output in the
    /// store has the bytes its digest says.
    private func check(_ result: StepJobResult, of step: StepRequest) throws -> StepOutcome {
        guard result.stage == step.stage.name, result.key == step.key else {
            return StepOutcome(status: .failed, reason: "the job's result is for stage '\(result.stage)' with key \(result.key.short), "
                               + "not this step's (\(step.key.short)); nothing of it was recorded", artefacts: [])
        }
        for artefact in result.outcome.artefacts {
            let path = store.path(of: artefact.digest)
            guard FileSystem.isRegularFile(path), let (digest, size) = try? FileSystem.digest(ofFile: path),
                  digest == artefact.digest, size == artefact.size else {
                _ = try? store.quarantine(artefact.digest)
                return StepOutcome(status: .failed, reason: "the job on \(result.host) reported \(artefact.name) as "
                                   + "\(artefact.digest.short), which the store does not hold with those bytes", artefacts: [])
            }
        }
        return result.outcome
    }

    /// Why a job ended without a result, in words, with Slurm's state and reason.
    static func describe(_ state: SlurmJobState?) -> String {
        guard let state else {
            return "left the queue without writing a result, and Slurm no longer knows how it ended "
                + "(its log below; with accounting, `sacct` tells)"
        }
        let slurm = "(Slurm: \(state.state)" + (state.reason == "None" || state.reason.isEmpty ? ")" : ", \(state.reason))")
        switch state.state {
        case "OUT_OF_MEMORY": return "ran out of memory \(slurm): ask for more with resources: memory: in the pipeline"
        case "TIMEOUT", "DEADLINE": return "ran out of time \(slurm): ask for more with resources: time: in the pipeline"
        case "NODE_FAIL", "BOOT_FAIL": return "lost its node \(slurm)"
        case "PREEMPTED": return "was preempted \(slurm)"
        case "CANCELLED": return "was cancelled outside this run \(slurm)"
        case "COMPLETED": return "ended without writing a result \(slurm): its log below says why"
        default: return "failed before writing a result \(slurm): its log below says why"
        }
    }

    /// Endings that another attempt with the same request may not meet: a lost node, a
    /// preemption, a job that died before toets could write a result. Out of memory or time
    /// would end the same way; a cancellation by hand is meant.
    static func isWorthRetrying(_ state: SlurmJobState?) -> Bool {
        guard let state else { return true }
        return !["OUT_OF_MEMORY", "TIMEOUT", "DEADLINE", "CANCELLED"].contains(state.state)
    }
}
