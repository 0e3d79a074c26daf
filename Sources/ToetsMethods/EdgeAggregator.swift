/// Pairs reduced to integer account ranks and content ids, for aggregating edges.
///
/// An account's rank is its position in byte order of the account strings, so an edge key
/// (smaller rank << 32 | larger rank) sorts edges by (account_1, account_2) in C-locale order.
struct EdgeAggregator {
    /// Per pair: the older and newer side's account rank, content ids and time delta.
    private var olderAccount: [UInt32] = []
    private var newerAccount: [UInt32] = []
    private var olderContent: [UInt32] = []
    private var newerContent: [UInt32] = []
    private var delta: [Int64] = []
    /// Account strings by rank.
    private var namesByRank: [String] = []

    /// Edges of one aggregate, sorted by key.
    struct Aggregate {
        var keys: [UInt64]
        var stats: [CooRTweet.EdgeStats]
        var quantile: Double?
    }

    init(_ pairs: [CooRTweet.Pair]) {
        let count = pairs.count
        precondition(count < Int(Int32.max) / 2, "more than 2^30 pairs")
        let accounts = StringInterner(length: 2 * count) { $0 < count ? pairs[$0].accountID : pairs[$0 - count].accountIDY }
        let names = accounts.firstPosition.map { Int($0) < count ? pairs[Int($0)].accountID : pairs[Int($0) - count].accountIDY }
        let order = Self.byteOrder(names)
        var rank = [UInt32](repeating: 0, count: names.count)
        for (position, id) in order.enumerated() { rank[id] = UInt32(position) }
        olderAccount = accounts.ids[..<count].map { rank[Int($0)] }
        newerAccount = accounts.ids[count...].map { rank[Int($0)] }
        namesByRank = order.map { names[$0] }
        let contents = StringInterner(length: 2 * count) { $0 < count ? pairs[$0].contentID : pairs[$0 - count].contentIDY }
        olderContent = contents.ids[..<count].map { UInt32($0) }
        newerContent = contents.ids[count...].map { UInt32($0) }
        delta = pairs.map(\.timeDelta)
    }

    /// The indices of `names` in byte (C locale) order: a radix sort on the first 8 bytes, then
    /// a comparison sort inside each run of equal prefixes.
    static func byteOrder(_ names: [String]) -> [Int] {
        var keys = names.map { name in
            var key: UInt64 = 0
            var taken = 0
            for byte in name.utf8.prefix(8) {
                key = key << 8 | UInt64(byte)
                taken += 1
            }
            // Short names are padded with zero bytes; a tie is settled by the full comparison.
            return taken == 0 ? 0 : key << UInt64(8 * (8 - taken))
        }
        var ids = (0..<names.count).map { UInt32($0) }
        RadixSort.sort(keys: &keys, values: &ids)
        var order: [Int] = []
        order.reserveCapacity(names.count)
        var start = 0
        while start < names.count {
            var end = start + 1
            while end < names.count && keys[end] == keys[start] { end += 1 }
            if end - start == 1 {
                order.append(Int(ids[start]))
            } else {
                order += ids[start..<end].map(Int.init).sorted { names[$0].utf8.lexicographicallyPrecedes(names[$1].utf8) }
            }
            start = end
        }
        return order
    }

    func accountName(rank: UInt32) -> String { namesByRank[Int(rank)] }

    static func accounts(of key: UInt64) -> (UInt32, UInt32) {
        (UInt32(truncatingIfNeeded: key >> 32), UInt32(truncatingIfNeeded: key))
    }

    private func key(_ row: Int) -> UInt64 {
        let a = olderAccount[row], b = newerAccount[row]
        return UInt64(min(a, b)) << 32 | UInt64(max(a, b))
    }

    /// The edges of the pair rows `rows`, with weights thresholded at the `edgeWeight` quantile.
    /// Sorting the rows by edge key makes each edge a run, already in output order.
    func aggregate(rows: [Int], edgeWeight: Double) -> Aggregate {
        var keys = rows.map(key)
        var sortedRows = rows.map { UInt32($0) }
        RadixSort.sort(keys: &keys, values: &sortedRows)
        var edgeKeys: [UInt64] = []
        var weight: [Int] = []
        var deltaSum: [Int64] = []
        var older: [Int] = []
        var newer: [Int] = []
        var scratch: [UInt32] = []
        var start = 0
        while start < keys.count {
            var end = start + 1
            while end < keys.count && keys[end] == keys[start] { end += 1 }
            let run = sortedRows[start..<end]
            edgeKeys.append(keys[start])
            weight.append(run.count)
            deltaSum.append(run.reduce(0) { $0 + delta[Int($1)] })
            older.append(Self.distinct(run, olderContent, &scratch))
            newer.append(Self.distinct(run, newerContent, &scratch))
            start = end
        }
        let quantile = edgeKeys.isEmpty ? nil : RQuantile.type7(weight.map(Double.init), probability: edgeWeight)
        let stats = edgeKeys.indices.map { edge in
            CooRTweet.EdgeStats(
                weight: weight[edge],
                avgTimeDelta: Double(deltaSum[edge]) / Double(weight[edge]),
                nContentID: older[edge], nContentIDY: newer[edge],
                edgeSymmetryScore: Double(min(older[edge], newer[edge])) / Double(max(older[edge], newer[edge])),
                weightThreshold: Double(weight[edge]) > quantile!)
        }
        return Aggregate(keys: edgeKeys, stats: stats, quantile: quantile)
    }

    /// The number of distinct `content` values over `rows`.
    private static func distinct(_ rows: ArraySlice<UInt32>, _ content: [UInt32], _ scratch: inout [UInt32]) -> Int {
        if rows.count == 1 { return 1 }
        scratch.removeAll(keepingCapacity: true)
        for row in rows { scratch.append(content[Int(row)]) }
        scratch.sort()
        var distinct = 1
        for index in 1..<scratch.count where scratch[index] != scratch[index - 1] { distinct += 1 }
        return distinct
    }

    /// The accounts of the edges `keys` with their connected component, numbered 1… in order of
    /// each component's smallest account, sorted by account.
    func components(of keys: [UInt64]) -> [CooRTweet.Node] {
        var parent = [UInt32](namesByRank.indices.map { UInt32($0) })
        var present = [Bool](repeating: false, count: namesByRank.count)
        func root(_ vertex: UInt32) -> UInt32 {
            var vertex = vertex
            while parent[Int(vertex)] != vertex {
                parent[Int(vertex)] = parent[Int(parent[Int(vertex)])]
                vertex = parent[Int(vertex)]
            }
            return vertex
        }
        for key in keys {
            let (a, b) = Self.accounts(of: key)
            present[Int(a)] = true
            present[Int(b)] = true
            let (rootA, rootB) = (root(a), root(b))
            if rootA != rootB { parent[Int(max(rootA, rootB))] = min(rootA, rootB) }
        }
        // Walking accounts in byte order meets each component first at its smallest account.
        var label = [Int](repeating: 0, count: namesByRank.count)
        var next = 0
        var nodes: [CooRTweet.Node] = []
        for rank in namesByRank.indices where present[rank] {
            let top = Int(root(UInt32(rank)))
            if label[top] == 0 {
                next += 1
                label[top] = next
            }
            nodes.append(CooRTweet.Node(accountID: namesByRank[rank], component: label[top]))
        }
        return nodes
    }
}
