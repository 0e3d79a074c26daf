import Synchronization
import ToetsModel
import ToetsRunner
import ToetsStore

/// A `StageExecutor` that runs nothing: it records each request, keeps count of the steps in
/// flight, and stores for every declared output the bytes `behaviour` gives (or fails the step
/// when `behaviour` returns nil). As ninja's `FakeCommandRunner`.
package final class FakeExecutor: StageExecutor {
    private let store: ObjectStore
    private let behaviour: @Sendable (StepRequest, String) -> [UInt8]?
    private let state = Mutex<(requests: [String], inFlight: Int, mostInFlight: Int)>(([], 0, 0))
    private let pause: Duration

    /// `behaviour(step, output)` gives an output's bytes; nil fails the step. `pause` keeps each
    /// step in flight a while, so that tests can see how many run at once.
    package init(store: ObjectStore, pause: Duration = .zero,
                 behaviour: @escaping @Sendable (StepRequest, String) -> [UInt8]? = { step, output in
                     Array("\(step.stage.name).\(output)".utf8)
                 }) {
        self.store = store
        self.pause = pause
        self.behaviour = behaviour
    }

    /// The stages executed, in the order they were asked for.
    package var executed: [String] { state.withLock { $0.requests } }
    /// The most steps that were in flight at once.
    package var mostInFlight: Int { state.withLock { $0.mostInFlight } }

    package func execute(_ step: StepRequest, progress: StageProgress) async -> StepOutcome {
        state.withLock {
            $0.requests.append(step.stage.name)
            $0.inFlight += 1
            $0.mostInFlight = max($0.mostInFlight, $0.inFlight)
        }
        defer { state.withLock { $0.inFlight -= 1 } }
        if pause > .zero { try? await Task.sleep(for: pause) }
        var artefacts: [StepArtefact] = []
        for output in step.stage.outputs {
            guard let bytes = behaviour(step, output) else {
                return StepOutcome(status: .failed, reason: "fake failure of \(output)", artefacts: artefacts, exitCode: 1)
            }
            guard let digest = try? store.put(bytes: bytes) else {
                return StepOutcome(status: .failed, reason: "the store refused \(output)", artefacts: artefacts)
            }
            artefacts.append(StepArtefact(name: output, digest: digest, size: bytes.count))
        }
        return StepOutcome(status: .executed, reason: "", artefacts: artefacts, exitCode: 0)
    }
}
