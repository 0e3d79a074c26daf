import Foundation
import Testing
import ToetsModel
import ToetsStore
import ToetsTestSupport
@testable import ToetsRunner

/// The Slurm executor against a cluster played in process: jobs run their step with `StepJob`
/// as `toets step` does on a node, or end as Slurm ends them.
@Suite struct SlurmExecutorTests {
    static let pipeline = """
        executor: {partition: short, account: fimi-2026, qos: normal, retries: 2}
        stages:
          data:
            uses: source
            with: {files: {posts: posts.csv}}
          count:
            needs: data
            resources: {cpus: 4, memory: 2GiB, time: 1h30m}
            code: [count.sh]
            run: sh {root}/count.sh {in.posts} {out.count}
          first:
            needs: data
            resources: {partition: long}
            run: cut -d, -f1 {in.posts} > {out.first}
          report:
            role: evaluation
            needs: [count, first]
            run: cat {in.count} {in.first} > {out.report}
        """
    static let files = ["posts.csv": "a,1\nb,2\n", "count.sh": "wc -l < \"$1\" | tr -d ' ' > \"$2\"\n"]

    func fixture() throws -> PipelineFixture {
        try PipelineFixture(Self.pipeline, files: Self.files)
    }

    static func loadPlan(_ path: String) throws -> Plan {
        try PipelineChecker(registry: .core).check(PipelineLoader.load(path: path).spec)
    }

    static func settings(retries: Int = 2) -> SlurmSettings {
        var settings = SlurmSettings(defaults: ExecutorDefaults(partition: "short", account: "fimi-2026", qos: "normal",
                                                                retries: retries), toets: "/usr/local/bin/toets")
        settings.firstPoll = .milliseconds(10)
        settings.longestPoll = .milliseconds(100)
        settings.resultGrace = .milliseconds(300)
        return settings
    }

    func runThroughSlurm(_ fixture: PipelineFixture, _ slurm: FakeSlurm, retries: Int = 2, jobs: Int = 4) async throws -> RunSummary {
        try await fixture.run(jobs: jobs, executor: .slurm(Self.settings(retries: retries), control: slurm))
    }

    @Test func slurmGivesTheLocalDigestsAndANoOpRerunSubmitsNothing() async throws {
        let local = try fixture()
        let localRun = try await local.run()
        #expect(localRun.status == .succeeded)

        let cluster = try fixture()
        let slurm = FakeSlurm(loadPlan: Self.loadPlan)
        let slurmRun = try await runThroughSlurm(cluster, slurm)
        #expect(slurmRun.status == .succeeded)
        #expect(Set(slurmRun.statuses.values) == [.executed])
        for stage in ["data", "count", "first", "report"] {
            #expect(slurmRun.report(stage)?.key == localRun.report(stage)?.key)
            #expect(slurmRun.report(stage)?.artefacts.filter { $0.role == .output }
                    == localRun.report(stage)?.artefacts.filter { $0.role == .output })
            // The job's own log is kept with the step's logs.
            #expect(slurmRun.report(stage)?.artefacts.contains { $0.name == "slurm-job" && $0.role == .log } == true)
        }
        #expect(slurm.submissions.count == 4)

        let again = try await runThroughSlurm(cluster, slurm)
        #expect(Set(again.statuses.values) == [.cached])
        #expect(slurm.submissions.count == 4)
        // The store holds no job folders or half-written objects afterwards.
        #expect(try FileSystem.contents(of: cluster.workspace().store.temporaryDirectory).isEmpty)
    }

    @Test func aWorkspaceRunLocallyIsReusedWholeThroughSlurm() async throws {
        let fixture = try fixture()
        _ = try await fixture.run()
        let slurm = FakeSlurm(loadPlan: Self.loadPlan)
        let summary = try await runThroughSlurm(fixture, slurm)
        #expect(Set(summary.statuses.values) == [.cached])
        #expect(slurm.submissions.isEmpty)
    }

    @Test func jobNamesSayRunAndStageAndResourcesBecomeSbatchOptions() async throws {
        let fixture = try fixture()
        let slurm = FakeSlurm(loadPlan: Self.loadPlan)
        let summary = try await runThroughSlurm(fixture, slurm)
        let count = try #require(slurm.submissions.first { $0.name.hasSuffix("-count") })
        #expect(count.name == "toets-r\(summary.runID)-count")
        #expect(count.options == ["--partition=short", "--account=fimi-2026", "--qos=normal", "--cpus-per-task=4",
                                  "--mem=2048M", "--time=01:30:00"])
        let first = try #require(slurm.submissions.first { $0.name.hasSuffix("-first") })
        #expect(first.options == ["--partition=long", "--account=fimi-2026", "--qos=normal"])
        #expect(SlurmExecutor.slurmTime(90_061.2) == "1-01:01:02")
    }

    @Test func aJobOutOfMemorySaysSoWithSlurmsStateAndIsNotRetried() async throws {
        let fixture = try fixture()
        let slurm = FakeSlurm(loadPlan: Self.loadPlan) { submission, _ in
            submission.name.hasSuffix("-count") ? .end(SlurmJobState(state: "OUT_OF_MEMORY", reason: "OutOfMemory")) : .run()
        }
        let summary = try await runThroughSlurm(fixture, slurm)
        #expect(summary.statuses["count"] == .failed)
        #expect(summary.statuses["report"] == .skipped)
        let reason = try #require(summary.report("count")?.reason)
        #expect(reason.contains("ran out of memory (Slurm: OUT_OF_MEMORY, OutOfMemory)"))
        #expect(reason.contains("resources: memory:"))
        #expect(slurm.submissions.filter { $0.name.hasSuffix("-count") }.count == 1)
        #expect(summary.report("count")?.stderrTail?.contains("fake-node") == true)
    }

    @Test func aJobThatLostItsNodeIsSubmittedAgain() async throws {
        let fixture = try fixture()
        let slurm = FakeSlurm(loadPlan: Self.loadPlan) { submission, attempt in
            submission.name.hasSuffix("-first") && attempt == 1 ? .end(SlurmJobState(state: "NODE_FAIL")) : .run()
        }
        let summary = try await runThroughSlurm(fixture, slurm)
        #expect(summary.status == .succeeded)
        #expect(slurm.submissions.filter { $0.name.hasSuffix("-first") }.count == 2)

        let noRetries = try self.fixture()
        let failing = FakeSlurm(loadPlan: Self.loadPlan) { submission, _ in
            submission.name.hasSuffix("-first") ? .end(SlurmJobState(state: "NODE_FAIL")) : .run()
        }
        let failed = try await runThroughSlurm(noRetries, failing, retries: 0)
        #expect(failed.report("first")?.reason.contains("lost its node (Slurm: NODE_FAIL)") == true)
        #expect(failing.submissions.filter { $0.name.hasSuffix("-first") }.count == 1)
    }

    @Test func cancellingTheRunCancelsItsJobs() async throws {
        let fixture = try fixture()
        let slurm = FakeSlurm(loadPlan: Self.loadPlan) { submission, _ in
            submission.name.hasSuffix("-data") ? .run() : .hang
        }
        let run = Task { try await runThroughSlurm(fixture, slurm) }
        while slurm.submissions.count < 3 { try await Task.sleep(for: .milliseconds(10)) }
        run.cancel()
        let summary = try await run.value
        #expect(summary.status == .interrupted)
        let hanging = slurm.submissions.indices.filter { slurm.submissions[$0].name.hasSuffix("-count") || slurm.submissions[$0].name.hasSuffix("-first") }
        #expect(Set(slurm.cancelled) == Set(hanging.map { String($0 + 1) }))
        #expect(summary.statuses["count"] == .interrupted)
    }

    @Test func aResultClaimingOutputsTheStoreLacksIsRefused() async throws {
        let fixture = try fixture()
        let slurm = FakeSlurm(loadPlan: Self.loadPlan) { submission, _ in
            submission.name.hasSuffix("-count") ? .forge : .run()
        }
        let summary = try await runThroughSlurm(fixture, slurm)
        #expect(summary.statuses["count"] == .failed)
        #expect(summary.report("count")?.reason.contains("which the store does not hold with those bytes") == true)
        #expect(try fixture.workspace().index.cachedStep(forKey: #require(summary.report("count")?.key)) == nil)
    }

    /// A node that sees other code than the controller hashed must not store results under the
    /// controller's key.
    @Test func aJobWhoseNodeSeesOtherCodeRefusesToRunIt() async throws {
        let fixture = try fixture()
        let script = fixture.directory.path + "/count.sh"
        let slurm = FakeSlurm(loadPlan: Self.loadPlan) { submission, _ in
            guard submission.name.hasSuffix("-count") else { return .run() }
            return .run(before: { try? "echo 99 > \"$2\"\n".write(toFile: script, atomically: true, encoding: .utf8) })
        }
        let summary = try await runThroughSlurm(fixture, slurm)
        #expect(summary.statuses["count"] == .failed)
        let reason = try #require(summary.report("count")?.reason)
        #expect(reason.contains("the step's key differs from the controller's"))
        #expect(reason.contains("count.sh"))
    }

    @Test func oneQueryAsksAboutEveryWaitingJob() async throws {
        let folder = TemporaryDirectory("toets-slurm-watch")
        let slurm = FakeSlurm(loadPlan: Self.loadPlan) { _, _ in .hang }
        var jobs: [String] = []
        for name in ["a", "b", "c"] {
            jobs.append(try await slurm.submit(SlurmSubmission(name: name, script: "/bin/true", log: folder.path + "/\(name).log",
                                                               directory: folder.path, options: [])))
        }
        let watch = SlurmWatch(control: slurm, first: .seconds(5), longest: .seconds(10))
        for job in jobs { await watch.watch(job) }
        #expect(await watch.seen(jobs[1]) == .waiting)
        #expect(slurm.queries == [jobs])
        // Asked again within the interval, the watch answers from the last poll.
        #expect(await watch.seen(jobs[2]) == .waiting)
        #expect(slurm.queries.count == 1)
    }

    @Test func aJobSlurmNoLongerListsHasEnded() async throws {
        let slurm = FakeSlurm(loadPlan: Self.loadPlan)
        let watch = SlurmWatch(control: slurm, first: .milliseconds(1), longest: .milliseconds(1))
        await watch.watch("41")
        #expect(await watch.seen("41") == .ended(nil))
        #expect(SlurmExecutor.describe(nil).contains("Slurm no longer knows how it ended"))
    }
}
