import Foundation
import Synchronization
import ToetsModel
import ToetsRunner
import ToetsStore

/// A Slurm cluster played in process: a submitted job runs its step with `StepJob` (as
/// `toets step` does on a node), or ends as the test says (out of memory, a lost node), or waits
/// until cancelled. Records submissions, queries and cancellations.
package final class FakeSlurm: SlurmControl {
    /// What a job does.
    package enum Play: Sendable {
        /// Runs the step, after `before` (which may change files the node sees).
        case run(before: @Sendable () async -> Void = {})
        /// Ends with this state and no result.
        case end(SlurmJobState)
        /// Stays running until cancelled.
        case hang
        /// Writes a result that claims an output it did not store.
        case forge
    }

    private struct State {
        var submissions: [SlurmSubmission] = []
        var jobs: [String: SlurmJobState] = [:]
        var queries: [[String]] = []
        var cancelled: [String] = []
    }

    private let state = Mutex(State())
    private let play: @Sendable (SlurmSubmission, Int) -> Play
    private let loadPlan: @Sendable (String) throws -> Plan

    /// `play(submission, attempt)` decides each job; `attempt` counts submissions of the same name.
    package init(loadPlan: @escaping @Sendable (String) throws -> Plan,
                 play: @escaping @Sendable (SlurmSubmission, Int) -> Play = { _, _ in .run() }) {
        self.loadPlan = loadPlan
        self.play = play
    }

    package var submissions: [SlurmSubmission] { state.withLock { $0.submissions } }
    package var queries: [[String]] { state.withLock { $0.queries } }
    package var cancelled: [String] { state.withLock { $0.cancelled } }

    package func submit(_ job: SlurmSubmission) async throws -> String {
        let (id, attempt) = state.withLock { state -> (String, Int) in
            state.submissions.append(job)
            let id = String(state.submissions.count)
            state.jobs[id] = SlurmJobState(state: "PENDING")
            return (id, state.submissions.filter { $0.name == job.name }.count)
        }
        let play = play(job, attempt)
        let loadPlan = loadPlan
        Task.detached { [self] in
            let planFile = job.directory + "/plan.json"
            try? Array("job \(id) on fake-node\n".utf8).withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: job.log)) }
            setState(id, "RUNNING")
            switch play {
            case .run(let before):
                await before()
                do {
                    try await StepJob.run(planFile: planFile, loadPlan: loadPlan, launcher: LocalProcessLauncher(gracePeriod: 1))
                    setState(id, "COMPLETED")
                } catch {
                    setState(id, "FAILED")
                }
            case .end(let final):
                state.withLock { $0.jobs[id] = final }
            case .hang:
                break
            case .forge:
                let plan = try? StepJobPlan.read(planFile)
                if let plan {
                    let outcome = StepOutcome(status: .executed, reason: "", artefacts: [
                        StepArtefact(name: "count", digest: Digest.sha256(of: Array("forged".utf8)), size: 6)])
                    let result = StepJobResult(stage: plan.stage, key: plan.components.key, host: "fake-node", outcome: outcome)
                    try? JSONEncoder().encode(result).write(to: URL(fileURLWithPath: plan.result))
                }
                setState(id, "COMPLETED")
            }
        }
        return id
    }

    private func setState(_ id: String, _ name: String) {
        state.withLock { state in
            if state.jobs[id]?.state != "CANCELLED" { state.jobs[id] = SlurmJobState(state: name) }
        }
    }

    package func query(_ jobs: [String]) async throws -> [String: SlurmJobState] {
        state.withLock { state in
            state.queries.append(jobs)
            return state.jobs.filter { jobs.contains($0.key) }
        }
    }

    package func cancel(_ jobs: [String]) async {
        state.withLock { state in
            state.cancelled += jobs
            for job in jobs { state.jobs[job] = SlurmJobState(state: "CANCELLED") }
        }
    }
}
