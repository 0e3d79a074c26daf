import Testing
@testable import ToetsScoring

private struct AgreementCases: Decodable {
    struct Alpha: Decodable { var data: [[Int?]]; var alpha: Double? }
    struct Fleiss: Decodable { var table: [[Int]]; var kappa: Double? }
    var krippendorff: [Alpha]
    var fleiss: [Fleiss]
}

@Test func krippendorffAlphaMatchesTheKrippendorffPackage() throws {
    let cases = try Fixtures.load("agreement", as: AgreementCases.self).krippendorff
    #expect(cases.count > 25)
    for c in cases {
        #expect(isClose(Agreement.krippendorffAlpha(ratings: c.data).value, c.alpha), "\(c.data)")
    }
}

@Test func krippendorffAlphaOnKrippendorffsOwnExample() {
    // Krippendorff (2011), the nominal example with missing values: α = 0.743.
    let data: [[Int?]] = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3],
        [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil],
    ]
    #expect(abs(Agreement.krippendorffAlpha(ratings: data).value! - 0.743) < 0.0005)
    #expect(Agreement.krippendorffAlpha(ratings: [[1, nil], [nil, 2]]) == .undefined(.noPairableValues))
}

@Test func fleissKappaMatchesStatsmodels() throws {
    for c in try Fixtures.load("agreement", as: AgreementCases.self).fleiss {
        #expect(isClose(Agreement.fleissKappa(counts: c.table).value, c.kappa), "\(c.table)")
    }
    #expect(Agreement.fleissKappa(counts: [[2, 0], [1, 2]]) == .undefined(.unequalRaterCounts))
    #expect(Agreement.fleissKappa(counts: [[3, 0], [3, 0]]) == .undefined(.perfectChanceAgreement))
}

@Test func groundTruthRowsBecomeBothLayouts() {
    let layouts = Agreement.layouts(rows: [
        (unit: "acc2", rater: "r1", value: "bot"), (unit: "acc1", rater: "r2", value: "human"),
        (unit: "acc1", rater: "r1", value: "bot"), (unit: "acc2", rater: "r2", value: "bot"),
    ])
    #expect(layouts.units == ["acc1", "acc2"] && layouts.raters == ["r1", "r2"] && layouts.values == ["bot", "human"])
    #expect(layouts.ratings == [["bot", "bot"], ["human", "bot"]])
    #expect(layouts.counts == [[1, 1], [2, 0]])
}
