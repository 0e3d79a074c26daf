import Foundation
import ToetsModel
import ToetsStore

/// Runs one step as a cluster job (`toets step PLAN`), on whatever node Slurm chose: the same
/// local executor and sandbox as `toets run` on one machine, against the shared store. The job
/// writes objects atomically and then its result; it never opens the workspace's index, takes
/// no lock and records no provenance: the controlling `toets run` does that from the result.
package enum StepJob {
    /// Runs the step `planFile` describes and writes its result. `loadPlan` reads and checks the
    /// pipeline as `toets run` does. Throws only when no result can be written at all.
    package static func run(planFile: String, loadPlan: (String) throws -> Plan,
                            launcher: any ProcessLauncher = LocalProcessLauncher(),
                            environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        let job = try StepJobPlan.read(planFile)
        let outcome: StepOutcome
        do {
            let plan = try loadPlan(job.pipeline)
            guard let planned = plan.stage(named: job.stage) else {
                throw StepJobError.unknownStage(pipeline: job.pipeline, stage: job.stage)
            }
            let workspace = try Workspace(forJobAt: job.workspace)
            let keys = KeyBuilder(workspace: workspace, plan: plan, environment: environment,
                                  sandbox: job.sandboxed ? .bubblewrap : .none)
            let stage = try keys.declared(planned)
            let components = try keys.components(for: stage, upstream: job.upstream)
            if components.key != job.components.key {
                // Another pipeline file, other code or another key file on this node: running
                // would store results under a key they do not belong to.
                let changes = components.changes(since: job.components).map(\.description)
                outcome = StepOutcome(
                    status: .failed,
                    reason: "on node \(hostName()) the step's key differs from the controller's ("
                        + (changes.isEmpty ? "an environment difference" : changes.joined(separator: "; "))
                        + "): every node must see the same pipeline, code, key files and declared variables")
            } else {
                let inputs = stage.inputs(from: job.upstream)
                let executor = LocalExecutor(workspace: workspace, keys: keys, launcher: launcher, sandbox: keys.sandbox)
                outcome = await executor.execute(stage, inputs: inputs, components: components, progress: StageProgress())
            }
        } catch {
            outcome = StepOutcome(status: .failed, reason: "\(error)", artefacts: [])
        }
        // The result answers the plan it was given, under the plan's key; a node that computed
        // another key says so in a failed outcome.
        try StepJobResult(stage: job.stage, key: job.components.key, host: hostName(), outcome: outcome).write(to: job.result)
    }

    static func hostName() -> String {
        ProcessInfo.processInfo.hostName
    }
}
