import Synchronization
import ToetsModel
import ToetsRunner
import ToetsStore

/// A `RunObserver` that keeps every event, for assertions.
package final class RecordingObserver: RunObserver {
    private let events = Mutex<[String]>([])
    private let reports = Mutex<[StageReport]>([])

    package init() {}

    package func waitingForLock(holder: String) {
        events.withLock { $0.append("wait \(holder)") }
    }

    package func runStarted(_ run: Int64) {
        events.withLock { $0.append("run \(run)") }
    }

    package func stageStarted(_ stage: String, reason: String, progress: StageProgress) {
        events.withLock { $0.append("start \(stage): \(reason)") }
    }

    package func stageFinished(_ report: StageReport) {
        events.withLock { $0.append("finish \(report.stage) \(report.status.rawValue)") }
        reports.withLock { $0.append(report) }
    }

    package var startedStages: [String] {
        events.withLock { $0 }.filter { $0.hasPrefix("start ") }.map { String($0.dropFirst(6).prefix { $0 != ":" }) }
    }

    package var finished: [StageReport] { reports.withLock { $0 } }
}
