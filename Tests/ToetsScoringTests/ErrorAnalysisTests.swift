import Testing
import ToetsModel
@testable import ToetsScoring

/// False positives by kind of legitimate coordination and the overlap between methods, on
/// accounts whose kinds, flags and sets are known by hand.
@Suite struct ErrorAnalysisTests {
    /// Under the majority rule: campaign accounts c1–c4 and d1 (two campaign votes against one);
    /// others n1, n2, n6 of kind fans (n6 a tie between fans and volunteers), n3 volunteers, n4
    /// news_syndication, n5 without a kind; u1 undecided; x1 unlabelled.
    static let labels = """
        account_id,label,campaign,annotator,confidence,coordination
        acct-q7-c1,campaign,C1,A1,0.9,
        acct-q7-c2,campaign,C1,A1,0.9,
        acct-q7-c3,campaign,C1,A1,0.9,
        acct-q7-c4,campaign,C1,A1,0.9,
        acct-q7-d1,campaign,C2,A1,0.9,
        acct-q7-d1,campaign,C2,A2,0.9,
        acct-q7-d1,none,,A3,0.6,fans
        acct-q7-n1,none,,A1,0.9,fans
        acct-q7-n1,none,,A2,0.9,fans
        acct-q7-n2,none,,A1,0.9,fans
        acct-q7-n3,none,,A1,0.9,volunteers
        acct-q7-n3,none,,A2,0.9,fans
        acct-q7-n3,none,,A3,0.9,volunteers
        acct-q7-n4,none,,A1,0.9,news_syndication
        acct-q7-n5,none,,A1,0.9,
        acct-q7-n6,none,,A1,0.9,volunteers
        acct-q7-n6,none,,A2,0.9,fans
        acct-q7-u1,campaign,C1,A1,0.9,
        acct-q7-u1,none,,A2,0.9,fans

        """

    static let everyone = ["c1", "c2", "c3", "c4", "d1", "n1", "n2", "n3", "n4", "n5", "n6", "u1", "x1"]

    /// A method that scores every account and flags `flagged`.
    static func method(_ name: String, flags flagged: Set<String>) -> (name: String, detections: [Detection]) {
        (name, everyone.map { Detection(accountID: "acct-q7-" + $0, score: flagged.contains($0) ? 0.9 : 0.1,
                                        flagged: flagged.contains($0), group: flagged.contains($0) ? "g" : nil) })
    }

    /// alpha flags c1, c2, c4, n1, n3 (and the undecided and unknown accounts); beta c1, d1, n1, n2; gamma none.
    static let methods = [method("gamma", flags: []), method("beta", flags: ["c1", "d1", "n1", "n2"]),
                          method("alpha", flags: ["c1", "c2", "c4", "n1", "n3", "u1", "x1"])]

    /// Scored with every kind shown (`min_stratum` 1), unless `minimum` says otherwise.
    static func card(minimum: Int = 1) async throws -> Scorecard {
        try await ScoreFixtures.score(methods: methods, truth: try GroundTruth.parse(Array(labels.utf8), file: "labels"),
                                      strata: nil) { $0.replicates = 20; $0.minCell = minimum }
    }

    @Test func smallKindsArePooledIntoOtherAndASmallOtherIsLeftOut() async throws {
        // Two accounts at least: news_syndication (n4) and volunteers (n3) become other, with 2.
        let pooled = try await Self.card(minimum: 2).errors
        #expect(pooled.kinds == [.init(kind: "fans", accounts: 3, falsePositives: [1, 2, 0]),
                                 .init(kind: "other", accounts: 2, falsePositives: [1, 0, 0])])
        #expect(pooled.suppressed == 0)
        // Three at least: other (2) is still too small, so it is counted but not shown.
        let left = try await Self.card(minimum: 3).errors
        #expect(left.kinds == [.init(kind: "fans", accounts: 3, falsePositives: [1, 2, 0])])
        #expect(left.suppressed == 2)
    }

    @Test func falsePositivesAreCountedByKindAndAccountsWithoutAKindAreNotAKind() async throws {
        let errors = try await Self.card().errors
        #expect(errors.kinds == [
            .init(kind: "fans", accounts: 3, falsePositives: [1, 2, 0]),            // n1, n2, n6; alpha n1; beta n1, n2
            .init(kind: "news_syndication", accounts: 1, falsePositives: [0, 0, 0]),  // n4
            .init(kind: "volunteers", accounts: 1, falsePositives: [1, 0, 0]),       // n3
        ])
        #expect(errors.withoutKind == 1)  // n5
    }

    @Test func everyLabelledAccountFallsInTheSetOfMethodsThatFlaggedIt() async throws {
        let errors = try await Self.card().errors
        #expect(errors.overlap == [
            .init(methods: [], campaignAccounts: 1, otherAccounts: 3),                // c3; n4, n5, n6
            .init(methods: ["alpha"], campaignAccounts: 2, otherAccounts: 1),         // c2, c4; n3
            .init(methods: ["beta"], campaignAccounts: 1, otherAccounts: 1),          // d1; n2
            .init(methods: ["alpha", "beta"], campaignAccounts: 1, otherAccounts: 1), // c1; n1
        ])
        // With nothing flagged at all, the empty set holds every decided account.
        let none = try await ScoreFixtures.score(methods: [Self.method("gamma", flags: [])],
                                                 truth: try GroundTruth.parse(Array(Self.labels.utf8), file: "labels"),
                                                 strata: nil) { $0.replicates = 20 }
        #expect(none.errors.overlap == [.init(methods: [], campaignAccounts: 5, otherAccounts: 6)])
    }

    @Test func theResultsTablesAndSummaryCarryTheCountsAndNoAccount() async throws {
        let card = try await Self.card()
        let results = try JSONDocument(card.resultsJSON(stage: "score 3")).root
        #expect(results["schema_version"]?.int64 == 4)
        let coordination = try #require(results["error_analysis", "coordination"])
        let kinds = coordination["kinds"]?.elements ?? []
        #expect(kinds.map { $0["kind"]?.string } == ["fans", "news_syndication", "volunteers"])
        #expect(kinds.map { $0["accounts"]?.int64 } == [3, 1, 1])
        #expect(kinds[0]["methods", "beta", "false_positives"]?.int64 == 2)
        let rate = try #require(kinds[0]["methods", "beta", "false_positive_rate"])
        #expect(rate["value"]?.double == 2.0 / 3 && rate["wilson", "lower"]?.double ?? 0 > 0.2)
        #expect(coordination["other_accounts_without_kind"]?.int64 == 1)
        let overlap = results["error_analysis", "overlap"]?.elements ?? []
        #expect(overlap.map { $0["methods"]?.elements.compactMap(\.string) } == [[], ["alpha"], ["beta"], ["alpha", "beta"]])
        #expect(overlap.map { $0["campaign_accounts"]?.int64 } == [1, 2, 1, 1])

        #expect(String(decoding: card.overlapCSV, as: UTF8.self)
            == "methods,campaign_accounts,other_accounts\n,1,3\nalpha,2,1\nbeta,1,1\nalpha+beta,1,1\n")
        let table = String(decoding: card.coordinationCSV, as: UTF8.self).split(separator: "\n")
        #expect(table.first == "kind,accounts,method,false_positives,false_positive_rate,wilson_lower,wilson_upper")
        #expect(table.count == 1 + 3 * 3)
        #expect(table[1].hasPrefix("fans,3,alpha,1,0.3333333333333333,"))
        #expect(table[2].hasPrefix("fans,3,beta,2,0.6666666666666666,"))
        #expect(table[9].hasPrefix("volunteers,1,gamma,0,0,0,"))

        let summary = card.summary
        #expect(summary.contains("  fans (n 3): alpha 1, beta 2, gamma 0\n"))
        #expect(summary.contains("Campaign accounts no method flagged: 1.\n"))
        #expect(summary.contains("Campaign accounts only one method flagged: alpha 2, beta 1, gamma 0.\n"))

        for (name, bytes) in ScoreStage.render(card, stage: "score 2") {
            #expect(!String(decoding: bytes, as: UTF8.self).contains("acct-q7"), "an account id in \(name)")
        }
    }
}
