import Foundation
import Synchronization
import Testing
import ToetsModel
import ToetsRunner
import ToetsStore
import ToetsTestSupport
@testable import ToetsScoring

/// Keeps the order in which steps reach the provenance log.
private final class OrderRecorder: StepRecorder {
    let stages = Mutex<[String]>([])
    func begin() throws {}
    func record(step: StepRecord, run: RunRecord, reused: StepRecord?) throws { stages.withLock { $0.append(step.stage) } }
    func finish(run: RunRecord) throws -> [String] { [] }
}

/// The `decision-rule` stage in a pipeline: declared and checked like every stage, logged
/// before the score step, and what the results decide by.
@Suite struct DecisionRuleStageTests {
    static let registry = StageRegistry.core.adding([ScoreStage(), DecisionRuleStage()])

    static func pipeline(rule: String = "{primary_metric: f1, min_difference: 0.05, harm_budget: 300}",
                         ruleNeeds: String = "[]") -> String {
        ScoreStageTests.pipeline(needs: "[alpha, beta, gamma, truth, posts, rule]") + """

          rule:
            uses: decision-rule
            needs: \(ruleNeeds)
            with: \(rule)
        """
    }

    @Test func theRuleIsLoggedBeforeTheScoreAndTheResultsDecideByIt() async throws {
        let fixture = try PipelineFixture(Self.pipeline(), files: ScoreStageTests.files)
        let recorder = OrderRecorder()
        let summary = try await fixture.run(registry: Self.registry, recorder: recorder)
        #expect(summary.status == .succeeded, "\(summary.stages.map { "\($0.stage): \($0.reason)" })")
        let order = recorder.stages.withLock { $0 }
        #expect(order.firstIndex(of: "rule")! < order.firstIndex(of: "score")!)
        let store = try fixture.workspace().store
        let results = try JSONDocument(Array(try Data(contentsOf: URL(fileURLWithPath: store.path(of: summary.output("score", "results")!))))).root
        #expect(results["decision", "rule", "primary_metric"]?.string == "f1")
        #expect(results["decision", "rule", "harm_budget_per_1000"]?.double == 300)
        #expect(results["decision", "outcome"]?.string != nil && results["decision", "outcome"]?.string != "no-rule")

        // Another rule reruns the rule and the score, nothing else.
        try fixture.setPipeline(Self.pipeline(rule: "{primary_metric: average_precision, min_difference: 0.1, harm_budget: 300}"))
        let again = try await fixture.run(registry: Self.registry)
        #expect(again.statuses["rule"] == .executed && again.statuses["score"] == .executed && again.statuses["alpha"] == .cached)
    }

    @Test func aBadRuleIsRefusedBeforeAnythingRunsWithItsLineAndField() throws {
        let fixture = try PipelineFixture(Self.pipeline(rule: "{primary_metric: accuracy, min_difference: 0.05, harm_budget: 10}"),
                                          files: ScoreStageTests.files)
        do {
            _ = try fixture.plan(registry: Self.registry)
            Issue.record("the plan was accepted")
        } catch let error as PipelineErrors {
            #expect(error.errors.map(\.problem) == ["must be one of f1, average_precision, precision, recall"])
            #expect(error.errors.first?.stage == "rule" && error.errors.first?.field == "with.primary_metric")
        }
        let missing = try PipelineFixture(Self.pipeline(rule: "{primary_metric: f1}"), files: ScoreStageTests.files)
        #expect(throws: PipelineErrors.self) { try missing.plan(registry: Self.registry) }
    }

    @Test func aRuleThatReadsAnythingIsRefused() async throws {
        let fixture = try PipelineFixture(Self.pipeline(ruleNeeds: "[truth]"), files: ScoreStageTests.files)
        let summary = try await fixture.run(registry: Self.registry)
        #expect(summary.statuses["rule"] == .failed && summary.statuses["score"] == .skipped)
        #expect(summary.stages.first { $0.stage == "rule" }?.reason.contains("a decision rule reads nothing") == true)
    }
}
