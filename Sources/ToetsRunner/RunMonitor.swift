import Foundation
import Synchronization
import ToetsModel
import ToetsStore

/// Follows a run for whoever shows it (the terminal, `--json` events, the live file): which
/// stages run, how far each is, at what rate. It only samples the stages' progress meters, so
/// watching costs the stages nothing and cannot change what they compute.
package final class RunMonitor: RunObserver {
    private struct Running {
        var stage: String
        var start: ContinuousClock.Instant
        var progress: StageProgress
        var rate = ProgressRate()
    }

    private struct State {
        var run: Int64?
        var start = ContinuousClock.now
        var running: [Running] = []
        var executed = 0
        var cached = 0
        var failed = 0
        var skipped = 0
        /// The last reading of each stage that reported progress, kept after it ends.
        var lastProgress: [String: ProgressSnapshot] = [:]
    }

    package let pipeline: String
    package let stageCount: Int
    private let state = Mutex(State())
    private let processStart = LiveRunFile.processStart(getpid())

    package init(pipeline: String, stageCount: Int) {
        self.pipeline = pipeline
        self.stageCount = stageCount
    }

    package func waitingForLock(holder: String) {}

    package func runStarted(_ run: Int64) {
        state.withLock { state in
            state.run = run
            state.start = .now
        }
    }

    package func stageStarted(_ stage: String, reason: String, progress: StageProgress) {
        state.withLock { $0.running.append(Running(stage: stage, start: .now, progress: progress)) }
    }

    package func stageFinished(_ report: StageReport) {
        state.withLock { state in
            if let index = state.running.firstIndex(where: { $0.stage == report.stage }) {
                if let last = state.running[index].progress.snapshot() { state.lastProgress[report.stage] = last }
                state.running.remove(at: index)
            }
            switch report.status {
            case .executed: state.executed += 1
            case .cached: state.cached += 1
            case .skipped: state.skipped += 1
            case .failed, .interrupted, .running: state.failed += 1
            }
        }
    }

    /// The last progress `stage` reported, once it has ended.
    package func finalProgress(of stage: String) -> ProgressSnapshot? {
        state.withLock { $0.lastProgress[stage] }
    }

    /// The run now; nil before it holds the workspace.
    package func sample(at now: ContinuousClock.Instant = .now) -> LiveRun? {
        state.withLock { state in
            guard let run = state.run else { return nil }
            var live = LiveRun(run: run, pipeline: pipeline, pid: getpid(), processStart: processStart,
                               seconds: (now - state.start) / .seconds(1), stages: stageCount,
                               executed: state.executed, cached: state.cached, failed: state.failed, skipped: state.skipped)
            for index in state.running.indices {
                let seconds = (now - state.running[index].start) / .seconds(1)
                var stage = LiveStage(stage: state.running[index].stage, seconds: seconds)
                if let reading = state.running[index].progress.snapshot() {
                    stage.progress = reading
                    (stage.rate, stage.secondsLeft) = state.running[index].rate.add(reading, at: seconds)
                }
                live.running.append(stage)
            }
            return live
        }
    }
}

/// Tells several observers the same events, in order.
package struct RunObservers: RunObserver {
    package let observers: [any RunObserver]

    package init(_ observers: [any RunObserver]) {
        self.observers = observers
    }

    package func waitingForLock(holder: String) {
        for observer in observers { observer.waitingForLock(holder: holder) }
    }

    package func runStarted(_ run: Int64) {
        for observer in observers { observer.runStarted(run) }
    }

    package func stageStarted(_ stage: String, reason: String, progress: StageProgress) {
        for observer in observers { observer.stageStarted(stage, reason: reason, progress: progress) }
    }

    package func stageFinished(_ report: StageReport) {
        for observer in observers { observer.stageFinished(report) }
    }
}
