import Foundation
import Testing
import ToetsModel
@testable import ToetsScoring

/// Disclosure control: an attacker who holds a method's scores and every published file tries
/// to read the annotators' verdict on single accounts, and must fail.
@Suite struct DisclosureTests {
    /// 60 campaign accounts in 12 campaigns and 240 others, all labelled; one method whose
    /// scores are distinct and informative, so that an unprotected curve gives accounts away.
    static func world() -> (truth: GroundTruth, detections: [Detection], labels: [String: Bool]) {
        var random = SeededRandom(seed: 5)
        var rows: [LabelRow] = []
        var detections: [Detection] = []
        var labels: [String: Bool] = [:]
        for index in 0..<300 {
            let campaign = index < 60
            let account = "a\(index)"
            labels[account] = campaign
            rows.append(LabelRow(account: account, isCampaign: campaign, campaign: campaign ? "C\(index % 12)" : nil, annotator: "A1",
                                 coordination: !campaign && index < 90 ? "volunteers" : nil))
            let score = (campaign ? 0.2 : 0) + 0.8 * random.unit()
            detections.append(Detection(accountID: account, score: score, flagged: score > 0.6, group: score > 0.6 ? "g" : nil))
        }
        return (GroundTruth(rows: rows), detections, labels)
    }

    /// The cut points an attacker can place: n accounts at or above a cut, where the n-th score
    /// is above the next, so the cut is unambiguous. Returns the labels the published counts
    /// force: every account of a stretch between two cuts whose counts say it is all one label.
    static func recover(scores: [(String, Double)], cuts: [(truePositives: Int, falsePositives: Int)],
                        positives: Int, negatives: Int) -> [String: Bool] {
        let ranked = scores.sorted { $0.1 > $1.1 }
        var recovered: [String: Bool] = [:]
        var previous = (truePositives: 0, falsePositives: 0, rank: 0)
        for cut in cuts + [(positives, negatives)] {
            let rank = cut.0 + cut.1
            guard rank <= ranked.count, rank == ranked.count || ranked[rank - 1].1 > ranked[rank].1 else { continue }
            let stretch = ranked[previous.rank..<rank]
            let campaign = cut.0 - previous.truePositives, other = cut.1 - previous.falsePositives
            if campaign == 0 || other == 0 {
                for (account, _) in stretch { recovered[account] = campaign > 0 }
            }
            previous = (cut.0, cut.1, rank)
        }
        return recovered
    }

    @Test func nobodyHoldingAMethodsScoresCanReadALabelOffThePublishedFiles() async throws {
        let (truth, detections, labels) = Self.world()
        var settings = ScoreSettings()
        settings.replicates = 100
        settings.strata = []
        let card = try await Scorer.score(methods: [(name: "m", detections: detections)], truth: truth, strata: nil,
                                          settings: settings)
        let scores = detections.map { ($0.accountID, $0.score) }
        let method = card.methods[0]

        // The attack works: on every threshold step of the full curve it recovers nearly every label.
        let steps = ThresholdCounts(truth: detections.sorted { $0.accountID < $1.accountID }.map { labels[$0.accountID]! },
                                    scores: detections.sorted { $0.accountID < $1.accountID }.map(\.score))
        let unprotected = Self.recover(scores: scores, cuts: zip(steps.truePositives, steps.falsePositives).map { ($0, $1) },
                                       positives: 60, negatives: 240)
        #expect(unprotected.count > 250 && unprotected.allSatisfy { labels[$0.key] == $0.value })

        // On what is published it recovers nothing: read the points back from curves.csv, as an attacker would.
        let records = try CSVScanner().records(String(decoding: card.curvesCSV, as: UTF8.self))
        #expect(records.first == ["method", "curve", "point", "recall", "precision", "false_positive_rate", "true_positive_rate"])
        let pr = records.dropFirst().filter { $0[1] == "precision_recall" }.map { row -> (Int, Int) in
            let tp = Int((Double(row[3])! * 60).rounded())
            return (tp, Int((Double(tp) / Double(row[4])! - Double(tp)).rounded()))
        }
        let roc = records.dropFirst().filter { $0[1] == "roc" }.map { row in
            (Int((Double(row[6])! * 60).rounded()), Int((Double(row[5])! * 240).rounded()))
        }
        #expect(!pr.isEmpty && pr.map { [$0.0, $0.1] } == roc.map { [$0.0, $0.1] })
        #expect(Self.recover(scores: scores, cuts: pr, positives: 60, negatives: 240).isEmpty)
        #expect(method.published.smallestStretch! >= settings.minCell)

        // No published file names an account or a threshold.
        for (name, bytes) in ScoreStage.render(card, stage: "score 3") {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.contains("a1") && !text.contains("threshold,"), "\(name)")
        }
    }

    @Test func everyPublishedCountBelowTheMinimumCellIsHeldBack() async throws {
        let (truth, detections, _) = Self.world()
        var settings = ScoreSettings()
        settings.replicates = 50
        settings.strata = []
        // A second method that flags 3 accounts: its overlap cells and kind counts are small.
        let few = detections.map { Detection(accountID: $0.accountID, score: $0.score,
                                             flagged: ["a0", "a1", "a70"].contains($0.accountID), group: nil) }
        let card = try await Scorer.score(methods: [(name: "m", detections: detections), (name: "few", detections: few)],
                                          truth: truth, strata: nil, settings: settings)
        func counts(_ csv: [UInt8], columns: [String]) throws -> [Int] {
            let records = try CSVScanner().records(String(decoding: csv, as: UTF8.self))
            let indices = columns.map { records[0].firstIndex(of: $0)! }
            return records.dropFirst().flatMap { row in indices.compactMap { Int(row[$0]) } }
        }
        let published = try counts(card.overlapCSV, columns: ["campaign_accounts", "other_accounts"])
            + counts(card.coordinationCSV, columns: ["accounts", "false_positives"])
        #expect(!published.isEmpty)
        #expect(published.allSatisfy { $0 == 0 || $0 >= settings.minCell }, "\(published)")
        let results = String(decoding: card.resultsJSON(stage: "score 3"), as: UTF8.self)
        #expect(results.contains(#""suppressed-small-cell""#))
        #expect(card.disclosure.suppressedCells > 0 && (card.disclosure.smallestPublishedCell ?? 0) >= settings.minCell)
        // The method that flags 3 labelled accounts of mixed labels: its own flag is no pure set.
        #expect(!card.disclosure.pureSets.contains { $0.set == "own-flag" })
    }

    @Test func aMethodWhoseFlagsAreAllOfOneLabelIsNamedInTheLedger() async throws {
        let (truth, detections, labels) = Self.world()
        let pure = detections.map { Detection(accountID: $0.accountID, score: $0.score,
                                              flagged: labels[$0.accountID]! && $0.score > 0.8, group: nil) }
        var settings = ScoreSettings()
        settings.replicates = 50
        let card = try await Scorer.score(methods: [(name: "pure", detections: pure)], truth: truth, strata: nil, settings: settings)
        #expect(card.disclosure.pureSets.contains(.init(method: "pure", set: "own-flag")))
        let results = String(decoding: card.resultsJSON(stage: "score 3"), as: UTF8.self)
        #expect(results.contains(#"{"method":"pure","set":"own-flag"}"#) && !results.contains(#""threshold""#))
    }
}

/// The interval each figure is shown with.
@Suite struct ShownIntervalTests {
    @Test func aCollapsedBootstrapGivesWayToTheExactInterval() async throws {
        let (truth, detections, labels) = DisclosureTests.world()
        // Flags 20 campaign accounts and no other: precision 1 in every resample.
        let perfect = detections.map { Detection(accountID: $0.accountID, score: $0.score,
                                                 flagged: labels[$0.accountID]! && Int($0.accountID.dropFirst())! < 20, group: nil) }
        var settings = ScoreSettings()
        settings.replicates = 200
        settings.resampling = .accounts
        let card = try await Scorer.score(methods: [(name: "p", detections: perfect)], truth: truth, strata: nil, settings: settings)
        let precision = card.methods[0].overall.precision
        #expect(precision.value == 1 && precision.bootstrap?.percentile.lower == 1)
        let shown = try #require(precision.shown)
        #expect(shown.kind == .clopperPearson && shown.upper == 1 && (0.83...0.84).contains(shown.lower))
        #expect(shown.notes.contains(.bootstrapDegenerate))
        let rate = card.methods[0].overall.falsePositiveRate
        #expect(rate.value == 0 && rate.shown?.kind == .clopperPearson && rate.shown!.upper > 0.01)
        #expect(card.summary.contains("precision 1.000 [0.832, 1.000 exact]"))
    }

    @Test func fewCampaignClustersWidenProportionsAndSaySo() async throws {
        let (truth, detections, _) = DisclosureTests.world()
        var settings = ScoreSettings()
        settings.replicates = 200
        settings.minClusters = 20  // 12 campaigns
        let card = try await Scorer.score(methods: [(name: "m", detections: detections)], truth: truth, strata: nil, settings: settings)
        #expect(card.campaignClusters == 12 && card.fewClusters)
        let recall = try #require(card.methods[0].overall.recall.shown)
        #expect(recall.kind == .widened && recall.notes.contains(.fewClusters))
        let exact = ConfidenceInterval.clopperPearson(successes: card.methods[0].overall.counts.truePositives, trials: 60)
        #expect(recall.lower <= exact.lower! && recall.upper >= exact.upper!)
        // Legitimate accounts are resampled one by one: their rate needs no caveat.
        #expect(card.methods[0].overall.falsePositiveRate.shown?.notes.contains(.fewClusters) == false)
        let results = try JSONDocument(card.resultsJSON(stage: "score 3")).root
        #expect(results["bootstrap", "campaign_clusters"]?.int64 == 12 && results["bootstrap", "few_clusters"]?.bool == true)
        var many = settings
        many.minClusters = 10
        let enough = try await Scorer.score(methods: [(name: "m", detections: detections)], truth: truth, strata: nil, settings: many)
        #expect(enough.methods[0].overall.recall.shown?.kind == .bca)
    }

    @Test func pairedTestsTestTheDifferenceShown() async throws {
        let (truth, detections, _) = DisclosureTests.world()
        var settings = ScoreSettings()
        settings.replicates = 300
        let card = try await Scorer.score(methods: [(name: "a", detections: detections), (name: "b", detections: detections)],
                                          truth: truth, strata: nil, settings: settings)
        let f1 = try #require(card.pairs.first?.differences[.f1])
        #expect(f1.difference.value == 0 && f1.pValue == 1 && f1.holmAdjusted == 1 && !f1.rejected)
        // A zero-width interval is not shown as certainty.
        #expect(f1.difference.shown == nil && f1.difference.note == .zeroWidthInterval)
        let csv = String(decoding: card.comparisonsCSV, as: UTF8.self)
        #expect(csv.hasPrefix("first,second,figure,difference,interval,interval_lower,interval_upper,p_value,holm_adjusted_p,"))
        #expect(csv.contains("a,b,accuracy_mcnemar,"))
    }
}
