import ToetsModel

/// An undirected, weighted graph over accounts: the coordination network most methods build.
/// Self-loops are never added; adding an edge twice adds the weights.
package struct AccountGraph: Sendable {
    /// Account ids by vertex number, in the order they were first added.
    package private(set) var accounts: [String] = []
    private var numbers: [String: Int] = [:]
    /// Edge weights by packed vertex pair (smaller number in the high half).
    private var weights: [UInt64: Double] = [:]

    package init() {}

    package var vertexCount: Int { accounts.count }
    package var edgeCount: Int { weights.count }

    /// The vertex of `account`, added if new.
    @discardableResult
    package mutating func vertex(_ account: String) -> Int {
        if let number = numbers[account] { return number }
        accounts.append(account)
        numbers[account] = accounts.count - 1
        return accounts.count - 1
    }

    package func number(of account: String) -> Int? { numbers[account] }

    /// Whether vertices `u` and `v` share an edge.
    package func hasEdge(_ u: Int, _ v: Int) -> Bool {
        u != v && u >= 0 && v >= 0 && weights[Self.pack(u, v)] != nil
    }

    package mutating func addEdge(_ a: String, _ b: String, weight: Double) {
        guard a != b else { return }
        let (u, v) = (vertex(a), vertex(b))
        weights[Self.pack(u, v), default: 0] += weight
    }

    private static func pack(_ u: Int, _ v: Int) -> UInt64 {
        UInt64(min(u, v)) << 32 | UInt64(max(u, v))
    }

    /// Every edge once, as account ids with the smaller id (byte order) first, sorted.
    ///
    /// The accounts are ranked in byte order once; the edges are then sorted as pairs of ranks,
    /// integers, which is the same order without comparing a string per step.
    package var edges: [(account1: String, account2: String, weight: Double)] {
        var rank = [UInt64](repeating: 0, count: accounts.count)
        let byName = accounts.indices.sorted { accounts[$0].utf8.lexicographicallyPrecedes(accounts[$1].utf8) }
        for (position, vertex) in byName.enumerated() { rank[vertex] = UInt64(position) }
        let ranked = weights.map { key, weight -> (pair: UInt64, weight: Double) in
            let (u, v) = (rank[Int(key >> 32)], rank[Int(key & 0xFFFF_FFFF)])
            return (min(u, v) << 32 | max(u, v), weight)
        }.sorted { $0.pair < $1.pair }
        return ranked.map { edge in
            (accounts[byName[Int(edge.pair >> 32)]], accounts[byName[Int(edge.pair & 0xFFFF_FFFF)]], edge.weight)
        }
    }

    /// Neighbours and weights of each vertex.
    package var adjacency: [[(vertex: Int, weight: Double)]] {
        var lists = [[(vertex: Int, weight: Double)]](repeating: [], count: accounts.count)
        for (key, weight) in weights {
            let (u, v) = (Int(key >> 32), Int(key & 0xFFFF_FFFF))
            lists[u].append((v, weight))
            lists[v].append((u, weight))
        }
        return lists.map { $0.sorted { $0.vertex < $1.vertex } }
    }

    /// The sum of the weights of each vertex's edges.
    package var strengths: [Double] {
        var strength = [Double](repeating: 0, count: accounts.count)
        for (key, weight) in weights {
            strength[Int(key >> 32)] += weight
            strength[Int(key & 0xFFFF_FFFF)] += weight
        }
        return strength
    }

    /// The graph with only the edges `keep` accepts, and no vertices left without an edge.
    package func filter(_ keep: (Double) -> Bool) -> AccountGraph {
        filter(edges, keep)
    }

    /// `filter(keep)` given this graph's `edges`, already in order.
    package func filter(_ edges: [(account1: String, account2: String, weight: Double)], _ keep: (Double) -> Bool) -> AccountGraph {
        var result = AccountGraph()
        for edge in edges where keep(edge.weight) { result.addEdge(edge.account1, edge.account2, weight: edge.weight) }
        return result
    }

    /// Connected components, numbered 1…k in the byte order of each component's smallest account
    /// id (as CooRTweet's groups are), by vertex.
    package func components() -> [Int] {
        var parent = Array(0..<accounts.count)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for key in weights.keys {
            let (a, b) = (root(Int(key >> 32)), root(Int(key & 0xFFFF_FFFF)))
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        return Self.numbered(accounts.indices.map(root), accounts: accounts)
    }

    /// Relabels arbitrary group labels 1…k in the byte order of each group's smallest account id.
    static func numbered(_ labels: [Int], accounts: [String]) -> [Int] {
        var smallest: [Int: String] = [:]
        for (vertex, label) in labels.enumerated() {
            if let current = smallest[label], !accounts[vertex].utf8.lexicographicallyPrecedes(current.utf8) { continue }
            smallest[label] = accounts[vertex]
        }
        let order = smallest.sorted { $0.value.utf8.lexicographicallyPrecedes($1.value.utf8) }.map(\.key)
        let number = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0 + 1) })
        return labels.map { number[$0]! }
    }
}
