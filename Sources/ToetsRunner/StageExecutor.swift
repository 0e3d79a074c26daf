import ToetsModel
import ToetsStore

/// Executes a planned step and hands back its outcome: the seam between the runner and where
/// work happens (this machine, a Slurm job). The runner alone decides what runs, reuses cached
/// results and records steps, runs and provenance; an executor only executes, so no executor
/// can change a cache key or write the index.
package protocol StageExecutor: Sendable {
    /// Executes `step` (a cache miss) and returns its outcome; its artefacts are in the store.
    /// Never throws: a failure is an outcome. On cancellation it stops the step and returns
    /// `.interrupted`. `progress` is where the step reports how far it is, if the executor can
    /// see it.
    func execute(_ step: StepRequest, progress: StageProgress) async -> StepOutcome
}

/// One step the runner wants executed.
package struct StepRequest: Sendable {
    /// The run it belongs to, for naming jobs.
    package var runID: Int64
    package var stage: PlannedStage
    /// Every needed stage's artefacts (as the key was computed from them).
    package var upstream: [String: [StepArtefact]]
    /// The inputs by `stage.artefact` name.
    package var inputs: [String: StepArtefact]
    package var components: KeyComponents

    package var key: Digest { components.key }
}

/// The result of executing one step.
package struct StepOutcome: Sendable, Codable, Equatable {
    package var status: StepStatus
    package var reason: String
    package var artefacts: [StepArtefact]
    package var exitCode: Int?
    package var stderrTail: String?

    package init(status: StepStatus, reason: String, artefacts: [StepArtefact] = [], exitCode: Int? = nil, stderrTail: String? = nil) {
        self.status = status
        self.reason = reason
        self.artefacts = artefacts
        self.exitCode = exitCode
        self.stderrTail = stderrTail
    }
}

/// Where the runner executes steps.
package enum ExecutorChoice: Sendable {
    /// On this machine, `--jobs` at a time.
    case local
    /// Each step a Slurm job (`toets step`) against the store on a shared filesystem.
    case slurm(SlurmSettings, control: any SlurmControl = SlurmCommands())
    /// A given executor (tests' fakes).
    case custom(any StageExecutor)
}
