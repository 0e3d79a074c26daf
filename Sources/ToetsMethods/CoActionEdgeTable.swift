/// The edges of one co-action network, in `CoActionEdge.tableOrder`.
///
/// Edges are kept by account number (a network over 200k posts can have millions of them);
/// `edges` and `csv` spell the accounts out.
package struct CoActionEdgeTable: Equatable, Sendable {
    package var network: CoActionNetwork
    package var parameters: CoActionParameters
    /// Account ids in UTF-8 byte order; `numbered` refers to them by index.
    let accounts: [String]
    let numbered: CoActionNumberedEdges

    init(network: CoActionNetwork, parameters: CoActionParameters, accounts: [String], numbered: CoActionNumberedEdges) {
        self.network = network
        self.parameters = parameters
        self.accounts = accounts
        self.numbered = numbered
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
        self.init(network: network, parameters: parameters, accounts: accounts, numbered: numbered)
    }

    /// The number of edges.
    package var count: Int { numbered.weight.count }

    /// The edges with account ids.
    package var edges: [CoActionEdge] {
        numbered.weight.indices.map { index in
            CoActionEdge(user1: accounts[Int(numbered.from[index])], user2: accounts[Int(numbered.to[index])],
                         weight: Int(numbered.weight[index]))
        }
    }

    package static func == (a: CoActionEdgeTable, b: CoActionEdgeTable) -> Bool {
        a.network == b.network && a.parameters == b.parameters && a.edges == b.edges
    }

    /// CSV with CNT's table columns, `user_1,user_2,weight`, one row per edge, `\n` line ends.
    /// A field is quoted (RFC 4180) only when it holds a comma, quote or line break.
    package var csv: [UInt8] {
        let fields = accounts.map(Self.field)
        var out: [UInt8] = Array("user_1,user_2,weight\n".utf8)
        out.reserveCapacity(count * 24 + out.count)
        for index in numbered.weight.indices {
            out.append(contentsOf: fields[Int(numbered.from[index])])
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: fields[Int(numbered.to[index])])
            out.append(UInt8(ascii: ","))
            Self.appendDecimal(numbered.weight[index], to: &out)
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    private static func field(_ text: String) -> [UInt8] {
        let needsQuotes = text.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r")
        }
        guard needsQuotes else { return Array(text.utf8) }
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
        return out
    }

    private static func appendDecimal(_ value: Int32, to out: inout [UInt8]) {
        let magnitude = value.magnitude
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var divisor: UInt32 = 1
        while divisor <= magnitude / 10 { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(magnitude / divisor % 10))
            divisor /= 10
        }
    }
}
