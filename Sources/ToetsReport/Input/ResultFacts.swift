/// Two methods compared on the same accounts, on the figure the comparison is about.
package struct Comparison: Sendable, Hashable, Codable {
    package var first: String
    package var second: String
    /// The figure compared: the decision rule's primary metric, or F1 without a rule.
    package var metric: String
    /// The figure of `first` minus that of `second`, with its paired-bootstrap interval.
    package var difference: Estimate
    /// The paired bootstrap test of that difference, before correction.
    package var pValue: Double?
    /// Holm-adjusted over all pairs.
    package var holmAdjustedP: Double?
    /// Whether the difference holds at the family-wise level after Holm's correction.
    package var significant: Bool

    package init(first: String, second: String, metric: String = "f1", difference: Estimate, pValue: Double?,
                 holmAdjustedP: Double?, significant: Bool) {
        self.first = first
        self.second = second
        self.metric = metric
        self.difference = difference
        self.pValue = pValue
        self.holmAdjustedP = holmAdjustedP
        self.significant = significant
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
    /// The legitimate accounts of the cell the method flagged; nil when suppressed or not carried.
    package var falsePositives: Int?

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
    /// Nil when too small to publish (disclosure control).
    package var accounts: Int?
    package var found: [MethodCount]

    package init(campaign: String, accounts: Int?, found: [MethodCount]) {
        self.campaign = campaign
        self.accounts = accounts
        self.found = found
    }
}

/// A count for one method.
package struct MethodCount: Sendable, Hashable, Codable {
    package var method: String
    /// Nil when too small to publish (disclosure control).
    package var count: Int?

    package init(_ method: String, _ count: Int?) {
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
    /// campaign accounts every method missed); nil when too small to publish.
    package var truePositives: Int?
    /// Other labelled accounts: false positives of each method in the set; nil when too small to publish.
    package var falsePositives: Int?

    package init(methods: [String], truePositives: Int?, falsePositives: Int?) {
        self.methods = methods
        self.truePositives = truePositives
        self.falsePositives = falsePositives
    }
}
