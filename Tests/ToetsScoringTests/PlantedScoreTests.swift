import Testing
import ToetsModel
@testable import ToetsScoring

/// The score stage's view of a planting: recall per campaign cell, and how the real accounts'
/// flags moved between a method's run on the posts and its run on the planted posts.
@Suite struct PlantedScoreTests {
    static func flags(_ accounts: [String], all: [String]) -> [Detection] {
        all.map { Detection(accountID: $0, score: accounts.contains($0) ? 0.9 : 0.1, flagged: accounts.contains($0), group: "") }
    }

    static let truth = Scorecard.PlantedTruth(
        stage: "plants",
        members: [("p1", "copy-pasta", "T0084.001", "strong"), ("p2", "copy-pasta", "T0084.001", "strong"),
                  ("p3", "retweet-ring", "T0049.003", "weak")],
        contacts: ["r3"])

    @Test func realAccountsWhoseFlagMovedAreCountedAndThoseThePlantsTouchedAreSetApart() {
        let real = ["r1", "r2", "r3", "r4", "r5"]
        let declared = [(name: "m", detections: Self.flags(["r1", "r2"], all: real))]
        // On the planted posts: r2 no longer flagged, r3 (touched by a plant) and r4 (not) newly flagged.
        let runs = [(name: "m@plants", detections: Self.flags(["r1", "r3", "r4", "p1", "p3"], all: real + ["p1", "p2", "p3"]))]
        let planted = Scorer.planted(Self.truth, runs: runs, declared: declared, level: 0.95)
        #expect(planted.contacts == 1)
        #expect(planted.cells.map(\.accounts) == [2, 1])
        let method = try! #require(planted.methods.first)
        #expect(method.method == "m")
        #expect(method.recall.map(\.flagged) == [1, 1])
        #expect(method.changed == 3)
        #expect(method.changedContacts == 1)
    }

    @Test func aPlantingThatLeavesTheRealAccountsAloneChangesNothing() {
        let real = ["r1", "r2", "r3"]
        let declared = [(name: "m", detections: Self.flags(["r1"], all: real))]
        let runs = [(name: "m@plants", detections: Self.flags(["r1", "p2"], all: real + ["p1", "p2", "p3"])),
                    (name: "m@other", detections: Self.flags(["r2"], all: real))]
        let planted = Scorer.planted(Self.truth, runs: runs, declared: declared, level: 0.95)
        #expect(planted.methods.count == 1, "a run on another plant stage's posts is not this planting's")
        #expect(planted.methods.first?.changed == 0)
        #expect(planted.methods.first?.recall.map(\.flagged) == [1, 0])
    }
}
