import ToetsStore

/// What earlier runs of a workspace, whose toets was killed, left working in it and this
/// process ended: Slurm jobs it cancelled and method containers it removed.
package struct LeftoverWork: Sendable, Equatable, Codable {
    package var cancelledJobs: [String] = []
    package var removedContainers: [String] = []

    /// One line for each, as the command line says it.
    package var sentences: [String] {
        cancelledJobs.map { "cancelled Slurm job \($0), left running by an earlier run whose toets was killed" }
            + removedContainers.map { "removed container \($0), left running by an earlier run whose toets was killed" }
    }

    /// Ends what killed runs left working in `workspace`: a run and `toets gc` call this under
    /// the workspace lock, before they empty `tmp/`, where that work writes. Throws when some of
    /// it cannot be ended. Costs two directory listings when nothing was left.
    package static func end(in workspace: Workspace, slurm: (any SlurmControl)? = nil) async throws -> LeftoverWork {
        var ended = LeftoverWork()
        let jobs = SlurmLedger(workspace: workspace)
        if !jobs.leftovers().isEmpty {
            ended.cancelledJobs = try await jobs.cancelLeftovers(control: slurm ?? SlurmCommands())
        }
        ended.removedContainers = try await ContainerLedger(workspace: workspace).removeLeftovers()
        return ended
    }
}
