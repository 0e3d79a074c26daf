import ToetsModel

extension AccountGraph {
    /// Communities by the Louvain method (Blondel et al. 2008): nodes move to the neighbouring
    /// community with the largest modularity gain, in an order drawn from `seed`, until none
    /// moves; communities then become nodes, and so on while anything changes. The same seed
    /// gives the same communities. Labels are 1…k by each community's smallest account id
    /// (byte order); isolated vertices are communities of their own.
    package func louvain(seed: UInt64, resolution: Double = 1) -> (labels: [Int], modularity: Double) {
        let n = vertexCount
        guard n > 0 else { return ([], 0) }
        var random = SeededRandom(seed: seed)
        // The current level: neighbour lists without self-loops, and each node's strength
        // (which counts the weight inside it twice, as for the original vertices).
        var neighbours: [[(node: Int, weight: Double)]] = adjacency.map { $0.map { ($0.vertex, $0.weight) } }
        var strength = strengths
        let twiceTotal = strength.reduce(0, +)
        var membership = Array(0..<n)  // original vertex → node of the current level
        guard twiceTotal > 0 else { return (Self.numbered(membership, accounts: accounts), 0) }

        while true {
            let count = neighbours.count
            var community = Array(0..<count)
            var total = strength
            var moved = false
            var order = Array(0..<count)
            for index in stride(from: count - 1, to: 0, by: -1) {
                order.swapAt(index, Int(random.unit() * Double(index + 1)))
            }
            var improved = true
            var linkTo = [Double](repeating: 0, count: count)
            var touched: [Int] = []
            while improved {
                improved = false
                for node in order {
                    let own = community[node]
                    for (other, weight) in neighbours[node] {
                        if linkTo[community[other]] == 0 { touched.append(community[other]) }
                        linkTo[community[other]] += weight
                    }
                    total[own] -= strength[node]
                    var best = own
                    var bestGain = linkTo[own] - resolution * total[own] * strength[node] / twiceTotal
                    for candidate in touched.sorted() where candidate != own {
                        let gain = linkTo[candidate] - resolution * total[candidate] * strength[node] / twiceTotal
                        if gain > bestGain + 1e-12 {
                            best = candidate
                            bestGain = gain
                        }
                    }
                    total[best] += strength[node]
                    community[node] = best
                    if best != own {
                        improved = true
                        moved = true
                    }
                    for touchedCommunity in touched { linkTo[touchedCommunity] = 0 }
                    linkTo[own] = 0
                    touched.removeAll(keepingCapacity: true)
                }
            }
            guard moved else { break }
            // Aggregate: each community becomes a node.
            let used = Array(Set(community)).sorted()
            let newNumber = Dictionary(uniqueKeysWithValues: used.enumerated().map { ($1, $0) })
            var merged = [[Int: Double]](repeating: [:], count: used.count)
            var newStrength = [Double](repeating: 0, count: used.count)
            for node in 0..<count {
                let from = newNumber[community[node]]!
                newStrength[from] += strength[node]
                for (other, weight) in neighbours[node] {
                    let to = newNumber[community[other]]!
                    if to != from { merged[from][to, default: 0] += weight }
                }
            }
            neighbours = merged.map { $0.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
            strength = newStrength
            membership = membership.map { newNumber[community[$0]]! }
        }
        let labels = Self.numbered(membership, accounts: accounts)
        return (labels, modularity(of: labels, resolution: resolution))
    }

    /// Newman–Girvan modularity of a partition (labels by vertex).
    package func modularity(of labels: [Int], resolution: Double = 1) -> Double {
        let strength = strengths
        let twiceTotal = strength.reduce(0, +)
        guard twiceTotal > 0 else { return 0 }
        var inside: [Int: Double] = [:]
        var total: [Int: Double] = [:]
        for (vertex, label) in labels.enumerated() { total[label, default: 0] += strength[vertex] }
        for edge in edges {
            let (u, v) = (number(of: edge.account1)!, number(of: edge.account2)!)
            if labels[u] == labels[v] { inside[labels[u], default: 0] += 2 * edge.weight }
        }
        return total.keys.reduce(0) { sum, label in
            let share = total[label]! / twiceTotal
            return sum + (inside[label] ?? 0) / twiceTotal - resolution * share * share
        }
    }
}
