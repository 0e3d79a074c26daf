import Foundation
import Synchronization
import ToetsModel
import ToetsStore

/// One line of `toets run --json`: a JSON object with `schema`, `event`, `time` (UTC) and the
/// event's fields; absent fields are left out. README "Events for scripts" lists them.
package struct RunEvent: Sendable, Encodable {
    /// The format's name and version; a field is only ever added under the same version.
    package static let currentSchema = "toets.run-event/1"

    package enum Kind: String, Sendable, Encodable {
        case waitingForLock = "waiting-for-lock"
        case runStarted = "run-started"
        case stageStarted = "stage-started"
        case progress
        case stageFinished = "stage-finished"
        case stageFailed = "stage-failed"
        case note
        case runFinished = "run-finished"
        case error
    }

    /// How much a `note` matters: `warning` is what must change before the run's results are used.
    package enum Level: String, Sendable, Encodable {
        case info
        case warning
    }

    package var schema = RunEvent.currentSchema
    package var event: Kind
    package var time = RunEvent.now()
    package var run: Int64?
    package var pipeline: String?
    package var stages: [String]?
    package var holder: String?
    package var stage: String?
    package var status: String?
    package var reason: String?
    package var seconds: Double?
    package var key: Digest?
    package var artefacts: [StepArtefact]?
    package var stderrTail: String?
    package var progress: ProgressSnapshot?
    package var rate: Double?
    package var secondsLeft: Double?
    /// run-finished: stages by how they ended, the provenance's lines, the reports' folders.
    package var counts: [String: Int]?
    package var provenance: [String]?
    package var provenanceProblems: [String]?
    package var reports: [String]?
    /// note: how much it matters. error and note: what happened.
    package var level: Level?
    package var message: String?
    package var exitCode: Int32?

    package init(_ event: Kind) {
        self.event = event
    }

    /// The event as one line of JSON (keys sorted, snake case).
    package var line: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`, now.
    static func now() -> String {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        let milliseconds = String(time.tv_nsec / 1_000_000)
        return UTCTime.isoSeconds(Int64(time.tv_sec)) + "." + String(repeating: "0", count: 3 - milliseconds.count)
            + milliseconds + "Z"
    }

    /// The event that ends a run.
    package static func finished(_ summary: RunSummary, reports: [String]) -> RunEvent {
        var event = RunEvent(.runFinished)
        event.run = summary.runID
        event.pipeline = summary.pipeline
        event.status = summary.status.rawValue
        event.seconds = summary.seconds
        event.counts = Dictionary(uniqueKeysWithValues: [StepStatus.executed, .cached, .failed, .skipped, .interrupted]
            .map { ($0.rawValue, summary.count($0)) })
        event.provenance = summary.provenance
        event.provenanceProblems = summary.provenanceProblems
        event.reports = reports
        return event
    }

    /// What a stage's stored report says the reader must not miss (after the run, before `run-finished`).
    package static func note(stage: String, level: Level, message: String) -> RunEvent {
        var event = RunEvent(.note)
        event.stage = stage
        event.level = level
        event.message = message
        return event
    }

    /// The event for an error that stops the command.
    package static func failure(_ message: String, exitCode: Int32) -> RunEvent {
        var event = RunEvent(.error)
        event.message = message
        event.exitCode = exitCode
        return event
    }
}

/// `value` rounded to 1/`scale`.
private func rounded(_ value: Double, _ scale: Double) -> Double {
    (value * scale).rounded() / scale
}

/// Writes a run's events, one line each, through `emit`: the observer's events as they happen,
/// and the progress of running stages whenever `sampleProgress` finds it changed.
package final class RunEventWriter: RunObserver {
    private let monitor: RunMonitor
    private let stageNames: [String]
    private let emit: @Sendable (String) -> Void
    /// The last progress written per stage, so that an unchanged reading is not repeated.
    private let written = Mutex<[String: ProgressSnapshot]>([:])
    /// Serialises lines from the runner's tasks and the sampler.
    private let order = Mutex(())

    package init(monitor: RunMonitor, stages: [String], emit: @escaping @Sendable (String) -> Void) {
        self.monitor = monitor
        stageNames = stages
        self.emit = emit
    }

    package func write(_ event: RunEvent) {
        order.withLock { _ in emit(event.line) }
    }

    package func waitingForLock(holder: String) {
        var event = RunEvent(.waitingForLock)
        event.holder = holder
        write(event)
    }

    package func runStarted(_ run: Int64) {
        var event = RunEvent(.runStarted)
        event.run = run
        event.pipeline = monitor.pipeline
        event.stages = stageNames
        write(event)
    }

    package func stageStarted(_ stage: String, reason: String, progress: StageProgress) {
        var event = RunEvent(.stageStarted)
        event.stage = stage
        event.reason = reason
        write(event)
    }

    /// Call after the monitor has seen the report, so that the stage's last progress is known.
    package func stageFinished(_ report: StageReport) {
        let failed = report.status == .failed || report.status == .interrupted
        var event = RunEvent(failed ? .stageFailed : .stageFinished)
        event.stage = report.stage
        event.status = report.status.rawValue
        event.reason = report.reason
        event.seconds = report.seconds
        event.key = report.key
        event.artefacts = report.artefacts
        event.stderrTail = report.stderrTail
        event.progress = monitor.finalProgress(of: report.stage)
        write(event)
    }

    /// Writes a progress event for each running stage whose reading changed since the last one.
    package func sampleProgress(_ live: LiveRun) {
        for stage in live.running {
            guard let progress = stage.progress else { continue }
            let changed = written.withLock { written in
                defer { written[stage.stage] = progress }
                return written[stage.stage] != progress
            }
            guard changed else { continue }
            var event = RunEvent(.progress)
            event.run = live.run
            event.stage = stage.stage
            event.seconds = rounded(stage.seconds, 1000)
            event.progress = progress
            event.rate = stage.rate.map { rounded($0, 100) }
            event.secondsLeft = stage.secondsLeft.map { rounded($0, 10) }
            write(event)
        }
    }
}
