import Foundation
import Testing
@testable import ToetsScoring

private struct RobustnessCases: Decodable {
    struct Ranks: Decodable {
        var full: [Double]
        var replicates: [[Double?]]
        var level: Double
        var rank: [Double]
        var ranked: Int
        var mean_rank: [Double]?
        var lower: [Double]?
        var upper: [Double]?
        var probability_first: [Double]?
    }
    struct Kendall: Decodable {
        var scores: [[Double]]
        var w: Double?
    }
    var ranks: [Ranks]
    var kendall: [Kendall]
}

@Test func rankIntervalsAndProbabilityOfBeingFirstMatchNumPyAndSciPy() throws {
    let cases = try Fixtures.load("robustness", as: RobustnessCases.self).ranks
    #expect(cases.count == 30)
    for (index, c) in cases.enumerated() {
        let stability = RankStability(full: c.full, replicates: c.replicates.map { $0.map { $0 ?? .nan } }, level: c.level)
        #expect(stability.rankedResamples == c.ranked, "case \(index)")
        #expect(areClose(stability.standings.compactMap(\.rank), c.rank), "case \(index) rank")
        guard let mean = c.mean_rank else {
            #expect(stability.standings.allSatisfy { $0.lower == nil }, "case \(index)")
            continue
        }
        #expect(areClose(stability.standings.compactMap(\.meanRank), mean), "case \(index) mean rank")
        #expect(stability.standings.compactMap(\.lower) == c.lower!, "case \(index) lower")
        #expect(stability.standings.compactMap(\.upper) == c.upper!, "case \(index) upper")
        #expect(areClose(stability.standings.compactMap(\.probabilityFirst), c.probability_first!), "case \(index) first")
        #expect(stability.note == (c.ranked < c.replicates.count ? .undefinedResamples : nil), "case \(index) note")
    }
}

@Test func kendallsWMatchesSciPysFriedmanStatistic() throws {
    let cases = try Fixtures.load("robustness", as: RobustnessCases.self).kendall
    #expect(cases.count == 25)
    for (index, c) in cases.enumerated() {
        let w = kendallW(scores: c.scores)
        #expect(isClose(w.value, c.w), "case \(index): \(w) against \(String(describing: c.w))")
    }
}

@Test func kendallsWIsOneForIdenticalRankingsAndZeroForOpposedOnes() {
    #expect(kendallW(scores: [[0.9, 0.5], [0.8, 0.1], [0.7, 0.2]]).value == 1)
    #expect(kendallW(scores: [[0.9, 0.5], [0.1, 0.8]]).value == 0)
    #expect(kendallW(scores: [[0.9, 0.5, 0.1]]).note == .tooFewBlocks)
    #expect(kendallW(scores: [[0.5, 0.5], [0.5, 0.5]]).note == .allRanksTied)
}

@Test func aMethodAheadOnEveryResampleIsFirstWithCertaintyAndATieIsShared() {
    // The second and third swap places on every other resample.
    let replicates: [[Double]] = (0..<100).map { (r: Int) -> [Double] in r % 2 == 0 ? [0.8, 0.5, 0.6] : [0.8, 0.6, 0.5] }
    let stability = RankStability(full: [0.8, 0.55, 0.55], replicates: replicates, level: 0.95)
    #expect(stability.standings[0].probabilityFirst == 1)
    #expect(stability.standings[0].lower == 1 && stability.standings[0].upper == 1)
    #expect(stability.standings[1].rank == 2.5 && stability.standings[2].rank == 2.5)
    #expect(stability.standings[1].lower == 2 && stability.standings[1].upper == 3)
    #expect(stability.standings[1].probabilityFirst == 0)
    let tied = RankStability(full: [0.5, 0.5], replicates: [[0.5, 0.5]], level: 0.95)
    #expect(tied.standings.map(\.probabilityFirst) == [0.5, 0.5])
}
