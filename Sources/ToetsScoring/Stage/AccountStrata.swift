import ToetsModel

/// Account properties to stratify by, read from the posts: each account's most frequent value
/// over its posts (ties: the first in byte order).
package struct AccountStrata: Sendable {
    /// The properties a posts artefact can carry. Normalized posts always have a platform and
    /// usually a language; `municipality` is read when posts carry that key.
    package enum Dimension: String, CaseIterable, Sendable {
        case platform, language, municipality
    }

    /// The value an account without one gets.
    package static let unknown = "unknown"

    /// Per dimension carried, each author's value.
    package var values: [Dimension: [String: String]]
    /// Authors of the posts.
    package var accounts: Set<String>
    /// Per author, the posts it wrote: its activity.
    package var postCounts: [String: Int]

    package init(values: [Dimension: [String: String]], accounts: Set<String>, postCounts: [String: Int] = [:]) {
        self.values = values
        self.accounts = accounts
        self.postCounts = postCounts
    }

    /// Reads a posts artefact (NDJSON). Only `author_id`, `platform`, `language` and
    /// `municipality` are looked at, so posts with extra keys are fine; each author's posts are counted.
    package static func parse(_ bytes: [UInt8], artefact: String) throws(ScoreError) -> AccountStrata {
        var tallies: [Dimension: [String: [String: Int]]] = [:]
        var accounts: Set<String> = []
        var postCounts: [String: Int] = [:]
        var number = 0
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            guard !line.isEmpty else { continue }
            let root: JSONValue
            do {
                root = try JSONDocument(Array(line)).root
            } catch {
                throw .badPosts(artefact: artefact, line: number, problem: error.description)
            }
            guard let author = root["author_id"]?.string, !author.isEmpty else {
                throw .badPosts(artefact: artefact, line: number, problem: "field author_id: missing or not a string")
            }
            accounts.insert(author)
            postCounts[author, default: 0] += 1
            let carried: [(Dimension, String?)] = [(.platform, root["platform"]?.string),
                                                   (.language, root["language"]?.string),
                                                   (.municipality, root["municipality"]?.string)]
            for (dimension, value) in carried {
                guard let value, !value.isEmpty else { continue }
                tallies[dimension, default: [:]][author, default: [:]][value, default: 0] += 1
            }
        }
        var values: [Dimension: [String: String]] = [:]
        for (dimension, byAccount) in tallies {
            values[dimension] = byAccount.mapValues { counts in
                counts.max { a, b in a.value != b.value ? a.value < b.value : b.key.utf8.lexicographicallyPrecedes(a.key.utf8) }!.key
            }
        }
        return AccountStrata(values: values, accounts: accounts, postCounts: postCounts)
    }

    /// The value of `account` in `dimension`; `unknown` when the posts do not say.
    package func value(_ dimension: Dimension, of account: String) -> String {
        values[dimension]?[account] ?? Self.unknown
    }
}

/// The cells of one stratum dimension that the results show, and which item falls in which.
///
/// A value held by fewer than the minimum number of labelled accounts is never shown: such
/// values are pooled into one cell, `(other)`. Should that pool itself stay below the minimum,
/// it joins the smallest shown cell (`tiktok + (other)`), so that no small cell can be
/// recovered by subtracting the shown cells from the total; should there be no such cell, the
/// dimension shows nothing.
package struct StratumPlan: Sendable, Hashable {
    package static let pooledName = "(other)"

    package var dimension: String
    /// Shown cells, by value, the pooled cell last.
    package var cells: [String]
    /// Labelled accounts per shown cell.
    package var sizes: [Int]
    /// Per item, its cell in `cells`, or −1 when its cell is not shown.
    package var itemCells: [Int32]
    /// How many values were pooled, or left out with the dimension.
    package var pooledValues: Int
    /// Whether the whole dimension was left out for want of accounts.
    package var suppressed: Bool

    /// Plans `dimension` for items whose values are `itemValues`.
    package init(dimension: String, itemValues: [String], minimum: Int) {
        self.dimension = dimension
        var counts: [String: Int] = [:]
        for value in itemValues { counts[value, default: 0] += 1 }
        func byName(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
        var shown = counts.keys.filter { counts[$0]! >= minimum }.sorted(by: byName)
        var pooled = Set(counts.keys.filter { counts[$0]! < minimum })
        var pooledName = Self.pooledName
        if !pooled.isEmpty && pooled.reduce(0, { $0 + counts[$1]! }) < minimum,
           let smallest = shown.min(by: { counts[$0]! != counts[$1]! ? counts[$0]! < counts[$1]! : byName($1, $0) }) {
            shown.removeAll { $0 == smallest }
            pooled.insert(smallest)
            pooledName = smallest + " + " + Self.pooledName
        }
        let pooledSize = pooled.reduce(0) { $0 + counts[$1]! }
        suppressed = shown.isEmpty && pooledSize < minimum
        pooledValues = pooled.count
        cells = shown + (pooled.isEmpty || pooledSize < minimum ? [] : [pooledName])
        sizes = cells.map { $0 == pooledName ? pooledSize : counts[$0]! }
        let number = Dictionary(cells.enumerated().map { ($1, Int32($0)) }) { first, _ in first }
        let pooledNumber = number[pooledName] ?? -1
        itemCells = itemValues.map { value in number[value] ?? (pooled.contains(value) ? pooledNumber : -1) }
    }
}
