import Foundation
import Testing
import ToetsModel
@testable import ToetsScoring

/// The score stage's figures on the small fixture, against a hand computation, and how label
/// rules, unknown accounts and small strata are handled.
@Suite struct ScoreFiguresTests {
    /// alpha, majority rule, ranked: c1 .9 P, c2 .8 P, c3 .7 P, n1 .65 N, c5 .6 P, n5 .5 N, n2 .4 N,
    /// c4 .3 P, c6 .2 P, n3 .1 N, n4 .05 N, n6 0 N; flagged c1, c2, c3, c5, n1.
    @Test func figuresMatchAHandComputation() async throws {
        let card = try await ScoreFixtures.score()
        #expect(card.methods.map(\.name) == ["alpha", "beta", "gamma"])
        let alpha = card.methods[0]
        #expect(alpha.overall.counts == ConfusionCounts(truePositives: 4, falsePositives: 1, falseNegatives: 2, trueNegatives: 5))
        #expect(isClose(alpha.overall.precision.value, 0.8))
        #expect(isClose(alpha.overall.recall.value, 4.0 / 6))
        #expect(isClose(alpha.overall.f1.value, 8.0 / 11))
        #expect(isClose(alpha.overall.falsePositiveRate.value, 1.0 / 6))
        // AP: precision at each positive, averaged: (1 + 1 + 1 + 4/5 + 5/8 + 6/9) / 6.
        #expect(isClose(alpha.overall.averagePrecision.value, (3 + 0.8 + 0.625 + 6.0 / 9) / 6))
        // AUC: negatives below each positive, 6 + 6 + 6 + 5 + 3 + 3 of 36 pairs.
        #expect(isClose(alpha.overall.rocAUC.value, 29.0 / 36))
        #expect(isClose(alpha.topK[0].precision.value, 1) && alpha.topK[0].unknownInTopK == 2)
        // FP budget 0.2 of 6 negatives: at most one false positive, so the threshold is c5's 0.6.
        #expect(alpha.budget.threshold == 0.6 && isClose(alpha.budget.recall.value, 4.0 / 6))
        // Wilson interval of 4/5 at 95%, as statsmodels' proportion_confint(4, 5, method="wilson").
        #expect(isClose(alpha.overall.precision.wilson?.lower, 0.3755346297625255, tolerance: 1e-9))
        #expect(isClose(alpha.overall.precision.wilson?.upper, 0.9637758913675698, tolerance: 1e-9))
        let percentile = try #require(alpha.overall.precision.bootstrap?.percentile)
        #expect(percentile.lower! <= 0.8 && 0.8 <= percentile.upper!)

        let beta = card.methods[1]
        #expect(beta.missing == 0 && beta.unknowns.detected == 0)
        #expect(isClose(beta.overall.averagePrecision.value, (0.5 + 0.5 + 0.6 + 4.0 / 6 + 0.5 + 6.0 / 11) / 6))
        let gamma = card.methods[2]
        #expect(gamma.overall.precision.value == nil && gamma.overall.precision.note == .nothingFlagged)
        #expect(gamma.overall.f1.value == 0 && isClose(gamma.overall.averagePrecision.value, 0.5))
        #expect(isClose(gamma.overall.rocAUC.value, 0.5))

        // McNemar: alpha alone right on c1, c3, n2; beta alone on c4, c6: p = 2 · 16/32, capped at 1.
        let pairs = Dictionary(uniqueKeysWithValues: card.pairs.map { ("\($0.first)-\($0.second)", $0) })
        #expect(pairs["alpha-beta"]?.mcNemar.onlyFirstCorrect == 3 && pairs["alpha-beta"]?.mcNemar.onlySecondCorrect == 2)
        #expect(isClose(pairs["alpha-beta"]?.mcNemar.pValue.value, 1))
        #expect(isClose(pairs["alpha-gamma"]?.mcNemar.pValue.value, 0.375))
        #expect(isClose(pairs["beta-gamma"]?.mcNemar.pValue.value, 44.0 / 64))
        #expect(isClose(pairs["alpha-gamma"]?.mcNemarHolmAdjusted, 1))
        #expect(isClose(pairs["alpha-beta"]?.f1Difference.value, 8.0 / 11 - 2.0 / 3))
        // Groups: alpha's g1 holds c1–c3 (C1), g2 holds c5 (C2) and n1.
        #expect(alpha.groups.campaignRecall.map(\.row.flagged) == [3, 1])
        #expect(alpha.groups.campaignRecall.map(\.row.largestGroupShare) == [0.75, 0.5])
    }

    @Test func labelRulesDecideTheTruthAndUnknownsAreCountedNotNegative() async throws {
        let majority = try await ScoreFixtures.score()
        #expect((majority.labels.labelled, majority.labels.positives, majority.labels.undecided) == (12, 6, 1))
        #expect(majority.labels.unlabelled == 2)  // x1 and x2
        let alpha = majority.methods[0]
        #expect(alpha.unknowns.detected == 3 && alpha.unknowns.flagged == 2)
        #expect(isClose(alpha.unknowns.precisionIfNegative.value, 4.0 / 7))
        #expect(isClose(alpha.unknowns.precisionIfPositive.value, 6.0 / 7))
        #expect(majority.summary.contains("counted as negatives, precision would be 0.571 instead of 0.800"))

        // any: n5 and u1 become campaign accounts; all: c3 (one annotator said none) does not.
        let any = try await ScoreFixtures.score { $0.labelRule = .any }
        #expect((any.labels.labelled, any.labels.positives, any.labels.undecided) == (13, 8, 0))
        let all = try await ScoreFixtures.score { $0.labelRule = .all }
        #expect((all.labels.labelled, all.labels.positives, all.labels.undecided) == (13, 5, 0))
        #expect(all.methods[0].overall.counts.falsePositives == 3)  // n1, c3 and u1
    }

    @Test func smallStrataArePooledAndNeverShown() async throws {
        let card = try await ScoreFixtures.score()
        // platform: x 7, telegram 4, tiktok 1 at minimum 4. tiktok is pooled, and the pool joins
        // telegram so that tiktok cannot be recovered from the total.
        let platform = card.strata.filter { $0.dimension == "platform" }
        #expect(platform.map(\.cell) == ["x", "telegram + (other)"] && platform.map(\.size) == [7, 5])
        #expect(card.strata.filter { $0.dimension == "language" }.map(\.cell) == ["nl + (other)"])
        #expect(card.uncarried == ["municipality"])
        // alpha's FPR in x is 1/3 against 1/6 overall.
        #expect(isClose(platform[0].scores[0].falsePositiveRateRatio.value, 2))
        for (name, bytes) in ScoreStage.render(card, stage: "score 1") {
            let text = String(decoding: bytes, as: UTF8.self)
            for hidden in ["tiktok", "\"en\"", ",en,"] {
                #expect(!text.contains(hidden), "\(name) shows \(hidden)")
            }
        }
        // A larger minimum leaves the dimension out entirely.
        let none = try await ScoreFixtures.score { $0.minCell = 13 }
        #expect(none.strata.isEmpty && none.dimensions.allSatisfy(\.suppressed))
    }

    @Test func rankingsNeedThreeMethodsAndAtLeastTwoCells() async throws {
        let card = try await ScoreFixtures.score()
        let platform = try #require(card.rankings.first { $0.dimension == "platform" && $0.metric == "f1" })
        #expect(platform.blocks == ["x", "telegram + (other)"])
        // F1 in x: alpha 0.75, beta 0.5, gamma 0; in (other): alpha 2/3, beta 1, gamma 0.
        #expect(platform.friedman?.meanRanks == [1.5, 1.5, 3])
        #expect(platform.note == .fewBlocks && platform.nemenyi != nil)
        #expect(card.rankings.first { $0.dimension == "language" }?.note == .tooFewBlocks)
        let two = try await ScoreFixtures.score(methods: Array(ScoreFixtures.methods.prefix(2)))
        #expect(two.rankings.isEmpty && two.pairs.count == 1)
    }

    @Test func comparisonsCanBeChosenAndUnknownNamesAreRefused() async throws {
        let chosen = try await ScoreFixtures.score { $0.comparisons = .pairs([["gamma", "alpha"]]) }
        #expect(chosen.pairs.map { "\($0.first)-\($0.second)" } == ["gamma-alpha"])
        let none = try await ScoreFixtures.score { $0.comparisons = .none }
        #expect(none.pairs.isEmpty)
        await #expect(throws: ScoreError.comparisons("no method stage named delta among the inputs (alpha, beta, gamma)")) {
            _ = try await ScoreFixtures.score { $0.comparisons = .pairs([["alpha", "delta"]]) }
        }
    }

    @Test func outputsAreByteDeterministicAndFollowTheSeed() async throws {
        let first = ScoreStage.render(try await ScoreFixtures.score(), stage: "score 1")
        let second = ScoreStage.render(try await ScoreFixtures.score(), stage: "score 1")
        #expect(first.map(\.1) == second.map(\.1))
        let reseeded = ScoreStage.render(try await ScoreFixtures.score { $0.seed = 2 }, stage: "score 1")
        #expect(first[0].1 != reseeded[0].1 && first[3].1 == reseeded[3].1)  // results change, curves do not
        let accounts = try await ScoreFixtures.score { $0.resampling = .accounts }
        #expect(accounts.resamplingUnits == 12)
        #expect(try await ScoreFixtures.score().resamplingUnits == 8)  // C1, C2 and six other accounts
    }
}
