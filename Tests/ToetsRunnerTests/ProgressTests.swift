import Foundation
import Synchronization
import Testing
import ToetsModel
import ToetsStore
import ToetsTestSupport
@testable import ToetsRunner

/// A gate a test opens; a stage waits at it.
private final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let resume = state.withLock { state in
                if state.open { return true }
                state.waiting.append(continuation)
                return false
            }
            if resume { continuation.resume() }
        }
    }

    func open() {
        let waiting = state.withLock { state in
            state.open = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }
}

/// A built-in stage that counts its input's lines as rows, reporting 4 of them done, then
/// waits at the gate before it finishes and writes the count.
private struct CountingStage: BuiltinStage {
    let gate: Gate
    let kind = "counting"
    let version = 1
    let role = StageRole.data
    var parameters: [ParameterSpec] { [] }

    func outputs(parameters: [String: ParamValue]) throws(StageParameterError) -> [String] { ["count"] }

    func run(_ context: any StageContext) async throws {
        let text = try String(contentsOfFile: context.inputs.values.first!.path, encoding: .utf8)
        let rows = Int64(text.split(separator: "\n").count)
        context.progress.begin("counting", unit: "rows", total: rows)
        context.progress.update(done: 4)
        await gate.wait()
        context.progress.update(done: rows)
        try await context.storeOutput("count", bytes: Array("\(rows)\n".utf8))
    }
}

/// Waits (polling, without a time limit of its own) until `condition` holds; false if the
/// test would otherwise hang: after many tries.
private func eventually(_ condition: () -> Bool) async -> Bool {
    for _ in 0..<2000 {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return condition()
}

@Suite struct ProgressTests {
    static let pipeline = """
        stages:
          data:
            uses: source
            with: {files: {rows: rows.txt}}
          count:
            uses: counting
            needs: data
        """
    static let rows = (1...10).map { "row \($0)\n" }.joined()

    // MARK: A stage reporting progress, watched

    @Test func eventsComeInOrderAndTheLiveFileShowsTheStageWhileItRuns() async throws {
        let fixture = try PipelineFixture(Self.pipeline, files: ["rows.txt": Self.rows])
        let gate = Gate()
        let (plan, bytes) = try fixture.plan(registry: StageRegistry.core.adding([CountingStage(gate: gate)]))
        let monitor = RunMonitor(pipeline: plan.pipeline.name, stageCount: plan.stages.count)
        let lines = Mutex<[String]>([])
        let events = RunEventWriter(monitor: monitor, stages: plan.stages.map(\.name)) { line in lines.withLock { $0.append(line) } }
        let runner = PipelineRunner(plan: plan, workspace: try fixture.workspace())
        let run = Task {
            try await runner.run(RunOptions(jobs: 2, waitForLock: false), pipelineBytes: bytes,
                                 observer: RunObservers([monitor, events]))
        }
        let running = await eventually { monitor.sample()?.running.first?.progress?.done == 4 }
        #expect(running)
        let live = try #require(monitor.sample())
        events.sampleProgress(live)
        events.sampleProgress(live)  // unchanged: not written again
        let file = LiveRunFile(workspace: fixture.workspacePath)
        try file.write(live)
        let read = try #require(file.read())
        #expect(read.running.map(\.stage) == ["count"])
        #expect(read.running.first?.progress == ProgressSnapshot(phase: "counting", unit: "rows", done: 4, total: 10))
        #expect(read.finished == 1 && read.stages == 2 && read.executed == 1)
        gate.open()
        let summary = try await run.value
        #expect(summary.status == .succeeded)
        events.write(RunEvent.finished(summary, reports: []))
        file.removeIfOurs()
        #expect(file.read() == nil && !FileSystem.exists(file.path))

        let parsed = try lines.withLock { $0 }.map { try JSONDocument(Array($0.utf8)).root }
        #expect(parsed.map { $0["event"]?.string } == ["run-started", "stage-started", "stage-finished", "stage-started",
                                                      "progress", "stage-finished", "run-finished"])
        #expect(parsed.allSatisfy { $0["schema"]?.string == RunEvent.currentSchema && $0["time"]?.string?.hasSuffix("Z") == true })
        #expect(parsed[0]["stages"]?.elements.compactMap(\.string) == ["data", "count"])
        #expect(parsed[2]["stage"]?.string == "data" && parsed[2]["status"]?.string == "executed")
        #expect(parsed[3]["stage"]?.string == "count" && parsed[3]["reason"]?.string == "never run before")
        #expect(parsed[4]["progress"]?["done"]?.int64 == 4 && parsed[4]["progress"]?["total"]?.int64 == 10)
        let finished = parsed[5]
        #expect(finished["stage"]?.string == "count" && finished["progress"]?["done"]?.int64 == 10)
        let count = try #require(summary.output("count", "count"))
        #expect(finished["artefacts"]?.elements.first?["digest"]?.string == count.hex)
        #expect(parsed[6]["status"]?.string == "succeeded" && parsed[6]["counts"]?["executed"]?.int64 == 2)
    }

    @Test func aFailedStageIsAnEventWithItsReason() async throws {
        let fixture = try PipelineFixture("stages:\n  broken:\n    run: echo nothing here >&2; exit 3\n")
        let (plan, bytes) = try fixture.plan()
        let monitor = RunMonitor(pipeline: plan.pipeline.name, stageCount: plan.stages.count)
        let lines = Mutex<[String]>([])
        let events = RunEventWriter(monitor: monitor, stages: plan.stages.map(\.name)) { line in lines.withLock { $0.append(line) } }
        let summary = try await PipelineRunner(plan: plan, workspace: try fixture.workspace())
            .run(RunOptions(jobs: 1, waitForLock: false), pipelineBytes: bytes, observer: RunObservers([monitor, events]))
        #expect(summary.status == .failed)
        let failed = try #require(try lines.withLock { $0 }.map { try JSONDocument(Array($0.utf8)).root }
            .first { $0["event"]?.string == "stage-failed" })
        #expect(failed["reason"]?.string?.contains("exited with status 3") == true)
        #expect(failed["stderr_tail"]?.string == "nothing here")
    }

    /// Watching changes nothing: the same keys and output digests with every progress consumer
    /// attached as with none.
    @Test func progressConsumersChangeNoKeyAndNoArtefact() async throws {
        var outcomes: [[String: String]] = []
        for watched in [false, true] {
            let fixture = try PipelineFixture(Self.pipeline + """

                  command:
                    needs: count
                    run: echo "toets-progress 1/2 steps" >&2; echo "toets-progress 2/2 steps" > "$TOETS_PROGRESS_FILE"; cat {in.count} > {out.copy}
                """, files: ["rows.txt": Self.rows])
            let gate = Gate()
            gate.open()
            let (plan, bytes) = try fixture.plan(registry: StageRegistry.core.adding([CountingStage(gate: gate)]))
            let monitor = RunMonitor(pipeline: plan.pipeline.name, stageCount: plan.stages.count)
            let events = RunEventWriter(monitor: monitor, stages: plan.stages.map(\.name)) { _ in }
            let observer: any RunObserver = watched ? RunObservers([monitor, events]) : RecordingObserver()
            let runner = PipelineRunner(plan: plan, workspace: try fixture.workspace())
            let sampler = Task {
                while !Task.isCancelled {
                    if watched, let live = monitor.sample() {
                        events.sampleProgress(live)
                        try? LiveRunFile(workspace: fixture.workspacePath).write(live)
                    }
                    try? await Task.sleep(for: .milliseconds(1))
                }
            }
            let summary = try await runner.run(RunOptions(jobs: 2, waitForLock: false), pipelineBytes: bytes, observer: observer)
            sampler.cancel()
            #expect(summary.status == .succeeded)
            var outcome: [String: String] = [:]
            for report in summary.stages {
                outcome[report.stage + " key"] = report.key?.hex
                for artefact in report.artefacts { outcome[report.stage + "." + artefact.name] = artefact.digest.hex }
            }
            outcomes.append(outcome)
        }
        #expect(outcomes[0] == outcomes[1])
        #expect(outcomes[0]["command.copy"] != nil && outcomes[0]["count.count"] != nil)
    }

    // MARK: What a command reports

    @Test func reportLinesAreParsedAndCleaned() {
        #expect(CommandProgress.parse("toets-progress 1200/5000 accounts scoring pairs")
                == ProgressSnapshot(phase: "scoring pairs", unit: "accounts", done: 1200, total: 5000))
        #expect(CommandProgress.parse("toets-progress 7/? pairs") == ProgressSnapshot(phase: "", unit: "pairs", done: 7, total: nil))
        #expect(CommandProgress.parse("toets-progress 7") == ProgressSnapshot(phase: "", unit: "", done: 7, total: nil))
        for bad in ["toets-progress -1/5 x", "toets-progress 1/-5 x", "toets-progress a/5", "toets-progress 1.5/5",
                    "toets-progress 1234567890123456789/2", "Toets-progress 1/2", "progress 1/2", "toets-progress "] {
            #expect(CommandProgress.parse(bad) == nil, "\(bad)")
        }
        // Escape sequences, bidirectional overrides and other invisible characters never reach the terminal.
        let hostile = CommandProgress.parse("toets-progress 1/2 r\u{1B}[2Jows\u{7} ph\u{1B}]0;owned\u{7}ase \u{202E}gnp.exe")
        #expect(hostile?.unit == "r2Jows")
        #expect(hostile?.phase.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && $0 != "\u{202E}" } == true)
        #expect(CommandProgress.parse("toets-progress 1/2 u " + String(repeating: "p", count: 500))?.phase.count == 60)
    }

    @Test func onlyTheLastCompleteReportCounts() {
        let bytes = Array("log line\ntoets-progress 3/9 files\nmore log\ntoets-progress 4/9 files\ntoets-progress 5/".utf8)
        #expect(CommandProgress.lastReport(in: bytes)?.done == 4)
        #expect(CommandProgress.lastReport(in: Array("toets-progress 5/9".utf8)) == nil)
    }

    @Test func theProgressFileComesFirstAndIsNeverFollowedNorWaitedOn() throws {
        let folder = TemporaryDirectory()
        let stderr = try folder.write("stderr", "toets-progress 1/4 steps\n")
        let file = folder.path + "/progress"
        let reader = CommandProgress(standardError: stderr, file: file)
        #expect(reader.read()?.done == 1)
        try folder.write("progress", "toets-progress 2/4 steps\n")
        #expect(reader.read()?.done == 2)
        // A link to a file the command could not read itself (on the host) is not followed.
        unlink(file)
        let secret = try folder.write("secret", "toets-progress 3/4 steps\n")
        #expect(symlink(secret, file) == 0)
        #expect(reader.read()?.done == 1)
        // A pipe with no writer would block a reader that opened it plainly.
        unlink(file)
        #expect(mkfifo(file, 0o600) == 0)
        #expect(reader.read()?.done == 1)
        // A huge file: only its end is read.
        unlink(file)
        try folder.write("progress", String(repeating: "x", count: 1 << 20) + "\ntoets-progress 4/4 steps\n")
        #expect(reader.read()?.done == 4)
    }

    @Test func theMeterKeepsACommandsLastReportOnceItsFilesAreGone() throws {
        let folder = TemporaryDirectory()
        let stderr = try folder.write("stderr", "toets-progress 5/8 parts\n")
        let meter = StageProgress()
        meter.follow(CommandProgress(standardError: stderr, file: folder.path + "/none").read)
        #expect(meter.snapshot()?.done == 5)
        unlink(stderr)
        #expect(meter.snapshot()?.done == 5)
        // What the stage reports itself comes before what it is following.
        meter.begin("own", unit: "items", total: 3)
        meter.advance(by: 2)
        #expect(meter.snapshot() == ProgressSnapshot(phase: "own", unit: "items", done: 2, total: 3))
    }

    // MARK: Rate, time left, words

    @Test func rateAndTimeLeftFollowTheRecentReadings() {
        var rate = ProgressRate()
        func reading(_ done: Int64, phase: String = "p") -> ProgressSnapshot {
            ProgressSnapshot(phase: phase, unit: "posts", done: done, total: 1000)
        }
        #expect(rate.add(reading(0), at: 0).rate == nil)
        #expect(rate.add(reading(50), at: 0.5).rate == nil)  // less than a second of readings
        let first = rate.add(reading(100), at: 1)
        #expect(first.rate == 100 && first.secondsLeft == 9)
        // The rate drops: after the window, only recent readings count.
        for second in 2...30 { _ = rate.add(reading(100 + Int64(second - 1) * 10), at: Double(second)) }
        let late = rate.add(reading(400), at: 31)
        #expect(late.rate == 10 && late.secondsLeft == 60)
        // A new phase starts over.
        #expect(rate.add(reading(0, phase: "q"), at: 32).rate == nil)
        // Nothing moved: no time left can be said.
        var stuck = ProgressRate()
        _ = stuck.add(reading(5), at: 0)
        let still = stuck.add(reading(5), at: 10)
        #expect(still.rate == 0 && still.secondsLeft == nil)
    }

    @Test func progressInWords() {
        let stage = LiveStage(stage: "anonymise", seconds: 47.2,
                              progress: ProgressSnapshot(phase: "anonymising posts", unit: "posts", done: 450_000, total: 1_000_000),
                              rate: 9612.4, secondsLeft: 57.2)
        #expect(ProgressText.describe(stage)
                == "anonymising posts · 45% · 450,000 of 1,000,000 posts · 9,612 posts/s · about 57 s left · 47 s so far")
        let bytes = LiveStage(stage: "ingest", seconds: 125,
                              progress: ProgressSnapshot(phase: "", unit: "bytes", done: 3 << 20, total: 12 << 20),
                              rate: 1_048_576, secondsLeft: 540)
        #expect(ProgressText.describe(bytes) == "25% · 3 MiB of 12 MiB · 1 MiB/s · about 9 min left · 2 min 5 s so far")
        #expect(ProgressText.describe(LiveStage(stage: "m", seconds: 3)) == "running for 3 s")
        #expect(ProgressText.describe(LiveStage(stage: "m", seconds: 3, progress: ProgressSnapshot(phase: "sorting posts", unit: "",
                                                                                                   done: 0, total: nil)))
                == "sorting posts · 3 s so far")
        #expect(ProgressText.bar(0.5, width: 10) == "[█████░░░░░]")
        #expect(ProgressText.bar(nil, width: 4) == "[····]")
    }

    // MARK: The live file

    @Test func aLiveFileOfAProcessThatIsGoneIsNotShown() throws {
        let folder = TemporaryDirectory()
        let file = LiveRunFile(workspace: folder.path)
        var live = LiveRun(run: 3, pipeline: "p", pid: getpid(), processStart: LiveRunFile.processStart(getpid()), seconds: 1,
                           stages: 2)
        try file.write(live)
        #expect(file.read() == live)
        // The same number, another process (a pid reused after a kill -9).
        live.processStart = (live.processStart ?? 0) + 1
        try file.write(live)
        #expect(file.read() == nil)
        file.removeIfOurs()
        #expect(FileSystem.exists(file.path), "a file this process did not write is left alone")
        try folder.write(LiveRunFile.name, "{\"schema\": \"toets.live-run/99\"}")
        #expect(file.read() == nil)
    }
}
