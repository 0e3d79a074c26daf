import Foundation
import Testing
import ToetsModel
import ToetsStore
import ToetsTestSupport
@testable import ToetsRunner

/// The runner against real commands (`/bin/sh`) in a temporary project.
@Suite struct PipelineRunnerTests {
    static let pipeline = """
        stages:
          data:
            uses: source
            with: {files: {posts: posts.csv}}
          count:
            needs: data
            with: {window: 60}
            run: wc -l < {in.posts} | tr -d ' ' > {out.count}
          first:
            needs: data
            run: cut -d, -f1 {in.posts} > {out.first}
          report:
            role: evaluation
            needs: [count, first]
            run: cat {in.count} {in.first} > {out.report}
        """

    func fixture() throws -> PipelineFixture {
        try PipelineFixture(Self.pipeline, files: ["posts.csv": "a,1\nb,2\n"])
    }

    @Test func aSecondRunReusesEverything() async throws {
        let fixture = try fixture()
        let first = try await fixture.run()
        #expect(first.status == .succeeded)
        #expect(Set(first.statuses.values) == [.executed])
        let observer = RecordingObserver()
        let second = try await fixture.run(observer: observer)
        #expect(Set(second.statuses.values) == [.cached])
        #expect(observer.startedStages.isEmpty)
        #expect(second.output("report", "report") == first.output("report", "report"))
        let workspace = try fixture.workspace()
        #expect(try String(contentsOfFile: workspace.store.path(of: first.output("report", "report")!), encoding: .utf8)
                == "2\na\nb\n")
    }

    @Test func aRerunThatChangedNothingRecordsEveryStepInPlanOrderAtOnce() async throws {
        let fixture = try fixture()
        let first = try await fixture.run()
        let second = try await fixture.run(jobs: 4)
        let workspace = try fixture.workspace()
        let steps = try workspace.index.steps(run: second.runID)
        // Recorded at once, before anything could run: numbered in plan order whatever --jobs says.
        #expect(steps.map(\.stage) == ["data", "count", "first", "report"])
        #expect(steps.map(\.id) == Array(steps[0].id...(steps[0].id + 3)))
        #expect(steps.allSatisfy { $0.status == .cached && $0.reason.hasPrefix("reused the result of run \(first.runID) (key ") })
        let firstSteps = try workspace.index.steps(run: first.runID)
        for step in steps {
            let original = try #require(firstSteps.first { $0.stage == step.stage })
            #expect(step.key == original.key && step.artefacts == original.artefacts && step.components == original.components)
        }
    }

    @Test func aParameterChangeRerunsThatStageAndSaysWhy() async throws {
        let fixture = try fixture()
        try await fixture.run()
        try fixture.setPipeline(Self.pipeline.replacingOccurrences(of: "window: 60", with: "window: 30"))
        let observer = RecordingObserver()
        let summary = try await fixture.run(observer: observer)
        #expect(summary.statuses == ["data": .cached, "count": .executed, "first": .cached, "report": .cached])
        #expect(summary.report("count")?.reason == "parameter window: 60 → 30")
        // count's output is the same bytes, so report is reused: early cutoff.
        #expect(observer.startedStages == ["count"])
    }

    @Test func anInputChangeRerunsOnlyWhatItReaches() async throws {
        let fixture = try fixture()
        let before = try await fixture.run()
        // Same line count, different first column: count is cut off early, first and report rerun.
        try fixture.directory.write("posts.csv", "c,1\nd,2\n")
        let after = try await fixture.run()
        #expect(after.statuses == ["data": .executed, "count": .executed, "first": .executed, "report": .executed])
        #expect(after.output("count", "count") == before.output("count", "count"))
        let reason = try #require(after.report("first")?.reason)
        #expect(reason.hasPrefix("input data.posts changed (\(before.output("data", "posts")!.short) → "))
        #expect(after.report("data")?.reason.hasPrefix("file posts.csv changed") == true)
    }

    @Test func earlyCutoffStopsTheCascadeWhenARerunYieldsTheSameBytes() async throws {
        let fixture = try fixture()
        try await fixture.run()
        try fixture.directory.write("posts.csv", "a,9\nb,8\n")
        let observer = RecordingObserver()
        let summary = try await fixture.run(observer: observer)
        // data changed; count (same line count) and first (same first column) rerun with the
        // same output, so report is reused.
        #expect(observer.startedStages.sorted() == ["count", "data", "first"])
        #expect(summary.statuses["report"] == .cached)
    }

    @Test func aFailingStageSkipsWhatNeedsItWhileIndependentBranchesFinish() async throws {
        let fixture = try PipelineFixture("""
            stages:
              broken:
                run: echo "line one" >&2; echo "the real problem" >&2; exit 3
              after:
                needs: broken
                run: echo x > {out.x}
              independent:
                run: sleep 0.2; echo ok > {out.ok}
            """)
        let summary = try await fixture.run()
        #expect(summary.status == .failed)
        #expect(summary.statuses == ["broken": .failed, "after": .skipped, "independent": .executed])
        let broken = try #require(summary.report("broken"))
        #expect(broken.reason == "the command exited with status 3")
        #expect(broken.stderrTail == "line one\nthe real problem")
        #expect(summary.report("after")?.reason == "needs 'broken', which did not succeed")
        let step = try #require(try fixture.workspace().index.lastStep(pipeline: "pipeline", stage: "broken", withOutputs: false))
        #expect(step.exitCode == 3)
        #expect(step.artefacts.map(\.name) == ["stderr", "stdout"])
    }

    @Test func aCommandThatDoesNotWriteItsOutputFails() async throws {
        let fixture = try PipelineFixture("stages:\n  lazy:\n    run: 'true # {out.result}'\n")
        let summary = try await fixture.run()
        #expect(summary.report("lazy")?.status == .failed)
        #expect(summary.report("lazy")?.reason == "the command exited 0 but did not write {out.result}")
    }

    /// Unsandboxed, so that the test can see the grandchild's pid; the sandbox's own PID
    /// namespace is tested in HostileMethodTests.
    @Test func aTimeLimitStopsTheWholeProcessGroup() async throws {
        let shared = TemporaryDirectory("toets-pids")
        let fixture = try PipelineFixture("""
            stages:
              slow:
                timeout: 1s
                run: sleep 30 & echo $! > \(shared.path)/child.pid; wait
            """)
        let summary = try await fixture.run(sandbox: .none)
        let report = try #require(summary.report("slow"))
        #expect(report.status == .failed)
        #expect(report.reason.hasPrefix("timed out after 1 s"))
        #expect(report.seconds < 25)  // well before the 30 s the command would take, even on a loaded machine
        // The background grandchild went with its group.
        #expect(try !isAlive(pid(in: shared.path + "/child.pid")))
    }

    @Test func independentStagesRunAtTheSameTime() async throws {
        // Each stage waits for the other's marker; run one at a time, both would time out. Unsandboxed:
        // sandboxes share no folder.
        let shared = TemporaryDirectory("toets-rendezvous")
        let fixture = try PipelineFixture("""
            stages:
              left:
                timeout: 20s
                run: touch \(shared.path)/left; while [ ! -e \(shared.path)/right ]; do sleep 0.05; done; echo l > {out.l}
              right:
                timeout: 20s
                run: touch \(shared.path)/right; while [ ! -e \(shared.path)/left ]; do sleep 0.05; done; echo r > {out.r}
            """)
        let summary = try await fixture.run(jobs: 2, sandbox: .none)
        #expect(summary.statuses == ["left": .executed, "right": .executed])
    }

    @Test func forceRerunsAStageEvenWhenCached() async throws {
        let fixture = try fixture()
        try await fixture.run()
        let summary = try await fixture.run(force: ["first"])
        #expect(summary.statuses["first"] == .executed)
        #expect(summary.report("first")?.reason == "forced with --force")
        #expect(summary.statuses["report"] == .cached)
    }

    /// Unsandboxed, to watch the grandchild from here; in the sandbox, see HostileMethodTests.
    @Test func cancellingARunStopsItsCommandsAndRecordsTheInterruption() async throws {
        let shared = TemporaryDirectory("toets-pids")
        let fixture = try PipelineFixture("""
            stages:
              slow:
                run: sleep 30 & echo $! > \(shared.path)/child.pid; wait; echo > {out.x}
            """)
        let observer = RecordingObserver()
        let task = Task { try await fixture.run(observer: observer, sandbox: .none) }
        while observer.startedStages.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let summary = try await task.value
        #expect(summary.status == .interrupted)
        #expect(summary.statuses["slow"] == .interrupted)
        #expect(summary.report("slow")!.seconds < 25)  // likewise
        let step = try fixture.workspace().index.steps(run: summary.runID).first
        #expect(step?.status == .interrupted)
        #expect(try !isAlive(pid(in: shared.path + "/child.pid")))
    }

    @Test func statusAndExplainSayWhatChangedWithoutRunning() async throws {
        let fixture = try fixture()
        try await fixture.run()
        try fixture.setPipeline(Self.pipeline.replacingOccurrences(of: "window: 60", with: "window: 30")
            .replacingOccurrences(of: "cut -d, -f1", with: "cut -d, -f2"))
        let runner = try fixture.runner()
        let predictions = Dictionary(uniqueKeysWithValues: try runner.predict().map { ($0.stage, $0) })
        #expect(predictions["data"]?.state == .upToDate)
        #expect(predictions["count"]?.state == .willRun)
        #expect(predictions["count"]?.reasons == ["parameter window: 60 → 30"])
        #expect(predictions["report"]?.state == .dependsOnUpstream)
        let first = try runner.explain("first")
        #expect(first.changes == ["command changed: `cut -d, -f1 {in.posts} > {out.first}` → `cut -d, -f2 {in.posts} > {out.first}`"])
        #expect(first.verdict == "the next run executes it: " + first.changes[0])
        let data = try runner.explain("data")
        #expect(data.changes.isEmpty)
        #expect(data.verdict.hasPrefix("nothing changed"))
        #expect(throws: PipelineError.self) { try runner.explain("nonesuch") }
    }

    @Test func explainNamesChangedCodeFiles() async throws {
        let fixture = try PipelineFixture("""
            stages:
              m:
                code: [methods]
                run: sh {root}/methods/m.sh > {out.x}
            """, files: ["methods/m.sh": "echo 1\n", "methods/lib/util.sh": "true\n", "methods/__pycache__/x.pyc": "x"])
        try await fixture.run()
        try fixture.directory.write("methods/lib/util.sh", "false\n")
        try fixture.directory.write("methods/__pycache__/x.pyc", "changed by python")
        let explanation = try fixture.runner().explain("m")
        #expect(explanation.changes.count == 1)
        #expect(explanation.changes.first?.hasPrefix("code methods/lib/util.sh changed (") == true)
    }

    /// Unsandboxed, where nothing but this check stands between a command and its input; in the
    /// sandbox the input is read-only (HostileMethodTests).
    @Test func aCommandThatWritesToItsInputIsCaughtAndTheObjectSetAside() async throws {
        let fixture = try PipelineFixture("""
            stages:
              data:
                uses: source
                with: {files: {posts: posts.csv}}
              vandal:
                needs: data
                run: chmod u+w {in.posts}; echo x >> {in.posts}; echo > {out.x}
            """, files: ["posts.csv": "a\n"])
        let summary = try await fixture.run(sandbox: .none)
        #expect(summary.report("vandal")?.status == .failed)
        #expect(summary.report("vandal")?.reason.hasPrefix("the command changed its input data.posts") == true)
        let again = try await fixture.run(sandbox: .none)
        #expect(again.statuses["data"] == .executed)
        #expect(try fixture.workspace().verify(repair: false).corrupt.isEmpty)
    }
}

/// The process id written in `path`.
func pid(in path: String) throws -> Int32 {
    let text = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    return try #require(Int32(text))
}

/// Whether a process is still running (a zombie waiting to be reaped counts as gone); waits up
/// to two seconds for it to go, since signals are delivered asynchronously.
func isAlive(_ pid: Int32) -> Bool {
    for _ in 0..<40 {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        let state = stat.split(separator: ")").last?.split(separator: " ").first
        if state == "Z" { return false }
        usleep(50_000)
    }
    return true
}
