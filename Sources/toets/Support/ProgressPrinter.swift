import Foundation
import Synchronization
import ToetsModel
import ToetsRunner
import ToetsStore

/// Shows a run's progress on standard error: a line per stage that ran, failed or was skipped;
/// on a terminal, below them, a status line and a bar per running stage (rate, time left),
/// redrawn in place; elsewhere (a pipe, a CI log), a plain line per running stage every
/// `interval` seconds, so that a slow stage can be told from a stuck one.
final class ProgressPrinter: RunObserver {
    private struct Screen {
        /// Lines of the status block now on the terminal, the cursor at the end of the last.
        var drawn = 0
        var lastPlain = ContinuousClock.now
    }

    private let total: Int
    private let monitor: RunMonitor
    private let terminal: Bool
    private let quiet: Bool
    private let interval: Duration
    private let screen = Mutex(Screen())

    /// `quiet` prints nothing (for `--json`, whose output is the events alone).
    init(total: Int, monitor: RunMonitor, quiet: Bool, interval: Duration) {
        self.total = total
        self.monitor = monitor
        self.quiet = quiet
        self.interval = interval
        terminal = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    func waitingForLock(holder: String) {
        print("waiting for the workspace: it is held by \(holder) (use --no-wait to fail instead)")
    }

    func stageStarted(_ stage: String, reason: String, progress: StageProgress) {
        print("  run      \(padded(stage, 20)) \(reason)")
    }

    func stageFinished(_ report: StageReport) {
        switch report.status {
        case .executed:
            let work = monitor.finalProgress(of: report.stage).flatMap(ProgressText.counts).map { " (\($0))" } ?? ""
            print("  done     \(padded(report.stage, 20)) \(formatSeconds(report.seconds))\(work)")
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

    /// Redraws the status block on a terminal, or prints the plain progress lines when they are
    /// due; called by a ticker while the run lasts.
    func tick() {
        guard !quiet, let live = monitor.sample() else { return }
        if terminal {
            screen.withLock { screen in
                FileHandle.standardError.write(Data((clear(&screen) + draw(live, &screen)).utf8))
            }
            return
        }
        let due = screen.withLock { screen in
            guard ContinuousClock.now - screen.lastPlain >= interval else { return false }
            screen.lastPlain = .now
            return true
        }
        guard due else { return }
        for stage in live.running {
            writeError("  progress \(padded(stage.stage, 20)) " + ProgressText.describe(stage))
        }
    }

    /// Removes the status block before the summary.
    func finish() {
        guard terminal, !quiet else { return }
        screen.withLock { screen in FileHandle.standardError.write(Data(clear(&screen).utf8)) }
    }

    /// Moves to the start of the block and clears it.
    private func clear(_ screen: inout Screen) -> String {
        defer { screen.drawn = 0 }
        guard screen.drawn > 0 else { return "" }
        return "\r" + (screen.drawn > 1 ? "\u{1B}[\(screen.drawn - 1)A" : "") + "\u{1B}[J"
    }

    /// The status line and a bar per running stage, each cut to the terminal's width so that
    /// none wraps (the block is redrawn by counting lines).
    private func draw(_ live: LiveRun, _ screen: inout Screen) -> String {
        let width = max(20, terminalWidth() - 1)
        var status = "[\(live.finished)/\(total)] \(live.executed) ran · \(live.cached) cached"
        if live.failed > 0 { status += " · \(live.failed) failed" }
        if live.skipped > 0 { status += " · \(live.skipped) skipped" }
        status += " · " + String(format: "%.1f s", live.seconds)
        var lines = [status]
        for stage in live.running {
            let bar = stage.progress.map { ProgressText.bar($0.fraction, width: 20) + " " } ?? ""
            lines.append("  \(padded(stage.stage, 20)) \(bar)\(ProgressText.describe(stage))")
        }
        screen.drawn = lines.count
        return lines.map { String($0.prefix(width)) }.joined(separator: "\n")
    }

    private func terminalWidth() -> Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 100 }
        return Int(size.ws_col)
    }

    private func print(_ text: String) {
        guard !quiet else { return }
        guard terminal else { return writeError(text) }
        let live = monitor.sample()
        screen.withLock { screen in
            var out = clear(&screen) + text + "\n"
            if let live { out += draw(live, &screen) }
            FileHandle.standardError.write(Data(out.utf8))
        }
    }
}
