import Synchronization
import ToetsModel
import ToetsStore

/// Hands recorded steps to a `StepRecorder` and keeps what went wrong, so that a step whose
/// provenance could not be written still counts as done (its outputs are durable) while the
/// run reports the gap.
final class ProvenanceHook: Sendable {
    let recorder: any StepRecorder
    let index: Index
    let run: RunRecord?
    let problems = Mutex<[String]>([])

    init(recorder: any StepRecorder, index: Index, run: RunRecord?) {
        self.recorder = recorder
        self.index = index
        self.run = run
    }

    struct RunVanished: Error, CustomStringConvertible {
        var run: Int64
        var description: String { "run \(run) is not in the index" }
    }

    /// `step` as the runner knows it; its times are taken from the index, so the statement and
    /// the index agree.
    func record(_ step: StepRecord, reused: StepRecord?) {
        do {
            guard let run else { throw RunVanished(run: step.runID) }
            var step = step
            (step.startedAt, step.endedAt) = try index.stepTimes(step.id)
            // The index lists artefacts logs last, then by name; so does the record.
            step.artefacts.sort { ($0.role == .output ? 0 : 1, $0.name) < ($1.role == .output ? 0 : 1, $1.name) }
            try recorder.record(step: step, run: run, reused: reused)
        } catch {
            problems.withLock { $0.append("stage '\(step.stage)': its statement could not be recorded: \(error)") }
        }
    }
}
