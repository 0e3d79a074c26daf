import Foundation
import Synchronization
import Testing
import ToetsModel
import ToetsStore
import ToetsTestSupport

/// Bytes a reading thread appends to.
private final class Buffer: Sendable {
    let bytes = Mutex<[UInt8]>([])
}

/// A `toets` process whose output is read while it runs.
private final class Watched: Sendable {
    private let process: Process
    private let out = Buffer()
    private let err = Buffer()
    private let readers = DispatchGroup()

    init(_ executable: String, _ arguments: [String], in directory: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["TOETS_WORKSPACE"] = nil
        environment["TERM"] = "xterm"
        process.environment = environment
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        self.process = process
        for (pipe, buffer) in [(stdout, out), (stderr, err)] {
            let handle = pipe.fileHandleForReading
            readers.enter()
            Thread.detachNewThread { [readers] in
                while case let data = handle.availableData, !data.isEmpty {
                    buffer.bytes.withLock { $0 += data }
                }
                readers.leave()
            }
        }
    }

    var stdout: String { out.bytes.withLock { String(decoding: $0, as: UTF8.self) } }
    var stderr: String { err.bytes.withLock { String(decoding: $0, as: UTF8.self) } }

    /// Waits until `condition` holds of standard output and error; false if it never does
    /// (after a minute, so that a broken build fails instead of hanging).
    func await(_ condition: (_ stdout: String, _ stderr: String) -> Bool) async -> Bool {
        for _ in 0..<1200 {
            if condition(stdout, stderr) { return true }
            if !process.isRunning { break }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return condition(stdout, stderr)
    }

    func finish() -> Int32 {
        process.waitUntilExit()
        readers.wait()
        return process.terminationStatus
    }
}

/// Progress while a run lasts, as a person at a terminal, a CI log, a script and a second
/// terminal see it. The stage reports 3 of 10 rows on its standard error and then waits for a
/// file the test makes once it has seen the report, so that nothing depends on timing.
@Suite struct ProgressCommandTests {
    let project = TemporaryDirectory()

    func pipeline() throws {
        try FileSystem.makeDirectory(project.path + "/gate")
        try project.write("p.yaml", """
            stages:
              slow:
                sandbox: {read_only: [\(project.path)/gate]}
                run: >-
                  echo 'toets-progress 3/10 rows counting' >&2;
                  while [ ! -e \(project.path)/gate/go ]; do sleep 0.02; done;
                  echo ok > {out.x}
            """)
    }

    func open() throws {
        try project.write("gate/go", "")
    }

    /// On a terminal (a pseudo-terminal made by script(1)) the bar is drawn below the lines and
    /// redrawn in place; `toets status` in another process shows the running stage meanwhile.
    @Test func aTerminalShowsABarRedrawnInPlaceAndStatusShowsTheRunFromElsewhere() async throws {
        try pipeline()
        let command = "'\(Toets.executable)' run p.yaml"
        let run = try Watched("/usr/bin/script", ["-qefc", command, "/dev/null"], in: project.path)
        #expect(await run.await { out, _ in out.contains("30% · 3 of 10 rows") })
        #expect(run.stdout.contains("[██████░░░░░░░░░░░░░░] counting · 30%"))

        // The live file is rewritten about once a second: ask until it is there.
        var status = try Toets.run(["status"], in: project.path)
        for _ in 0..<200 where !status.stdout.contains("3 of 10 rows") {
            try await Task.sleep(for: .milliseconds(50))
            status = try Toets.run(["status"], in: project.path)
        }
        #expect(status.status == 0)
        #expect(status.stdout.contains("run 1 of p is running"))
        #expect(status.stdout.contains("0 of 1 stages done"))
        #expect(status.stdout.contains("slow                 [██████░░░░░░░░░░░░░░] counting · 30% · 3 of 10 rows"))
        let json = try Toets.run(["status", "--json"], in: project.path)
        let live = try JSONDocument(Array(json.stdout.utf8)).root
        #expect(live["schema"]?.string == "toets.live-run/1")
        #expect(live["running"]?.elements.first?["progress"]?["done"]?.int64 == 3)

        try open()
        #expect(run.finish() == 0)
        // Redrawn in place: back to the line's start, up over the block, cleared below.
        #expect(run.stdout.contains("\r\u{1B}[J") || run.stdout.contains("\r\u{1B}[1A\u{1B}[J"))
        #expect(run.stdout.contains("done     slow"))
        #expect(run.stdout.contains("(3 of 10 rows)"), "the last report the stage made")
        // Once the run is over, status is about the next run again.
        let after = try Toets.run(["status"], in: project.path)
        #expect(after.stdout.contains("is up to date"))
        #expect(!FileSystem.exists(project.path + "/.toets/live-run.json"))
    }

    /// In a pipe (a CI log) there are no escape sequences: a plain line per running stage, as
    /// often as --progress-every says.
    @Test func aPipeGetsPlainProgressLines() async throws {
        try pipeline()
        let run = try Watched(Toets.executable, ["run", "p.yaml", "--progress-every", "0.2"], in: project.path)
        #expect(await run.await { _, err in err.contains("  progress slow                 counting · 30% · 3 of 10 rows") })
        try open()
        #expect(run.finish() == 0)
        #expect(!run.stderr.contains("\u{1B}"))
        #expect(!run.stderr.contains("\r"))
        #expect(run.stderr.contains("  done     slow"))
    }

    /// `--json`: one event per line, in order, each with the schema; an error is an event too.
    @Test func jsonEventsFollowTheRunInOrder() async throws {
        try pipeline()
        let run = try Watched(Toets.executable, ["run", "p.yaml", "--json"], in: project.path)
        #expect(await run.await { out, _ in out.contains("\"event\":\"progress\"") })
        try open()
        #expect(run.finish() == 0)
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        let events = try run.stdout.split(separator: "\n").map { try JSONDocument(Array($0.utf8)).root }
        #expect(events.allSatisfy { $0["schema"]?.string == "toets.run-event/1" })
        #expect(events.map { $0["event"]?.string ?? "" } == ["run-started", "stage-started", "progress", "stage-finished",
                                                             "run-finished"])
        #expect(events[2]["stage"]?.string == "slow" && events[2]["progress"]?["total"]?.int64 == 10)
        #expect(events[3]["status"]?.string == "executed" && events[3]["artefacts"]?.elements.count == 3)
        #expect(events[4]["status"]?.string == "succeeded" && events[4]["run"]?.int64 == 1)

        let mistake = try Toets.run(["run", "missing.yaml", "--json"], in: project.path)
        #expect(mistake.status == 2)
        let error = try JSONDocument(Array(mistake.stdout.utf8)).root
        #expect(error["event"]?.string == "error" && error["exit_code"]?.int64 == 2)
        #expect(error["message"]?.string?.contains("missing.yaml") == true)
    }

    @Test func shellCompletionScriptsAreGenerated() throws {
        for (shell, marker) in [("bash", "-F _toets toets"), ("zsh", "#compdef toets"), ("fish", "complete -c 'toets'")] {
            let result = try Toets.run(["--generate-completion-script", shell], in: project.path)
            #expect(result.status == 0)
            #expect(result.stdout.contains(marker), "\(shell)")
            #expect(result.stdout.contains("progress-every"), "\(shell)")
        }
    }
}
