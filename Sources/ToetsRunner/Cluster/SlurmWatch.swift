/// Looks at the queue on behalf of every waiting step: one `squeue` for all of the run's jobs at
/// a time, at intervals that double while nothing ends (up to `longest`) and start again short
/// when a job is submitted or ends. Steps learn that a job finished normally from its result
/// file, so the queue is asked only to catch the jobs that end without one; slurmctld, which
/// users of other workflow tools have seen rate-limit frequent pollers, hears from a run at most
/// once per interval.
actor SlurmWatch {
    /// What a step sees of its job.
    enum Seen: Equatable {
        case waiting
        /// Left the queue, with its final state if Slurm still knows it.
        case ended(SlurmJobState?)
    }

    private let control: any SlurmControl
    private let first: Duration
    private let longest: Duration
    private var interval: Duration
    private var lastPoll: ContinuousClock.Instant?
    private var watched: Set<String> = []
    /// The answer of the last successful poll, and the jobs it asked about.
    private var states: [String: SlurmJobState] = [:]
    private var asked: Set<String> = []
    private var polling: Task<Void, Never>?
    /// Polls made, for tests and measurements.
    private(set) var polls = 0

    init(control: any SlurmControl, first: Duration, longest: Duration) {
        self.control = control
        self.first = first
        self.longest = longest
        interval = first
    }

    func watch(_ job: String) {
        watched.insert(job)
        interval = first
    }

    func forget(_ job: String) {
        watched.remove(job)
        states[job] = nil
        asked.remove(job)
    }

    /// The job's state as of a poll no older than the current interval.
    func seen(_ job: String) async -> Seen {
        if lastPoll.map({ ContinuousClock.now - $0 >= interval }) ?? true { await refresh() }
        if let state = states[job] { return state.isFinished ? .ended(state) : .waiting }
        return asked.contains(job) ? .ended(nil) : .waiting
    }

    private func refresh() async {
        if let polling { return await polling.value }
        let jobs = watched.sorted()
        let task = Task { try? await control.query(jobs) }
        polling = Task { _ = await task.value }
        let answer = await task.value
        polling = nil
        lastPoll = .now
        polls += 1
        guard let answer else {
            // slurmctld did not answer: ask less often, not more.
            interval = min(interval * 2, longest)
            return
        }
        let ended = jobs.contains { job in answer[job].map(\.isFinished) ?? true }
        states = answer
        asked = Set(jobs)
        interval = ended ? first : min(interval * 2, longest)
    }
}
