import Foundation
import ToetsModel

/// `method/pacheco`: the trace-similarity framework of Pacheco et al. (ICWSM 2021,
/// "Uncovering coordinated networks on social media"). Each account becomes a vector of the
/// traces it left — the posts it reposted, the identical sequences of at least five hashtags it
/// posted on one day, or the 30-minute bins it was active in — weighted by TF-IDF (smoothed
/// idf, l2-normalised rows, as scikit-learn's TfidfVectorizer does) and compared by cosine
/// similarity. Support filters drop traces left by fewer than `min_accounts` or more than
/// `max_accounts` accounts and accounts with fewer than `min_traces` traces; the edges kept are those at or above the
/// `percentile` of all positive similarities. An account's score is its largest similarity;
/// accounts on kept edges are flagged, grouped by connected component (or Louvain).
package struct Pacheco: CoordinationMethod {
    package static let name = "pacheco"
    package static let version = 1
    package static let parameters = [
        ParameterSpec("trace", .string, default: .string("retweets"), summary: "retweets, hashtags or activity"),
        ParameterSpec("min_hashtags", .integer, default: .int(5), summary: "hashtags: the shortest sequence that is a trace"),
        ParameterSpec("bin_minutes", .integer, default: .int(30), summary: "activity: the width of a time bin"),
        ParameterSpec("min_accounts", .integer, default: .int(2), summary: "support: a trace left by fewer accounts is dropped"),
        ParameterSpec("min_traces", .integer, default: .int(2), summary: "support: an account with fewer traces is dropped"),
        ParameterSpec("max_accounts", .integer, default: .int(1000),
                      summary: "a trace left by more accounts is dropped (0: none): what everyone shares says little of "
                          + "coordination, and its pairs grow with the square of its accounts"),
        ParameterSpec("percentile", .number, default: .double(99.5),
                      summary: "operating point: edges at or above this percentile of the positive similarities are kept"),
    ] + Grouping.parameters

    enum Trace: String { case retweets, hashtags, activity }

    var trace: Trace
    var minHashtags: Int
    var binSeconds: Int64
    var minAccounts: Int
    var minTraces: Int
    var maxAccounts: Int
    var percentile: Double
    var louvainSeed: UInt64?

    package init(parameters: [String: ParamValue]) throws(StageParameterError) {
        guard let trace = parameters.string("trace").flatMap(Trace.init) else {
            throw StageParameterError(parameter: "trace", problem: "must be retweets, hashtags or activity")
        }
        guard let percentile = parameters.number("percentile"), (0...100).contains(percentile) else {
            throw StageParameterError(parameter: "percentile", problem: "must be between 0 and 100")
        }
        guard let minutes = parameters.integer("bin_minutes"), minutes >= 1 else {
            throw StageParameterError(parameter: "bin_minutes", problem: "must be at least 1")
        }
        self.trace = trace
        minHashtags = max(parameters.integer("min_hashtags") ?? 5, 1)
        binSeconds = Int64(minutes) * 60
        minAccounts = max(parameters.integer("min_accounts") ?? 2, 1)
        minTraces = max(parameters.integer("min_traces") ?? 2, 1)
        maxAccounts = max(parameters.integer("max_accounts") ?? 1000, 0)
        self.percentile = percentile
        louvainSeed = try Grouping.louvainSeed(parameters)
    }

    /// The trace a post leaves, if any.
    func traceOf(_ post: Post) -> String? {
        switch trace {
        case .retweets:
            return post.kind == .repost ? post.refPostID.map { "repost of \($0)" } : nil
        case .hashtags:
            guard post.hashtags.count >= minHashtags else { return nil }
            return "day \(UTCTime.bin(post.createdAt, width: UTCTime.day)): #" + post.hashtags.joined(separator: " #")
        case .activity:
            let bin = UTCTime.bin(post.createdAt, width: binSeconds)
            return "active \(bin * binSeconds)–\((bin + 1) * binSeconds)"
        }
    }

    package func detect(_ posts: [Post]) throws -> MethodResult {
        // Account × trace counts, and when each account first left each trace.
        var traceNumbers: [String: Int] = [:]
        var traceNames: [String] = []
        var counts: [String: [Int: (count: Double, first: Int64)]] = [:]
        for post in posts {
            guard let name = traceOf(post) else { continue }
            let number = traceNumbers[name] ?? { traceNames.append(name); traceNumbers[name] = traceNames.count - 1; return traceNames.count - 1 }()
            let current = counts[post.authorID, default: [:]][number]
            counts[post.authorID, default: [:]][number] = ((current?.count ?? 0) + 1, min(current?.first ?? .max, post.createdAt))
        }
        // Support filters, once each: traces of too few accounts, then accounts with too few traces.
        var accountsPerTrace = [Int](repeating: 0, count: traceNames.count)
        for row in counts.values { for trace in row.keys { accountsPerTrace[trace] += 1 } }
        var rows: [(account: String, row: [Int: (count: Double, first: Int64)])] = []
        for (account, row) in counts {
            let kept = row.filter { accountsPerTrace[$0.key] >= minAccounts && (maxAccounts == 0 || accountsPerTrace[$0.key] <= maxAccounts) }
            if kept.values.reduce(0, { $0 + Int($1.count) }) >= minTraces { rows.append((account, kept)) }
        }
        rows.sort { $0.account.utf8.lexicographicallyPrecedes($1.account.utf8) }

        // TF-IDF with smoothed idf over the accounts kept, rows l2-normalised.
        var documentFrequency = [Int](repeating: 0, count: traceNames.count)
        for row in rows { for trace in row.row.keys { documentFrequency[trace] += 1 } }
        let n = Double(rows.count)
        var vectors: [[(trace: Int, weight: Double)]] = rows.map { row in
            row.row.map { (trace: $0.key, weight: $0.value.count * (log((1 + n) / (1 + Double(documentFrequency[$0.key]))) + 1)) }
                .sorted { $0.trace < $1.trace }
        }
        for index in vectors.indices {
            let norm = sqrt(vectors[index].reduce(0) { $0 + $1.weight * $1.weight })
            vectors[index] = vectors[index].map { ($0.trace, $0.weight / norm) }
        }
        // Cosine similarity of every pair sharing a trace, through an inverted index. The pairs
        // are computed three times rather than stored: to count them, to find the percentile
        // with a heap of the largest values only, and to keep the edges at or above it.
        var postings = [[(row: Int32, weight: Double)]](repeating: [], count: traceNames.count)
        for (row, vector) in vectors.enumerated() { for entry in vector { postings[entry.trace].append((Int32(row), entry.weight)) } }
        func forEachSimilarity(_ body: (Int, Int, Double) -> Void) {
            var dot = [Double](repeating: 0, count: rows.count)
            var touched: [Int] = []
            for (row, vector) in vectors.enumerated() {
                for entry in vector {
                    for other in postings[entry.trace] where Int(other.row) > row {
                        if dot[Int(other.row)] == 0 { touched.append(Int(other.row)) }
                        dot[Int(other.row)] += entry.weight * other.weight
                    }
                }
                touched.sort()
                for other in touched {
                    body(row, other, min(dot[other], 1))
                    dot[other] = 0
                }
                touched.removeAll(keepingCapacity: true)
            }
        }
        var best = [Double](repeating: 0, count: rows.count)
        var pairCount = 0
        forEachSimilarity { a, b, similarity in
            pairCount += 1
            best[a] = max(best[a], similarity)
            best[b] = max(best[b], similarity)
        }
        let cut = Self.quantile(count: pairCount, percentile / 100, values: forEachSimilarity)

        var network = AccountGraph()
        var evidence: [EvidenceRow] = []
        if let cut {
            forEachSimilarity { i, j, similarity in
                guard similarity >= cut else { return }
                let (a, b) = (rows[i], rows[j])
                network.addEdge(a.account, b.account, weight: similarity)
                // The shared traces behind the edge, the five first left.
                let shared = a.row.keys.filter { b.row[$0] != nil }
                    .sorted { min(a.row[$0]!.first, b.row[$0]!.first) < min(a.row[$1]!.first, b.row[$1]!.first) }
                for trace in shared.prefix(5) {
                    evidence.append(EvidenceRow(account1: a.account, account2: b.account, object: traceNames[trace],
                                                time1: a.row[trace]!.first, time2: b.row[trace]!.first))
                }
            }
        }
        let bestOf = Dictionary(uniqueKeysWithValues: rows.indices.map { (rows[$0].account, best[$0]) })
        let labels = louvainSeed.map { network.louvain(seed: $0).labels } ?? network.components()
        var detections: [Detection] = []
        for account in Set(posts.map(\.authorID)) {
            if let vertex = network.number(of: account) {
                detections.append(Detection(accountID: account, score: bestOf[account] ?? 0, flagged: true, group: "g\(labels[vertex])"))
            } else {
                detections.append(Detection(accountID: account, score: bestOf[account] ?? 0, flagged: false))
            }
        }
        detections.sort { $0.accountID.utf8.lexicographicallyPrecedes($1.accountID.utf8) }
        return MethodResult(detections: detections, evidence: evidence, network: network)
    }

    /// R's type-7 quantile of `count` values that `values` produces (each call anew), keeping
    /// only the largest n − ⌊(n − 1)p⌋ of them in a heap; nil when there are none.
    static func quantile(count: Int, _ p: Double, values: ((Int, Int, Double) -> Void) -> Void) -> Double? {
        guard count > 0 else { return nil }
        let position = Double(count - 1) * p
        let lower = Int(position.rounded(.down))
        var heap = MinHeap(capacity: count - lower)
        values { _, _, value in heap.offer(value) }
        // The heap holds sorted positions lower…n−1: its smallest is x[lower], the next x[lower + 1].
        let low = heap.popMin()!
        let high = heap.popMin() ?? low
        return low + (position - Double(lower)) * (high - low)
    }

    /// R's type-7 quantile of sorted values (linear interpolation at (n − 1)p); nil when empty.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let position = Double(sorted.count - 1) * p
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
    }
}

/// The `capacity` largest values offered, with the smallest of them on top.
struct MinHeap {
    private var items: [Double] = []
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        items.reserveCapacity(min(capacity, 1 << 24))
    }

    mutating func offer(_ value: Double) {
        if items.count < capacity {
            items.append(value)
            var child = items.count - 1
            while child > 0, items[(child - 1) / 2] > items[child] {
                items.swapAt(child, (child - 1) / 2)
                child = (child - 1) / 2
            }
        } else if let top = items.first, value > top {
            items[0] = value
            siftDown()
        }
    }

    mutating func popMin() -> Double? {
        guard let top = items.first else { return nil }
        items[0] = items[items.count - 1]
        items.removeLast()
        if !items.isEmpty { siftDown() }
        return top
    }

    private mutating func siftDown() {
        var parent = 0
        while true {
            let (left, right) = (2 * parent + 1, 2 * parent + 2)
            var smallest = parent
            if left < items.count && items[left] < items[smallest] { smallest = left }
            if right < items.count && items[right] < items[smallest] { smallest = right }
            if smallest == parent { return }
            items.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
