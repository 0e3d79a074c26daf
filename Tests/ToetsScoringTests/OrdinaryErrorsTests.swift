import Testing
import ToetsModel
@testable import ToetsScoring

/// False positives among ordinary accounts, by platform, activity and language, on a world
/// whose flags are placed by hand.
@Suite struct OrdinaryErrorsTests {
    /// 40 campaign accounts (all flagged), 30 volunteers (`volunteerFlags` of them flagged) and 400
    /// ordinary accounts: o0–o199 on Telegram, o200–o399 on X, all writing Dutch, with 1, 2 or 3
    /// posts in turn; the method flags `telegram` of the Telegram accounts and `x` of the X accounts,
    /// spread evenly over activity. The first `volunteersOnTelegram` volunteers post on Telegram.
    static func world(telegram: Int, x: Int, volunteerFlags: Int = 0, volunteersOnTelegram: Int = 0)
        -> (truth: GroundTruth, detections: [Detection], strata: AccountStrata) {
        var rows: [LabelRow] = []
        var detections: [Detection] = []
        var platform: [String: String] = [:], language: [String: String] = [:], posts: [String: Int] = [:]
        func add(_ account: String, campaign: Bool, kind: String?, flagged: Bool, on place: String, posts count: Int) {
            rows.append(LabelRow(account: account, isCampaign: campaign, campaign: campaign ? "C1" : nil, annotator: "A1",
                                 coordination: kind))
            detections.append(Detection(accountID: account, score: flagged ? 0.9 : 0.1, flagged: flagged, group: flagged ? "g" : nil))
            platform[account] = place
            language[account] = "nl"
            posts[account] = count
        }
        for index in 0..<40 { add("c\(index)", campaign: true, kind: nil, flagged: true, on: "x", posts: 5) }
        for index in 0..<30 {
            add("v\(index)", campaign: false, kind: "volunteers", flagged: index < volunteerFlags,
                on: index < volunteersOnTelegram ? "telegram" : "x", posts: 2)
        }
        for index in 0..<400 {
            let onTelegram = index < 200, within = index % 200
            add("o\(index)", campaign: false, kind: nil, flagged: within < (onTelegram ? telegram : x),
                on: onTelegram ? "telegram" : "x", posts: index % 3 + 1)
        }
        return (GroundTruth(rows: rows), detections,
                AccountStrata(values: [.platform: platform, .language: language], accounts: Set(posts.keys), postCounts: posts))
    }

    static func card(_ world: (truth: GroundTruth, detections: [Detection], strata: AccountStrata),
                     minCell: Int = 10) async throws -> Scorecard {
        try await ScoreFixtures.score(methods: [(name: "m", detections: world.detections)], truth: world.truth,
                                      strata: world.strata) { $0.replicates = 20; $0.minCell = minCell }
    }

    @Test func aPlatformThatHoldsMoreThanItsShareExplainsItsFalsePositivesAndTheRestRemain() async throws {
        let card = try await Self.card(Self.world(telegram: 60, x: 12))
        #expect(card.ordinary.accounts == 400)  // the volunteers are a kind, not ordinary
        let method = try #require(card.ordinary.methods.first)
        #expect(method.falsePositives == 72)
        let platform = try #require(method.parts.first { $0.breakdown == .platform })
        let telegram = try #require(platform.cells.first { $0.name == "telegram" }?.counts)
        #expect(telegram.accounts == 200 && telegram.falsePositives == 60 && telegram.moreThanElsewhere)
        #expect(telegram.elsewhereAccounts == 200 && telegram.elsewhereFalsePositives == 12)
        #expect(telegram.rate.shown!.lower > telegram.elsewhereRate!.shown!.upper)
        #expect(platform.cells.first { $0.name == "x" }?.counts?.moreThanElsewhere == false)
        #expect(platform.explained == 60)
        // Activity does not matter here, and one language leaves nothing to compare.
        #expect(method.parts.first { $0.breakdown == .activity }?.explained == 0)
        #expect(method.parts.first { $0.breakdown == .language }?.explained == 0)
        #expect(method.unexplained == 12)
        #expect(card.ordinary.bands == [.init(lower: 1, upper: 1), .init(lower: 2, upper: 2), .init(lower: 3, upper: nil)])

        let results = try JSONDocument(card.resultsJSON(stage: "score 4")).root
        let ordinary = try #require(results["error_analysis", "ordinary"])
        #expect(ordinary["accounts"]?.int64 == 400)
        let cells = ordinary["methods"]?.elements.first?["breakdowns"]?.elements.first?["cells"]?.elements ?? []
        #expect(cells.first?["cell"]?.string == "telegram" && cells.first?["more_than_elsewhere"]?.bool == true)
        #expect(cells.first?["elsewhere", "false_positives"]?.int64 == 12)
        #expect(String(decoding: card.ordinaryCSV, as: UTF8.self).contains("m,platform,telegram,200,60,0.3,"))
    }

    @Test func evenlySpreadFalsePositivesAreExplainedByNothing() async throws {
        let card = try await Self.card(Self.world(telegram: 20, x: 20))
        let method = try #require(card.ordinary.methods.first)
        #expect(method.parts.allSatisfy { $0.explained == 0 })
        #expect(method.parts.flatMap(\.cells).allSatisfy { $0.counts?.moreThanElsewhere != true })
        #expect(method.unexplained == 40)
    }

    @Test func aSmallCellIsHeldBackWithAnotherSoThatSubtractionGivesNothingAway() async throws {
        // X holds 3 false positives: held back, and Telegram with it, or 63 − 60 would give the 3.
        let card = try await Self.card(Self.world(telegram: 60, x: 3))
        let method = try #require(card.ordinary.methods.first)
        #expect(method.falsePositives == 63)
        let platform = try #require(method.parts.first { $0.breakdown == .platform })
        #expect(platform.cells.allSatisfy { $0.counts == nil } && platform.explained == 0)
        // Unexplained: 63 minus nothing explained.
        #expect(method.unexplained == 63)
        let csv = try CSVScanner().records(String(decoding: card.ordinaryCSV, as: UTF8.self))
        let counts = csv.dropFirst().flatMap { row in [row[3], row[4], row[10], row[11]].compactMap { Int($0) } }
        #expect(!counts.isEmpty && counts.allSatisfy { $0 == 0 || $0 >= 10 }, "\(counts)")
    }

    @Test func aMethodWhoseTotalWouldRevealAHeldBackKindShowsNothing() async throws {
        // 3 of the 30 volunteers flagged: held back in the kinds table; 75 − 72 would give it away.
        let card = try await Self.card(Self.world(telegram: 60, x: 12, volunteerFlags: 3))
        let method = try #require(card.ordinary.methods.first)
        #expect(method.falsePositives == nil && method.parts.isEmpty && method.unexplained == nil)
        let results = String(decoding: card.resultsJSON(stage: "score 4"), as: UTF8.self)
        #expect(results.contains(#"{"method":"m","note":"suppressed-small-cell"}"#))
        // With 12 volunteers flagged, the kinds table shows them and the breakdown is published.
        let shown = try await Self.card(Self.world(telegram: 60, x: 12, volunteerFlags: 12))
        #expect(shown.ordinary.methods.first?.falsePositives == 72)
    }

    @Test func aCellIsHeldBackWhenTheStrataTableWouldGiveAwayTheCoordinationInIt() async throws {
        // 3 volunteers on Telegram: the strata table's Telegram negatives (203) minus the ordinary
        // Telegram accounts (200) would count them, so Telegram is held back, and X with it, or
        // Telegram would be the total less X.
        let world = Self.world(telegram: 60, x: 12, volunteersOnTelegram: 3)
        let card = try await Self.card(world)
        let platform = try #require(card.ordinary.methods.first?.parts.first { $0.breakdown == .platform })
        #expect(platform.cells.allSatisfy { $0.counts == nil })
        // Activity has no strata table to be subtracted from.
        #expect(card.ordinary.methods.first?.parts.first { $0.breakdown == .activity }?.cells.allSatisfy { $0.counts != nil } == true)
        // Without the strata table there is nothing to subtract from.
        let unstratified = try await ScoreFixtures.score(methods: [(name: "m", detections: world.detections)],
                                                         truth: world.truth, strata: world.strata) {
            $0.replicates = 20; $0.strata = ["language"]
        }
        #expect(unstratified.ordinary.methods.first?.parts.first { $0.breakdown == .platform }?.explained == 60)
    }

    @Test func activityBandsAreCutAtTheThirdsAndSmallBandsMerge() {
        #expect(OrdinaryErrors.bands(Array(1...30), minimum: 5)
                == [.init(lower: 1, upper: 10), .init(lower: 11, upper: 20), .init(lower: 21, upper: nil)])
        // Most accounts wrote one post: the lowest third and the middle are the same band.
        #expect(OrdinaryErrors.bands(Array(repeating: 1, count: 25) + Array(5...14), minimum: 5)
                == [.init(lower: 1, upper: 1), .init(lower: 5, upper: nil)])
        // A top band below the minimum joins its neighbour; one band is no breakdown.
        #expect(OrdinaryErrors.bands(Array(repeating: 2, count: 20) + [7, 9], minimum: 5) == [.init(lower: 2, upper: nil)])
        #expect(OrdinaryErrors.bands([], minimum: 5).isEmpty)
    }
}
