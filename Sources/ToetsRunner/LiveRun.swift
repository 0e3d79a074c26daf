import Foundation
import ToetsModel
import ToetsStore

/// What a run is doing now: written by the running process to its workspace (`LiveRunFile`)
/// so that `toets status` in another terminal shows it without taking the lock.
package struct LiveRun: Sendable, Codable, Equatable {
    /// The format's name and version.
    package static let currentSchema = "toets.live-run/1"

    package var schema = LiveRun.currentSchema
    package var run: Int64
    package var pipeline: String
    /// The process running it, and when that process started (so that a later process that
    /// happens to get the same number is not taken for it).
    package var pid: Int32
    package var processStart: UInt64?
    /// Seconds since the run took the workspace.
    package var seconds: Double
    /// Stages in the pipeline, and how many ended each way so far.
    package var stages: Int
    package var executed = 0
    package var cached = 0
    package var failed = 0
    package var skipped = 0
    package var running: [LiveStage] = []

    /// Stages that ended so far.
    package var finished: Int { executed + cached + failed + skipped }
}

/// A stage that is executing, with its progress if it reports any.
package struct LiveStage: Sendable, Codable, Equatable {
    package var stage: String
    /// Seconds since it started.
    package var seconds: Double
    package var progress: ProgressSnapshot?
    /// Work per second over the last seconds, in the progress's unit.
    package var rate: Double?
    /// At that rate, the seconds until the total is reached.
    package var secondsLeft: Double?
}

/// The file a running `toets run` keeps its `LiveRun` in, replaced whole (never half written)
/// about every second and removed when the run ends.
package struct LiveRunFile: Sendable {
    package static let name = "live-run.json"
    package let path: String

    package init(workspace root: String) {
        path = FileSystem.absolute(root) + "/" + Self.name
    }

    /// Replaces the file by renaming a whole new one over it. Nothing is synced: the file says
    /// what a live process does, so after a power cut there is none to describe, and a file cut
    /// short then reads as no run (an fsync a second, or one per no-op rerun, would buy nothing).
    package func write(_ live: LiveRun) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        try FileSystem.writeAtomically(Array(try encoder.encode(live)) + [0x0A], to: path, synced: false)
    }

    /// Removes the file if this process wrote it (a run that waited for the lock, or never got
    /// it, leaves the holder's file alone).
    package func removeIfOurs() {
        if let live = read(), live.pid == getpid() { unlink(path) }
    }

    /// The run in progress, or nil if there is none: no file, one this version cannot read, or
    /// one whose process has ended (killed before it could remove it).
    package func read() -> LiveRun? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let live = try? decoder.decode(LiveRun.self, from: data), live.schema == LiveRun.currentSchema,
              let start = Self.processStart(live.pid), start == live.processStart else { return nil }
        return live
    }

    /// When process `pid` started, in clock ticks since boot (`/proc/PID/stat`, field 22); nil
    /// if there is no such process.
    package static func processStart(_ pid: Int32) -> UInt64? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        // The command name (field 2) may hold spaces and parentheses: fields resume after the last ')'.
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state), so field 22 is fields[19].
        return fields.count > 19 ? UInt64(fields[19]) : nil
    }
}
