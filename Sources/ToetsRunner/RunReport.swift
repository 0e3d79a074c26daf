import ToetsModel
import ToetsStore

/// Receives progress while a pipeline runs; the command line renders it.
package protocol RunObserver: Sendable {
    /// Another process holds the workspace; this one waits.
    func waitingForLock(holder: String)
    /// The run holds the workspace and has its number; stages start after this.
    func runStarted(_ run: Int64)
    /// A stage will execute (not cached), and why; `progress` is where it reports how far it is,
    /// to be sampled (never waited on) while it runs.
    func stageStarted(_ stage: String, reason: String, progress: StageProgress)
    /// A stage is done: executed, cached, failed, skipped or interrupted.
    func stageFinished(_ report: StageReport)
}

extension RunObserver {
    package func runStarted(_ run: Int64) {}
}

/// Keeps the provenance of a run: told of each step that executed or reused a result, as the
/// index recorded it. The runner knows nothing of statement formats, logs or keys.
package protocol StepRecorder: Sendable {
    /// The run is about to start; the workspace lock is held from here to `finish`.
    func begin() throws
    /// A step was recorded: executed (also when it failed or was interrupted while running) or
    /// reused (`reused` is the earlier step whose result it took).
    func record(step: StepRecord, run: RunRecord, reused: StepRecord?) throws
    /// The run has ended; returns lines for the person who ran it.
    func finish(run: RunRecord) throws -> [String]
    /// The highest run number the recorder's own records hold (0 if none), called after
    /// `begin`: a new run gets a higher one, even if the index has lost track of it.
    func highestRecordedRun() throws -> Int64
}

extension StepRecorder {
    package func highestRecordedRun() throws -> Int64 { 0 }
}

/// What became of one stage in a run.
package struct StageReport: Sendable, Codable {
    package var stage: String
    package var status: StepStatus
    /// Why it ran, was reused, failed or was skipped, in words.
    package var reason: String
    package var seconds: Double
    package var key: Digest?
    package var artefacts: [StepArtefact]
    /// The last lines of a failed command's standard error.
    package var stderrTail: String?
}

/// The outcome of `toets run`.
package struct RunSummary: Sendable, Codable {
    package var runID: Int64
    package var pipeline: String
    package var status: RunStatus
    package var seconds: Double
    package var stages: [StageReport]
    /// What the step recorder said about the run's provenance.
    package var provenance: [String] = []
    /// Steps whose provenance could not be recorded, and why: the run's results stand, its
    /// record does not.
    package var provenanceProblems: [String] = []
    /// Slurm jobs an earlier run whose toets was killed left queued or running, which this run
    /// cancelled before it began.
    package var cancelledLeftoverJobs: [String] = []

    package func count(_ status: StepStatus) -> Int {
        stages.filter { $0.status == status }.count
    }
}

/// What the next run would do with a stage (`toets status`, `toets run --dry-run`).
package struct StagePrediction: Sendable, Codable {
    package enum State: String, Sendable, Codable {
        /// Its key matches a stored result: it would be reused.
        case upToDate = "up-to-date"
        /// It would execute.
        case willRun = "will-run"
        /// It needs a stage that will execute; whether it reruns depends on that stage's output.
        case dependsOnUpstream = "depends-on-upstream"
    }

    package var stage: String
    package var state: State
    package var reasons: [String]
    package var key: Digest?
}

/// `toets explain STAGE`: what changed in a stage's key since it last executed.
package struct Explanation: Sendable, Codable {
    package var stage: String
    package var kind: String
    /// The run and key of the last execution with outputs, if any.
    package var lastRunID: Int64?
    /// Whether that step executed or reused an earlier result.
    package var lastStatus: StepStatus?
    package var lastRunAt: String?
    package var lastKey: Digest?
    package var currentKey: Digest?
    /// The changes, each in words ("parameter window: 60 → 30").
    package var changes: [String]
    /// Needed stages that will execute first, so that their outputs cannot be compared yet.
    package var pendingUpstream: [String]
    /// One sentence on what the next run will do with the stage.
    package var verdict: String
}
