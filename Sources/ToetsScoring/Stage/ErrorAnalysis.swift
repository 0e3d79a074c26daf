/// Error analysis without people: each method's false positives by kind of legitimate
/// coordination, where the labels name kinds, and the labelled accounts by the exact set of
/// methods that flagged them. Counts only: no account is ever named.
package struct ErrorAnalysis: Sendable {
    /// The accounts of one kind of legitimate coordination, and how many of them each method flagged.
    package struct KindCount: Sendable, Equatable {
        package var kind: String
        /// Accounts the label rule decides are not campaign accounts, whose kind this is.
        package var accounts: Int
        /// Per method, in the order of the scorecard's methods: the accounts of this kind it flagged.
        package var falsePositives: [Int]

        /// The share of the kind's accounts that method `method` flagged, with its Wilson and exact intervals.
        func falsePositiveRate(method: Int, level: Double) -> Figure {
            Figure(value: Double(falsePositives[method]) / Double(accounts),
                   wilson: .wilson(successes: falsePositives[method], trials: accounts, level: level),
                   proportion: (falsePositives[method], accounts)).shown(level: level, fewClusters: false)
        }
    }

    /// The labelled accounts that exactly one set of methods flagged.
    package struct OverlapSet: Sendable, Equatable {
        /// Method names in byte order; empty for the accounts no method flagged.
        package var methods: [String]
        /// Campaign accounts: true positives of each method in the set; for the empty set, the
        /// campaign accounts every method missed.
        package var campaignAccounts: Int
        /// Other accounts: false positives of each method in the set.
        package var otherAccounts: Int
    }

    /// The kinds the labels name, in byte order; kinds with fewer than the minimum accounts are
    /// pooled into `other`.
    package var kinds: [KindCount]
    /// Accounts of kinds that stayed too small even pooled into `other`: counted, never shown.
    package var suppressed: Int
    /// Accounts decided not campaign accounts whose annotators named no kind: not a kind.
    package var withoutKind: Int
    /// By the number of methods, then by their names; the empty set always, any other set
    /// where it holds an account.
    package var overlap: [OverlapSet]
    /// Per item of the evaluation set, its shown kind (an index into `kinds`), or −1.
    package var itemKinds: [Int]

    /// The error analysis of `set`, at each method's own flag. A kind with fewer than `minimum`
    /// accounts joins `other`, and an `other` still smaller is left out, as small strata are:
    /// a count of one or two accounts of a kind could point at people.
    package init(_ set: EvaluationSet, minimum: Int) {
        var itemsOfKind: [String: [Int]] = [:]
        for (item, kind) in set.coordination.enumerated() {
            if let kind { itemsOfKind[kind, default: []].append(item) }
        }
        for (kind, items) in itemsOfKind where kind != "other" && items.count < minimum {
            itemsOfKind["other", default: []] += items
            itemsOfKind[kind] = nil
        }
        suppressed = 0
        if let other = itemsOfKind["other"], other.count < minimum {
            suppressed = other.count
            itemsOfKind["other"] = nil
        }
        kinds = itemsOfKind.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { kind in
            let items = itemsOfKind[kind]!
            return KindCount(kind: kind, accounts: items.count,
                             falsePositives: set.columns.map { column in items.count { column.flagged[$0] } })
        }
        withoutKind = set.truth.indices.count { !set.truth[$0] && set.coordination[$0] == nil }
        var itemKinds = [Int](repeating: -1, count: set.accounts.count)
        for (number, kind) in kinds.enumerated() {
            for item in itemsOfKind[kind.kind]! { itemKinds[item] = number }
        }
        self.itemKinds = itemKinds

        var counts: [[Int]: (campaign: Int, other: Int)] = [[]: (0, 0)]
        for item in set.accounts.indices {
            let flaggedBy = set.columns.indices.filter { set.columns[$0].flagged[item] }
            if set.truth[item] {
                counts[flaggedBy, default: (0, 0)].campaign += 1
            } else {
                counts[flaggedBy, default: (0, 0)].other += 1
            }
        }
        // The columns are sorted by name, so ordering sets by their indices orders them by names.
        let sets = counts.keys.sorted { $0.count != $1.count ? $0.count < $1.count : $0.lexicographicallyPrecedes($1) }
        overlap = sets.map { methods in
            OverlapSet(methods: methods.map { set.columns[$0].name }, campaignAccounts: counts[methods]!.campaign,
                       otherAccounts: counts[methods]!.other)
        }
    }
}
