/// The edges of one co-action network, in `CoActionEdge.tableOrder`.
///
/// Edges are kept by account number (a network over 200k posts can have millions of them);
/// `edges` and `csv` spell the accounts out.
package struct CoActionEdgeTable: Equatable, Sendable {
    package var network: CoActionNetwork
    package var parameters: CoActionParameters
    /// Account ids in UTF-8 byte order; `parts` refer to them by index.
    let accounts: [String]
    /// The edges in table order, in the parts they were counted in.
    let parts: [CoActionNumberedEdges]

    init(network: CoActionNetwork, parameters: CoActionParameters, accounts: [String], parts: [CoActionNumberedEdges]) {
        self.network = network
        self.parameters = parameters
        self.accounts = accounts
        self.parts = parts
    }

    /// A table of the given edges, put in table order.
    package init(network: CoActionNetwork, parameters: CoActionParameters, edges: [CoActionEdge]) {
        let accounts = Set(edges.flatMap { [$0.user1, $0.user2] }).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let number = Dictionary(uniqueKeysWithValues: accounts.enumerated().map { ($1, Int32($0)) })
        var numbered = CoActionNumberedEdges()
        let rows = edges.map { (number[$0.user1] ?? 0, number[$0.user2] ?? 0, Int32(clamping: $0.weight)) }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        for (from, to, weight) in rows {
            numbered.from.append(from)
            numbered.to.append(to)
            numbered.weight.append(weight)
        }
        self.init(network: network, parameters: parameters, accounts: accounts, parts: [numbered])
    }

    /// Each pair of accounts once with the larger of its two directed weights, by account number
    /// (the smaller first), in the byte order of the two ids; nil unless every id is ASCII without
    /// NUL, where that order and the equality of ids are `String`'s, as `CoActionMethod` had them.
    func strongestUndirected() -> [(a: Int32, b: Int32, weight: Int32)]? {
        guard accounts.allSatisfy({ $0.utf8.allSatisfy { $0 > 0 && $0 < 0x80 } }) else { return nil }
        var strongest: [UInt64: Int32] = [:]
        strongest.reserveCapacity(count)
        for part in parts {
            for row in part.weight.indices where part.from[row] != part.to[row] {
                let (a, b) = (min(part.from[row], part.to[row]), max(part.from[row], part.to[row]))
                let pair = UInt64(UInt32(a)) << 32 | UInt64(UInt32(b))
                if part.weight[row] > strongest[pair] ?? 0 { strongest[pair] = part.weight[row] }
            }
        }
        return strongest.sorted { $0.key < $1.key }.map { (Int32(truncatingIfNeeded: $0.key >> 32), Int32(truncatingIfNeeded: $0.key), $0.value) }
    }

    /// The number of edges.
    package var count: Int { parts.reduce(0) { $0 + $1.weight.count } }

    /// The edges with account ids.
    package var edges: [CoActionEdge] {
        parts.flatMap { part in
            part.weight.indices.map { index in
                CoActionEdge(user1: accounts[Int(part.from[index])], user2: accounts[Int(part.to[index])],
                             weight: Int(part.weight[index]))
            }
        }
    }

    package static func == (a: CoActionEdgeTable, b: CoActionEdgeTable) -> Bool {
        a.network == b.network && a.parameters == b.parameters && a.edges == b.edges
    }
}
