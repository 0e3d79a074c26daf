import Testing
@testable import ToetsMethods

struct CooRTweetNetworkTests {
    @Test func weightCountsPairRowsAndContentsAreCountedPerSide() {
        // B shared o1 twice: two rows for one object. The third row runs the other way round.
        let pairs = [
            pair("o1", "A", "a1", "B", "b1", 2), pair("o1", "A", "a1", "B", "b2", 4),
            pair("o2", "B", "b3", "A", "a2", 3),
        ]
        let network = CooRTweet.generateCoordinatedNetwork(pairs)
        #expect(network.edges.count == 1)
        let edge = network.edges[0]
        #expect((edge.account1, edge.account2) == ("A", "B"))
        #expect(edge.full == CooRTweet.EdgeStats(
            weight: 3, avgTimeDelta: 3, nContentID: 2, nContentIDY: 3, edgeSymmetryScore: 2.0 / 3.0,
            weightThreshold: false))
        #expect(edge.fast == nil)
        // One edge: the quantile is its own weight, and nothing is strictly above it.
        #expect(network.weightQuantile == 3)
    }

    @Test func quantileFollowsRType7() {
        #expect(RQuantile.type7([1], probability: 0.5) == 1)
        #expect(RQuantile.type7([1, 2], probability: 0.5) == 1.5)
        #expect(RQuantile.type7([1, 1, 1, 2], probability: 0.5) == 1)
        #expect(RQuantile.type7([4, 3, 2, 1], probability: 0.5) == 2.5)
        // Position 1 + 4·0.9 = 4.6 (4.6 − 4 is 0.5999999999999996 in binary); R's (1 − h)·7 + h·10.
        #expect(RQuantile.type7([3, 1, 2, 10, 7], probability: 0.9) == 8.799999999999999)
        #expect(RQuantile.type7([3, 1, 2, 10, 7], probability: 0) == 1)
        #expect(RQuantile.type7([3, 1, 2, 10, 7], probability: 1) == 10)
        #expect(RQuantile.type7([2, 5], probability: 1.0 / 3.0) == 3)
    }

    @Test func thresholdFlagsWeightsStrictlyAboveTheQuantile() {
        let pairs = [
            pair("o1", "A", "a1", "B", "b1", 1), pair("o2", "A", "a2", "B", "b2", 1),
            pair("o1", "A", "a1", "C", "c1", 1), pair("o3", "D", "d1", "E", "e1", 1),
        ]
        // Weights 2, 1, 1: the median is 1, so only A–B (2 > 1) is flagged.
        let network = CooRTweet.generateCoordinatedNetwork(pairs, edgeWeight: 0.5)
        #expect(network.weightQuantile == 1)
        #expect(network.edges.map { "\($0.account1)-\($0.account2):\($0.full.weightThreshold)" }
            == ["A-B:true", "A-C:false", "D-E:false"])
        // At p = 0 the quantile is the smallest weight: every heavier edge is flagged.
        let low = CooRTweet.generateCoordinatedNetwork(pairs, edgeWeight: 0)
        #expect(low.edges.map(\.full.weightThreshold) == [true, false, false])
        // At p = 1 nothing is strictly above the largest weight.
        let high = CooRTweet.generateCoordinatedNetwork(pairs, edgeWeight: 1)
        #expect(high.edges.allSatisfy { !$0.full.weightThreshold })
    }

    @Test func subgraphOneKeepsFlaggedEdgesAndDropsIsolatedAccounts() {
        let pairs = [
            pair("o1", "A", "a1", "B", "b1", 1), pair("o2", "A", "a2", "B", "b2", 1),
            pair("o1", "B", "b1", "C", "c1", 1), pair("o4", "C", "c4", "B", "b4", 1),
            pair("o3", "D", "d1", "E", "e1", 1), pair("o5", "F", "f1", "G", "g1", 1),
        ]
        // Weights 2, 2, 1, 1: the median is 1.5.
        let all = CooRTweet.generateCoordinatedNetwork(pairs, subgraph: .allEdges)
        #expect(all.edges.count == 4)
        #expect(all.nodes.map(\.accountID) == ["A", "B", "C", "D", "E", "F", "G"])
        let flagged = CooRTweet.generateCoordinatedNetwork(pairs, subgraph: .flaggedEdges)
        #expect(flagged.edges.map { "\($0.account1)-\($0.account2)" } == ["A-B", "B-C"])
        #expect(flagged.nodes.map(\.accountID) == ["A", "B", "C"])
        #expect(flagged.weightQuantile == 1.5)
        #expect(flagged.nodes.allSatisfy { $0.component == 1 })
    }

    @Test func componentsAreNumberedByTheirSmallestAccount() {
        let pairs = [
            pair("o1", "e", "x1", "d", "x2", 1), pair("o2", "z", "x3", "a", "x4", 1),
            pair("o3", "c", "x5", "b", "x6", 1), pair("o4", "y", "x7", "z", "x8", 1),
        ]
        let network = CooRTweet.generateCoordinatedNetwork(pairs)
        #expect(network.nodes.map { "\($0.accountID)\($0.component)" } == ["a1", "b2", "c2", "d3", "e3", "y1", "z1"])
    }

    @Test func fastNetworkCarriesBothAggregatesEachWithItsOwnThreshold() {
        let pairs = [
            pair("o1", "A", "a1", "B", "b1", 2), pair("o2", "A", "a2", "B", "b2", 40),
            pair("o3", "A", "a3", "C", "c1", 5), pair("o4", "C", "c2", "D", "d1", 50),
        ]
        let network = CooRTweet.generateCoordinatedNetwork(pairs, fast: [true, false, true, false])
        #expect(network.hasFast)
        #expect(network.edges.map { "\($0.account1)-\($0.account2)" } == ["A-B", "A-C", "C-D"])
        #expect(network.edges[0].full.weight == 2 && network.edges[0].full.avgTimeDelta == 21)
        #expect(network.edges[0].fast?.weight == 1 && network.edges[0].fast?.avgTimeDelta == 2)
        #expect(network.edges[2].fast == nil)
        // Full weights 2, 1, 1 (quantile 1); fast weights 1, 1 (quantile 1, nothing flagged).
        #expect(network.weightQuantile == 1 && network.fastWeightQuantile == 1)
        #expect(network.edges.map(\.full.weightThreshold) == [true, false, false])
        #expect(network.edges.compactMap(\.fast).allSatisfy { !$0.weightThreshold })
    }

    @Test func noPairsGiveAnEmptyNetwork() {
        let network = CooRTweet.generateCoordinatedNetwork([], subgraph: .flaggedEdges)
        #expect(network.edges.isEmpty && network.nodes.isEmpty && network.weightQuantile == nil)
    }
}
