extension CooRTweet {
    /// Which edges `generateCoordinatedNetwork` returns (CooRTweet's `subgraph` 0 and 1).
    package enum Subgraph: Int, Sendable {
        /// Every edge, with its threshold flag.
        case allEdges = 0
        /// Only edges above the weight threshold; accounts left without an edge are dropped.
        case flaggedEdges = 1
    }

    /// The aggregate of the pair rows between two accounts.
    package struct EdgeStats: Hashable, Sendable {
        /// The number of pair rows, over all objects; repeated shares add more than one.
        package var weight: Int
        package var avgTimeDelta: Double
        /// Distinct contents on the older side of the rows (not per account).
        package var nContentID: Int
        /// Distinct contents on the newer side of the rows.
        package var nContentIDY: Int
        /// min/max of the two counts above.
        package var edgeSymmetryScore: Double
        /// `weight` is strictly above the type-7 quantile of all weights at `edgeWeight`.
        package var weightThreshold: Bool
    }

    /// An undirected edge, `account1 < account2` in byte (C locale) order.
    package struct Edge: Hashable, Sendable {
        package var account1: String
        package var account2: String
        /// From all pairs (`*_full` when a fast network is asked for).
        package var full: EdgeStats
        /// From the fast pairs only; nil (NA) when the edge has none or none were given.
        package var fast: EdgeStats?
    }

    /// An account and its connected component, numbered 1… by the component's smallest account.
    package struct Node: Hashable, Sendable {
        package var accountID: String
        package var component: Int
    }

    /// CooRTweet's coordinated network: edges sorted by (account1, account2), nodes by account.
    package struct Network: Sendable {
        package var edges: [Edge]
        package var nodes: [Node]
        /// The weight quantile that `weightThreshold` compares with; nil without edges.
        package var weightQuantile: Double?
        /// The same for the fast aggregate, computed over fast edges only.
        package var fastWeightQuantile: Double?
        /// Whether a fast network was asked for, so writers add the `*_fast` columns.
        package var hasFast: Bool
    }

    /// CooRTweet's `generate_coordinated_network` over `pairs`.
    ///
    /// `fast`, aligned with `pairs` (the output of `flagSpeedShare`), asks for the fast network
    /// too (`fast_net = TRUE`): each edge then carries both aggregates, each thresholded on its
    /// own weights. `subgraph` filters on the full aggregate's flag. `edgeWeight` lies in [0, 1].
    package static func generateCoordinatedNetwork(
        _ pairs: [Pair], edgeWeight: Double = 0.5, subgraph: Subgraph = .allEdges, fast: [Bool]? = nil
    ) -> Network {
        precondition((0...1).contains(edgeWeight), "edgeWeight is a probability in [0, 1]")
        precondition(fast == nil || fast!.count == pairs.count, "fast flags must align with pairs")
        let aggregator = EdgeAggregator(pairs)
        let full = aggregator.aggregate(rows: Array(pairs.indices), edgeWeight: edgeWeight)
        let fastAggregate = fast.map { flags in
            aggregator.aggregate(rows: pairs.indices.filter { flags[$0] }, edgeWeight: edgeWeight)
        }
        var edges: [Edge] = []
        var kept: [UInt64] = []
        var fastIndex = 0
        for (key, stats) in zip(full.keys, full.stats) {
            // Both aggregates are sorted by key and fast keys are a subset: walk them together.
            var fastStats: EdgeStats? = nil
            if let fastAggregate {
                while fastIndex < fastAggregate.keys.count && fastAggregate.keys[fastIndex] < key { fastIndex += 1 }
                if fastIndex < fastAggregate.keys.count && fastAggregate.keys[fastIndex] == key {
                    fastStats = fastAggregate.stats[fastIndex]
                }
            }
            if subgraph == .flaggedEdges && !stats.weightThreshold { continue }
            let (first, second) = EdgeAggregator.accounts(of: key)
            edges.append(Edge(
                account1: aggregator.accountName(rank: first), account2: aggregator.accountName(rank: second),
                full: stats, fast: fastStats))
            kept.append(key)
        }
        return Network(
            edges: edges, nodes: aggregator.components(of: kept),
            weightQuantile: full.quantile, fastWeightQuantile: fastAggregate?.quantile, hasFast: fast != nil)
    }
}
