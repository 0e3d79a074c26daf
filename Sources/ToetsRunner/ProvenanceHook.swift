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

    func record(_ stepID: Int64, stage: String, reused: StepRecord?) {
        do {
            guard let run else { throw RunVanished(run: -1) }
            guard let step = try index.step(stepID) else { throw RunVanished(run: run.id) }
            try recorder.record(step: step, run: run, reused: reused)
        } catch {
            problems.withLock { $0.append("stage '\(stage)': its statement could not be recorded: \(error)") }
        }
    }
}
