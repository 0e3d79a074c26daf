import Synchronization

/// How far a running stage is: work done against work known, in a unit, within a named phase
/// ("reading archives", 12.3 MB of 80 MB).
///
/// The stage moves the counter with an atomic store, cheap enough for the end of every block
/// or batch of a hot loop; whoever shows progress samples it (`snapshot`), so a stage never
/// waits for a terminal, a pipe or a file, and nothing it computes depends on who watches.
/// Progress is never part of an artefact or a key.
package final class StageProgress: Sendable {
    private let done = Atomic<Int64>(0)
    /// -1 while the total is unknown.
    private let total = Atomic<Int64>(-1)
    private let phase = Mutex(Phase(name: "", unit: ""))
    /// Where an external command's own reports are read from (set by the runner); it answers
    /// when the stage itself has said nothing.
    private let follower = Mutex<Follower>(Follower())

    private struct Follower {
        var read: (@Sendable () -> ProgressSnapshot?)?
        /// The last reading it gave, kept once the command's files are gone.
        var last: ProgressSnapshot?
    }

    private struct Phase {
        var name: String
        var unit: String
    }

    package init() {}

    /// Starts a phase: `done` goes back to 0; `total` nil while it is not known.
    package func begin(_ name: String, unit: String, total: Int64? = nil) {
        phase.withLock { $0 = Phase(name: name, unit: unit) }
        done.store(0, ordering: .relaxed)
        self.total.store(total ?? -1, ordering: .relaxed)
    }

    /// Adds to the work done in the current phase (from any thread).
    package func advance(by amount: Int64) {
        done.wrappingAdd(amount, ordering: .relaxed)
    }

    /// Sets the work done in the current phase.
    package func update(done value: Int64) {
        done.store(value, ordering: .relaxed)
    }

    /// Sets the work known in the current phase, once it is known.
    package func update(total value: Int64) {
        total.store(value, ordering: .relaxed)
    }

    /// Reads progress from `source` while the stage itself reports none (an external command's
    /// reports on its standard error or in its progress file).
    package func follow(_ source: @escaping @Sendable () -> ProgressSnapshot?) {
        follower.withLock { $0.read = source }
    }

    /// What the stage has said so far; nil if it has said nothing.
    package func snapshot() -> ProgressSnapshot? {
        let current = phase.withLock { $0 }
        guard !current.name.isEmpty || !current.unit.isEmpty else {
            return follower.withLock { follower in
                if let reading = follower.read?() { follower.last = reading }
                return follower.last
            }
        }
        let known = total.load(ordering: .relaxed)
        return ProgressSnapshot(phase: current.name, unit: current.unit, done: done.load(ordering: .relaxed),
                                total: known < 0 ? nil : known)
    }
}

/// One reading of a stage's progress.
package struct ProgressSnapshot: Sendable, Codable, Equatable {
    /// What the stage is doing ("anonymising posts"); may be empty.
    package var phase: String
    /// What is counted ("posts", "bytes", "replicates").
    package var unit: String
    package var done: Int64
    /// The work known; nil while it is not.
    package var total: Int64?

    package init(phase: String, unit: String, done: Int64, total: Int64?) {
        self.phase = phase
        self.unit = unit
        self.done = done
        self.total = total
    }

    /// Done over total, between 0 and 1; nil without a total.
    package var fraction: Double? {
        guard let total, total > 0 else { return nil }
        return min(1, max(0, Double(done) / Double(total)))
    }
}
