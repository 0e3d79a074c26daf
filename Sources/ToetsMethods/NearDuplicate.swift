import Foundation
import ToetsModel

/// `method/near-duplicate`: copy-pasta with small edits. Two accounts are linked once for every
/// pair of their posts whose word-shingle sets have a Jaccard similarity of at least
/// `threshold`. Candidates come from MinHash locality-sensitive hashing (Broder 1997; bands
/// chosen so that a pair at the threshold is a candidate with probability ≥ 0.999) and are
/// verified by exact Jaccard; `mode: exact` compares every pair that shares a shingle instead,
/// for validation. Reposts are left out (they are not copies), as are texts shorter than
/// `min_words` words. The defaults compare word sets at Jaccard 0.8, as CNT's co-similar-tweet
/// network does: an edit of one word in twenty keeps two copies at about 0.9, where word
/// bigrams or trigrams would fall to 0.5–0.7.
package struct NearDuplicate: CoordinationMethod {
    package static let name = "near-duplicate"
    package static let version = 1
    package static let parameters = [
        ParameterSpec("threshold", .number, default: .double(0.8), summary: "the smallest Jaccard similarity of two texts' shingle sets"),
        ParameterSpec("shingle", .integer, default: .int(1), summary: "words per shingle (1: word sets)"),
        ParameterSpec("min_words", .integer, default: .int(8), summary: "shorter texts are left out"),
        ParameterSpec("window", .integer, default: .int(0), summary: "seconds between the two posts at most; 0: any time"),
        ParameterSpec("mode", .string, default: .string("lsh"), summary: "lsh (MinHash candidates) or exact (every pair sharing a shingle)"),
        ParameterSpec("permutations", .integer, default: .int(128), summary: "MinHash signature length"),
        ParameterSpec("min_weight", .integer, default: .int(3),
                      summary: "operating point: accounts are flagged on an edge of at least this many near-duplicate post pairs"),
    ] + Grouping.parameters

    package var threshold: Double
    package var shingle: Int
    package var minWords: Int
    package var window: Int64
    package var exact: Bool
    package var permutations: Int
    package var minWeight: Int
    package var louvainSeed: UInt64?
    package var seed: UInt64

    package init(parameters: [String: ParamValue]) throws(StageParameterError) {
        guard let threshold = parameters.number("threshold"), threshold > 0, threshold <= 1 else {
            throw StageParameterError(parameter: "threshold", problem: "must be above 0 and at most 1")
        }
        guard let shingle = parameters.integer("shingle"), (1...10).contains(shingle) else {
            throw StageParameterError(parameter: "shingle", problem: "must be 1 to 10 words")
        }
        guard let mode = parameters.string("mode"), ["lsh", "exact"].contains(mode) else {
            throw StageParameterError(parameter: "mode", problem: "must be lsh or exact")
        }
        guard let permutations = parameters.integer("permutations"), (16...1024).contains(permutations) else {
            throw StageParameterError(parameter: "permutations", problem: "must be 16 to 1024")
        }
        self.threshold = threshold
        self.shingle = shingle
        minWords = max(parameters.integer("min_words") ?? 6, shingle)
        window = Int64(max(parameters.integer("window") ?? 0, 0))
        exact = mode == "exact"
        self.permutations = permutations
        minWeight = max(parameters.integer("min_weight") ?? 2, 1)
        louvainSeed = try Grouping.louvainSeed(parameters)
        seed = Grouping.seed(parameters)
    }

    package func detect(_ posts: [Post]) throws -> MethodResult {
        // Posts with the same shingle set form one text; texts are compared once.
        var textOf: [[UInt64]: Int] = [:]
        var texts: [[UInt64]] = []
        var postsOf: [[Int]] = []
        for (index, post) in posts.enumerated() where post.kind != .repost {
            let shingles = Self.shingles(post.text ?? "", size: shingle, minWords: minWords)
            guard !shingles.isEmpty else { continue }
            if let text = textOf[shingles] {
                postsOf[text].append(index)
            } else {
                textOf[shingles] = texts.count
                texts.append(shingles)
                postsOf.append([index])
            }
        }
        let similar = exact ? exactPairs(texts) : lshPairs(texts)

        // Accounts as numbers; pairs counted by packed account numbers, not strings.
        var accountNumbers: [String: Int] = [:]
        let author = posts.map { post in accountNumbers[post.authorID] ?? { accountNumbers[post.authorID] = accountNumbers.count; return accountNumbers.count - 1 }() }
        var pairCounts: [UInt64: Int] = [:]
        var evidence: [EvidenceRow] = []
        func link(_ a: Int, _ b: Int) {
            let (first, second) = posts[a].createdAt <= posts[b].createdAt ? (a, b) : (b, a)
            guard author[first] != author[second],
                  window == 0 || posts[second].createdAt - posts[first].createdAt <= window else { return }
            let key = UInt64(min(author[first], author[second])) << 32 | UInt64(max(author[first], author[second]))
            let count = pairCounts[key, default: 0]
            pairCounts[key] = count + 1
            // At most ten pieces of evidence per edge: enough to judge it, not a copy of the data.
            guard count < 10 else { return }
            evidence.append(EvidenceRow(account1: posts[first].authorID, account2: posts[second].authorID,
                                        object: "near-duplicate texts of \(posts[first].postID) and \(posts[second].postID)",
                                        time1: posts[first].createdAt, time2: posts[second].createdAt))
        }
        for text in postsOf.indices {
            let members = postsOf[text]
            for i in members.indices { for j in members.indices where j > i { link(members[i], members[j]) } }
        }
        for (a, b) in similar {
            for i in postsOf[a] { for j in postsOf[b] { link(i, j) } }
        }
        let accounts = accountNumbers.sorted { $0.value < $1.value }.map(\.key)
        var network = AccountGraph()
        for (key, count) in pairCounts.sorted(by: { $0.key < $1.key }) {
            network.addEdge(accounts[Int(key >> 32)], accounts[Int(key & 0xFFFF_FFFF)], weight: Double(count))
        }
        let seen = posts.map(\.authorID)
        return MethodResult(detections: network.detections(seen: seen, threshold: Double(minWeight), louvainSeed: louvainSeed),
                            evidence: evidence, network: network)
    }

    /// Sorted hashes of the word n-grams of `text`: lower-cased, links left out, split at
    /// anything but letters and digits; empty when the text has fewer than `minWords` words.
    /// ASCII is read byte by byte; other text goes through Unicode's properties.
    static func shingles(_ text: String, size: Int, minWords: Int) -> [UInt64] {
        var words: [UInt64] = []  // FNV-1a of each word
        var hash: UInt64 = 0
        var inWord = false
        var inLink = false
        func endWord() {
            if inWord { words.append(hash) }
            inWord = false
        }
        func add(_ byte: UInt8) {
            if !inWord { hash = 0xcbf2_9ce4_8422_2325; inWord = true }
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        var utf8 = Array(text.utf8)
        if utf8.contains(where: { $0 >= 0x80 }) { utf8 = Array(text.lowercased().utf8) }
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                endWord()
                inLink = false
                index += 1
                continue
            }
            if !inLink && !inWord && byte == UInt8(ascii: "h") && utf8[index...].starts(with: "http".utf8) {
                inLink = true  // a link, to the next white space
            }
            if inLink { index += 1; continue }
            if byte < 0x80 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): add(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): add(byte | 0x20)
                default: endWord()
                }
                index += 1
            } else {
                // A multi-byte scalar: a letter or digit joins the word, anything else ends it.
                var length = 1
                while index + length < utf8.count && utf8[index + length] & 0xC0 == 0x80 { length += 1 }
                let scalar = String(decoding: utf8[index..<(index + length)], as: UTF8.self).unicodeScalars.first
                if let scalar, scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    for offset in 0..<length { add(utf8[index + offset]) }
                } else {
                    endWord()
                }
                index += length
            }
        }
        endWord()
        guard words.count >= minWords else { return [] }
        var hashes: [UInt64] = []
        hashes.reserveCapacity(words.count)
        for start in 0...(words.count - size) {
            var combined: UInt64 = 0
            for word in words[start..<(start + size)] { combined = mix(combined ^ word) }
            hashes.append(combined)
        }
        hashes.sort()
        var unique = 0
        for hash in hashes where unique == 0 || hashes[unique - 1] != hash {
            hashes[unique] = hash
            unique += 1
        }
        hashes.removeLast(hashes.count - unique)
        return hashes
    }

    static func jaccard(_ a: [UInt64], _ b: [UInt64]) -> Double {
        var (i, j, shared) = (0, 0, 0)
        while i < a.count && j < b.count {
            if a[i] == b[j] { shared += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return Double(shared) / Double(a.count + b.count - shared)
    }

    /// Every pair of texts sharing a shingle whose Jaccard reaches the threshold.
    func exactPairs(_ texts: [[UInt64]]) -> [(Int, Int)] {
        var postings: [UInt64: [Int32]] = [:]
        for (text, shingles) in texts.enumerated() { for shingle in shingles { postings[shingle, default: []].append(Int32(text)) } }
        var pairs: [(Int, Int)] = []
        var shared = [Int32](repeating: 0, count: texts.count)
        var touched: [Int] = []
        for (text, shingles) in texts.enumerated() {
            for shingle in shingles {
                for other in postings[shingle]! where Int(other) > text {
                    if shared[Int(other)] == 0 { touched.append(Int(other)) }
                    shared[Int(other)] += 1
                }
            }
            for other in touched.sorted() {
                let common = Double(shared[other])
                if common / (Double(shingles.count + texts[other].count) - common) >= threshold { pairs.append((text, other)) }
                shared[other] = 0
            }
            touched.removeAll(keepingCapacity: true)
        }
        return pairs
    }

    /// Candidate pairs from MinHash bands, verified by exact Jaccard. The band keys of all texts
    /// are sorted once; texts with an equal key in a band are candidates.
    func lshPairs(_ texts: [[UInt64]]) -> [(Int, Int)] {
        let (bands, rows) = Self.banding(threshold: threshold, permutations: permutations)
        var random = SeededRandom(seed: seed)
        let salts = (0..<(bands * rows)).map { _ in random.next() }
        var keys: [(key: UInt64, text: Int32)] = []
        keys.reserveCapacity(texts.count * bands)
        var signature = [UInt64](repeating: 0, count: bands * rows)
        for (text, shingles) in texts.enumerated() {
            for index in signature.indices {
                var smallest = UInt64.max
                let salt = salts[index]
                for shingle in shingles { smallest = min(smallest, Self.mix(shingle ^ salt)) }
                signature[index] = smallest
            }
            for band in 0..<bands {
                var key = UInt64(band) &* 0x9e37_79b9_7f4a_7c15
                for row in 0..<rows { key = Self.mix(key ^ signature[band * rows + row]) }
                keys.append((key, Int32(text)))
            }
        }
        keys.sort { $0.key != $1.key ? $0.key < $1.key : $0.text < $1.text }
        var candidates: [UInt64] = []
        var start = 0
        while start < keys.count {
            var end = start + 1
            while end < keys.count && keys[end].key == keys[start].key { end += 1 }
            for i in start..<end { for j in (i + 1)..<end where keys[i].text != keys[j].text {
                candidates.append(UInt64(keys[i].text) << 32 | UInt64(keys[j].text))
            } }
            start = end
        }
        candidates.sort()
        var pairs: [(Int, Int)] = []
        var previous: UInt64?
        for packed in candidates where packed != previous {
            previous = packed
            let (a, b) = (Int(packed >> 32), Int(packed & 0xFFFF_FFFF))
            if Self.jaccard(texts[a], texts[b]) >= threshold { pairs.append((a, b)) }
        }
        return pairs
    }

    /// Bands and rows (bands × rows ≤ permutations) with the fewest false candidates such that
    /// a pair at the threshold becomes a candidate with probability at least 0.999.
    static func banding(threshold: Double, permutations: Int) -> (bands: Int, rows: Int) {
        for rows in stride(from: permutations, through: 1, by: -1) {
            let bands = permutations / rows
            let probability = 1 - pow(1 - pow(threshold, Double(rows)), Double(bands))
            if probability >= 0.999 { return (bands, rows) }
        }
        return (permutations, 1)
    }

    /// SplitMix64's finaliser: a bijective mix of 64 bits.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
