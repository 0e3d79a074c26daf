import Foundation
import Testing
import ToetsModel
import ToetsStore
import ToetsTestSupport
@testable import ToetsRunner

/// The runner against a fake executor: what runs, what is reused and what is recorded is the
/// runner's decision, whatever executes the steps.
@Suite struct ExecutorSeamTests {
    static let fanOut = """
        stages:
          data:
            uses: source
            with: {files: {posts: posts.csv}}
          a: {needs: data, run: "cat {in.posts} > {out.a}"}
          b: {needs: data, run: "cat {in.posts} > {out.b}"}
          c: {needs: data, run: "cat {in.posts} > {out.c}"}
          d: {needs: data, run: "cat {in.posts} > {out.d}"}
          join:
            role: evaluation
            needs: [a, b, c, d]
            run: cat {in.a} {in.b} {in.c} {in.d} > {out.all}
        """

    func fixture() throws -> PipelineFixture {
        try PipelineFixture(Self.fanOut, files: ["posts.csv": "a,1\n"])
    }

    @Test func theRunnerAsksTheExecutorOnlyForCacheMissesAndANoOpAsksNothing() async throws {
        let fixture = try fixture()
        let fake = FakeExecutor(store: try fixture.workspace().store)
        let first = try await fixture.run(jobs: 2, executor: .custom(fake))
        #expect(first.status == .succeeded)
        #expect(fake.executed.sorted() == ["a", "b", "c", "d", "data", "join"])
        #expect(first.output("join", "all") == Digest.sha256(of: Array("join.all".utf8)))
        let second = try await fixture.run(jobs: 2, executor: .custom(fake))
        #expect(Set(second.statuses.values) == [.cached])
        #expect(fake.executed.count == 6)
    }

    @Test func theRunnerBoundsTheStepsInFlightByJobs() async throws {
        let fixture = try fixture()
        let fake = FakeExecutor(store: try fixture.workspace().store, pause: .milliseconds(50))
        _ = try await fixture.run(jobs: 3, executor: .custom(fake))
        #expect(fake.mostInFlight == 3)
    }

    @Test func aFailedStepSkipsWhatNeedsItWithoutAskingTheExecutor() async throws {
        let fixture = try fixture()
        let fake = FakeExecutor(store: try fixture.workspace().store) { step, output in
            step.stage.name == "b" ? nil : Array(output.utf8)
        }
        let summary = try await fixture.run(executor: .custom(fake))
        #expect(summary.status == .failed)
        #expect(summary.statuses["b"] == .failed)
        #expect(summary.statuses["join"] == .skipped)
        #expect(!fake.executed.contains("join"))
        #expect(summary.report("b")?.reason == "fake failure of b")
    }

    @Test func keysDoNotDependOnTheExecutor() async throws {
        let fixture = try fixture()
        let local = try await fixture.run(sandbox: .bubblewrap)
        #expect(local.status == .succeeded)
        let fake = FakeExecutor(store: try fixture.workspace().store)
        let again = try await fixture.run(executor: .custom(fake))
        #expect(Set(again.statuses.values) == [.cached])
        #expect(fake.executed.isEmpty)
        #expect(again.stages.map(\.key) == local.stages.map(\.key))
    }

    /// An executor that claims outputs it never stored is not believed.
    @Test func anOutcomeNamingObjectsTheStoreLacksIsAFailure() async throws {
        struct Liar: StageExecutor {
            func execute(_ step: StepRequest, progress: StageProgress) async -> StepOutcome {
                StepOutcome(status: .executed, reason: "",
                            artefacts: step.stage.outputs.map { StepArtefact(name: $0, digest: Digest.sha256(of: Array($0.utf8)), size: 1) })
            }
        }
        let fixture = try fixture()
        let summary = try await fixture.run(executor: .custom(Liar()))
        #expect(summary.statuses["data"] == .failed)
        #expect(summary.report("data")?.reason.contains("which the store does not hold") == true)
        #expect(try fixture.workspace().index.cachedStep(forKey: #require(summary.report("data")?.key)) == nil)
    }
}
