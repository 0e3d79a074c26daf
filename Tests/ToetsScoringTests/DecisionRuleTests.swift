import Foundation
import Testing
import ToetsModel
@testable import ToetsScoring

/// The decision rule's outcomes on constructed cases: a dominating method, two that cannot be
/// told apart, one over its harm budget, and the ways a method cannot be recommended.
@Suite struct DecisionRuleTests {
    /// 40 campaigns of 5 accounts and 800 others, one annotator each. `kinds` names the kind of
    /// legitimate coordination of the first others (n0… get `volunteers`).
    static func truth(volunteers: Int = 0) -> GroundTruth {
        var rows: [LabelRow] = []
        for campaign in 0..<40 {
            for member in 0..<5 {
                rows.append(LabelRow(account: "c\(campaign)-\(member)", isCampaign: true, campaign: "C\(campaign)", annotator: "A1"))
            }
        }
        for other in 0..<800 {
            rows.append(LabelRow(account: "n\(other)", isCampaign: false, campaign: nil, annotator: "A1",
                                 coordination: other < volunteers ? "volunteers" : nil))
        }
        return GroundTruth(rows: rows)
    }

    /// A method that flags `campaigns` whole campaigns and the first `others` other accounts;
    /// scores put what it flags first.
    static func method(campaigns: Int, others: Int, skipOthers: Int = 0) -> [Detection] {
        var detections: [Detection] = []
        for campaign in 0..<40 {
            for member in 0..<5 {
                let flagged = campaign < campaigns
                detections.append(Detection(accountID: "c\(campaign)-\(member)", score: flagged ? 0.9 : 0.2, flagged: flagged,
                                            group: flagged ? "g\(campaign)" : nil))
            }
        }
        for other in 0..<800 {
            let flagged = other >= skipOthers && other < skipOthers + others
            detections.append(Detection(accountID: "n\(other)", score: flagged ? 0.8 : 0.1, flagged: flagged,
                                        group: flagged ? "x" : nil))
        }
        return detections
    }

    static let rule = DecisionRule(primaryMetric: .f1, minDifference: 0.05, harmBudget: 50)

    static func decide(_ methods: [(String, [Detection])], rule: DecisionRule = rule, volunteers: Int = 0,
                       replicates: Int = 400) async throws -> (Decision, Scorecard) {
        var settings = ScoreSettings()
        settings.replicates = replicates
        settings.strata = []
        let card = try await Scorer.score(methods: methods.map { (name: $0.0, detections: $0.1) }, truth: truth(volunteers: volunteers),
                                          strata: nil, settings: settings, rule: rule)
        return (try #require(card.decision), card)
    }

    @Test func aDominatingMethodIsNamedBest() async throws {
        let (decision, _) = try await Self.decide([("strong", Self.method(campaigns: 38, others: 4)),
                                                   ("weak", Self.method(campaigns: 15, others: 4))])
        #expect(decision.outcome == .best && decision.method == "strong")
        #expect(decision.pairs.map(\.verdict) == [.firstBetter])  // pairs in name order: strong − weak
        #expect(decision.standings.allSatisfy { $0.status == .within && $0.recommendable })
    }

    @Test func twoMethodsThatCannotBeToldApartGiveNoBest() async throws {
        // Nearly the same flags: one campaign apart, within the smallest difference that matters or not shown.
        let (decision, card) = try await Self.decide([("a", Self.method(campaigns: 20, others: 4)),
                                                      ("b", Self.method(campaigns: 20, others: 4, skipOthers: 4))])
        #expect(decision.outcome == .noneShownBetter && decision.method == nil)
        #expect(decision.leader == "a" && decision.notShownBetterThan == ["b"])
        #expect(decision.pairs.map(\.verdict) == [.notSignificant])
        let f1 = try #require(card.pairs.first?.differences[.f1])
        #expect(f1.difference.value == 0 && f1.pValue == 1 && !f1.rejected)
        #expect(card.summary.contains("No method is shown to be better: a leads but is not shown better than b."))
    }

    @Test func aMethodOverItsHarmBudgetIsNeverRecommendedEvenWithTheBestF1() async throws {
        // greedy finds every campaign but flags 100 of 800 others (125 per 1,000, budget 50).
        let (decision, _) = try await Self.decide([("greedy", Self.method(campaigns: 40, others: 100)),
                                                   ("careful", Self.method(campaigns: 25, others: 2)),
                                                   ("timid", Self.method(campaigns: 10, others: 0))])
        let greedy = try #require(decision.standings.first { $0.method == "greedy" })
        #expect(greedy.status == .over && greedy.reasons == [.overHarmBudget] && !greedy.recommendable)
        #expect(greedy.primary.value! > decision.standings.first { $0.method == "careful" }!.primary.value!)
        #expect(decision.outcome == .best && decision.method == "careful")
        let only = try await Self.decide([("greedy", Self.method(campaigns: 40, others: 100)),
                                          ("careful", Self.method(campaigns: 25, others: 2))]).0
        #expect(only.outcome == .onlyRecommendable && only.method == "careful")
    }

    @Test func aBudgetTheIntervalDoesNotClearIsNotShownAndAKindCanBeOverItsOwn() async throws {
        // 30 of 800 others: 37.5 per 1,000, under a budget of 40, but the interval reaches past it.
        let rule = DecisionRule(primaryMetric: .f1, minDifference: 0.05, harmBudget: 40, harmBudgetPerKind: .all(100))
        let (decision, _) = try await Self.decide([("edge", Self.method(campaigns: 30, others: 30)),
                                                   ("kindly", Self.method(campaigns: 30, others: 0))],
                                                  rule: rule, volunteers: 40)
        let edge = try #require(decision.standings.first { $0.method == "edge" })
        #expect(edge.status == .notShownWithin && edge.reasons.contains(.notShownWithinHarmBudget))
        // Its 30 false positives are volunteers (the first 40 others): 750 per 1,000 of that kind.
        #expect(edge.kinds.first?.status == .over && edge.reasons.contains(.kindOverHarmBudget))
        #expect(decision.outcome == .onlyRecommendable && decision.method == "kindly")
    }

    @Test func aMethodThatFlagsNothingOrNoLabelledAccountIsNotRecommended() async throws {
        let silent = Self.method(campaigns: 0, others: 0)
        let blind = Self.method(campaigns: 0, others: 0) + [Detection(accountID: "u1", score: 0.9, flagged: true, group: "u")]
        let (decision, card) = try await Self.decide([("silent", silent), ("blind", blind),
                                                      ("fine", Self.method(campaigns: 20, others: 1))])
        #expect(decision.standings.first { $0.method == "silent" }?.reasons == [.flagsNothing])
        #expect(decision.standings.first { $0.method == "blind" }?.reasons == [.flagsNoLabelledAccount])
        #expect(decision.outcome == .onlyRecommendable && decision.method == "fine")
        #expect(card.methods.first { $0.name == "silent" }?.warnings == [.operatingPointFlagsNothing])
        #expect(card.methods.first { $0.name == "blind" }?.warnings == [])
        #expect(card.summary.contains("WARNING: silent's declared operating point flags no account on these data"))
    }

    @Test func tooFewResamplesForHolmAreSaid() async throws {
        let methods = (0..<4).map { ("m\($0)", Self.method(campaigns: 10 + 5 * $0, others: 2)) }
        let (decision, _) = try await Self.decide(methods, replicates: 50)
        #expect(decision.tooFewReplicates)  // 2/51 > 0.05/6
        #expect(decision.outcome != .best)
    }

    @Test func withoutARuleNoMethodIsNamed() async throws {
        var settings = ScoreSettings()
        settings.replicates = 50
        let card = try await Scorer.score(methods: [(name: "a", detections: Self.method(campaigns: 30, others: 1))],
                                          truth: Self.truth(), strata: nil, settings: settings)
        #expect(card.decision == nil)
        let results = String(decoding: card.resultsJSON(stage: "score 3"), as: UTF8.self)
        #expect(results.contains(#""outcome":"no-rule""#))
        #expect(card.summary.contains("no decision rule was declared before scoring, so no method is named better"))
    }

    @Test func theRuleIsCheckedLikeEveryParameterAndSurvivesItsArtefact() throws {
        func parameters(_ change: [String: ParamValue]) -> [String: ParamValue] {
            var base: [String: ParamValue] = ["primary_metric": .string("average_precision"), "min_difference": .double(0.05),
                                              "harm_budget": .int(10), "harm_budget_per_kind": .null, "alpha": .double(0.05)]
            for (key, value) in change { base[key] = value }
            return base
        }
        for (change, parameter) in [(["primary_metric": ParamValue.string("accuracy")], "primary_metric"),
                                    (["min_difference": .double(1.5)], "min_difference"),
                                    (["harm_budget": .int(-1)], "harm_budget"),
                                    (["harm_budget_per_kind": .map(["neighbours": .int(5)])], "harm_budget_per_kind"),
                                    (["alpha": .double(0)], "alpha")] {
            #expect(throws: StageParameterError.self, "\(parameter)") { try DecisionRule(parameters: parameters(change)) }
            do { _ = try DecisionRule(parameters: parameters(change)) } catch { #expect(error.parameter == parameter) }
        }
        let rule = try DecisionRule(parameters: parameters(["harm_budget_per_kind": .map(["fans": .int(20)])]))
        #expect(rule.budget(kind: "fans") == 20 && rule.budget(kind: "volunteers") == 10)
        #expect(try DecisionRule.read(rule.artefact, artefact: "rule.rule") == rule)
        #expect(String(decoding: rule.artefact, as: UTF8.self).hasPrefix(#"{"alpha":0.05,"harm_budget_per_1000":10"#))
        #expect(throws: ScoreError.self) { try DecisionRule.read(Array(#"{"schema_version":2}"#.utf8), artefact: "r") }
    }
}
