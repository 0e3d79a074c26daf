import Foundation
import Synchronization
import ToetsRunner
import ToetsStore

/// Shows a run's progress on standard error: a line per stage that ran, failed or was skipped,
/// and on a terminal a status line (done, running, cached, elapsed) redrawn in place.
final class ProgressPrinter: RunObserver {
    private struct State {
        var running: [String] = []
        var executed = 0
        var cached = 0
        var failed = 0
        var skipped = 0
    }

    private let total: Int
    private let terminal: Bool
    private let quiet: Bool
    private let start = ContinuousClock.now
    private let state = Mutex(State())

    /// `quiet` prints nothing (for `--json`, whose output is the summary alone).
    init(total: Int, quiet: Bool) {
        self.total = total
        self.quiet = quiet
        terminal = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    func waitingForLock(holder: String) {
        print("waiting for the workspace: it is held by \(holder) (use --no-wait to fail instead)")
    }

    func stageStarted(_ stage: String, reason: String) {
        state.withLock { $0.running.append(stage) }
        print("  run      \(padded(stage, 20)) \(reason)")
    }

    func stageFinished(_ report: StageReport) {
        state.withLock { state in
            state.running.removeAll { $0 == report.stage }
            switch report.status {
            case .executed: state.executed += 1
            case .cached: state.cached += 1
            case .skipped: state.skipped += 1
            default: state.failed += 1
            }
        }
        switch report.status {
        case .executed:
            print("  done     \(padded(report.stage, 20)) \(formatSeconds(report.seconds))")
        case .cached:
            print("  cached   \(padded(report.stage, 20)) \(report.reason)")
        case .skipped:
            print("  skipped  \(padded(report.stage, 20)) \(report.reason)")
        case .failed, .interrupted, .running:
            var text = "  \(padded(report.status == .failed ? "FAILED" : report.status.rawValue, 8)) "
                + "\(padded(report.stage, 20)) \(report.reason)"
            if let tail = report.stderrTail {
                text += "\n" + tail.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { "           │ " + $0 }.joined(separator: "\n")
            }
            print(text)
        }
    }

    /// Redraws the status line; called by a ticker while the run lasts.
    func tick() {
        guard terminal, !quiet else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + statusLine()).utf8))
    }

    /// Removes the status line before the summary.
    func finish() {
        guard terminal, !quiet else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    private func statusLine() -> String {
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        return state.withLock { state in
            let done = state.executed + state.cached + state.failed + state.skipped
            var line = "[\(done)/\(total)] \(state.executed) ran · \(state.cached) cached"
            if state.failed > 0 { line += " · \(state.failed) failed" }
            if state.skipped > 0 { line += " · \(state.skipped) skipped" }
            if !state.running.isEmpty { line += " · running: " + state.running.joined(separator: ", ") }
            return line + " · " + String(format: "%.1f s", seconds)
        }
    }

    private func print(_ text: String) {
        guard !quiet else { return }
        if terminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + text + "\n" + statusLine()).utf8))
        } else {
            writeError(text)
        }
    }
}
