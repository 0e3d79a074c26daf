/// Two methods compared on the same accounts.
package struct Comparison: Sendable, Hashable, Codable {
    package var first: String
    package var second: String
    /// The exact McNemar p-value on the paired flags, before correction.
    package var pValue: Double?
    /// Holm-adjusted over all pairs.
    package var holmAdjustedP: Double?
    /// Whether the difference holds at the family-wise level after Holm's correction.
    package var significant: Bool
    /// F1 of `first` minus F1 of `second`, with its paired-bootstrap interval.
    package var f1Difference: Estimate

    package init(first: String, second: String, pValue: Double?, holmAdjustedP: Double?, significant: Bool,
                 f1Difference: Estimate) {
        self.first = first
        self.second = second
        self.pValue = pValue
        self.holmAdjustedP = holmAdjustedP
        self.significant = significant
        self.f1Difference = f1Difference
    }
}

/// One method in one stratum cell (platform, language, account age, …).
package struct StratumCell: Sendable, Hashable, Codable {
    /// The dimension, e.g. `platform`.
    package var dimension: String
    /// The cell, e.g. `telegram`.
    package var cell: String
    package var method: String
    /// Labelled accounts in the cell, and the legitimate ones among them.
    package var accounts: Int
    package var negatives: Int
    /// True when the cell is below the suppression threshold: no figure is shown.
    package var suppressed: Bool
    /// The cell's false-positive rate over the method's overall rate.
    package var falsePositiveRateRatio: Estimate

    package init(dimension: String, cell: String, method: String, accounts: Int, negatives: Int, suppressed: Bool,
                 falsePositiveRateRatio: Estimate) {
        self.dimension = dimension
        self.cell = cell
        self.method = method
        self.accounts = accounts
        self.negatives = negatives
        self.suppressed = suppressed
        self.falsePositiveRateRatio = falsePositiveRateRatio
    }
}

/// How much of one labelled campaign each method found.
package struct CampaignRecall: Sendable, Hashable, Codable {
    /// The campaign's label in the ground truth (a code, not a person).
    package var campaign: String
    package var accounts: Int
    package var found: [MethodCount]

    package init(campaign: String, accounts: Int, found: [MethodCount]) {
        self.campaign = campaign
        self.accounts = accounts
        self.found = found
    }
}

/// A count for one method.
package struct MethodCount: Sendable, Hashable, Codable {
    package var method: String
    package var count: Int

    package init(_ method: String, _ count: Int) {
        self.method = method
        self.count = count
    }
}

/// False positives among accounts labelled as one kind of legitimate coordination.
package struct LegitimateCoordinationCount: Sendable, Hashable, Codable {
    /// The label's kind, e.g. `news_syndication`, `volunteers`, `fans`, `events`.
    package var kind: String
    /// Labelled accounts of that kind.
    package var accounts: Int
    /// Per method, how many of them it flagged.
    package var falsePositives: [MethodCount]

    package init(kind: String, accounts: Int, falsePositives: [MethodCount]) {
        self.kind = kind
        self.accounts = accounts
        self.falsePositives = falsePositives
    }
}

/// Labelled accounts flagged by exactly this set of methods.
package struct OverlapRow: Sendable, Hashable, Codable {
    /// Sorted method names; empty for accounts no method flagged.
    package var methods: [String]
    /// Campaign accounts: true positives of each method in the set (for the empty set, the
    /// campaign accounts every method missed).
    package var truePositives: Int
    /// Other labelled accounts: false positives of each method in the set.
    package var falsePositives: Int

    package init(methods: [String], truePositives: Int, falsePositives: Int) {
        self.methods = methods
        self.truePositives = truePositives
        self.falsePositives = falsePositives
    }
}
