import Testing
@testable import ToetsScoring

private struct GroupCase: Decodable {
    var name: String
    var truth: [Int]
    var predicted: [Int]
    var ari: Double
    var nmi: Double
    var bcubed: [Double]
}

@Test func adjustedRandIndexAndNMIMatchScikitLearn() throws {
    let cases = try Fixtures.load("groups", as: [GroupCase].self)
    #expect(cases.count == 45)
    for c in cases {
        #expect(isClose(ClusterAgreement.adjustedRandIndex(truth: c.truth, predicted: c.predicted).value, c.ari),
                "\(c.name)")
        #expect(isClose(ClusterAgreement.normalizedMutualInformation(truth: c.truth, predicted: c.predicted).value,
                        c.nmi), "\(c.name)")
    }
}

@Test func bCubedMatchesTheItemWiseDefinition() throws {
    for c in try Fixtures.load("groups", as: [GroupCase].self) {
        let scores = ClusterAgreement.bCubed(truth: c.truth, predicted: c.predicted)
        #expect(isClose(scores.precision.value, c.bcubed[0]), "\(c.name)")
        #expect(isClose(scores.recall.value, c.bcubed[1]), "\(c.name)")
        #expect(isClose(scores.f1.value, c.bcubed[2]), "\(c.name)")
    }
}

@Test func unassignedAccountsAreSingletons() {
    // nil is never "the same cluster" as another nil.
    let truth: [String?] = ["a", "a", nil, nil]
    let predicted: [String?] = ["x", "x", "y", "y"]
    let explicit = ClusterAgreement.adjustedRandIndex(truth: ["a", "a", "s1", "s2"], predicted: predicted)
    #expect(ClusterAgreement.adjustedRandIndex(truth: truth, predicted: predicted) == explicit)
    #expect(explicit.value! < 1)
    #expect(ClusterAgreement.bCubed(truth: truth, predicted: predicted).precision.value == 0.75)
    #expect(ClusterAgreement.normalizedMutualInformation(truth: [Int?](), predicted: [Int?]()) == .undefined(.noItems))
}

@Test func campaignRecallCountsFlaggedAccountsPerCampaign() {
    let rows = CampaignRecall.perCampaign(campaigns: ["b", "a", "b", nil, "b"],
                                          flagged: [true, false, false, true, true],
                                          groups: ["g1", nil, "g2", "g1", "g1"])
    #expect(rows.map(\.campaign) == ["a", "b"])
    #expect(rows[0].recall == Metric(0) && rows[0].largestGroupShare == nil)
    #expect(rows[1].accounts == 3 && rows[1].flagged == 2)
    #expect(isClose(rows[1].recall.value, 2.0 / 3) && isClose(rows[1].largestGroupShare, 2.0 / 3))
}
