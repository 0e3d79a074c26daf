/// What the pre-registered decision rule decided, as the score stage's results say it: the
/// rule, each method's standing against the harm budget, the pair verdicts and the outcome.
/// The reports conclude only this; without a rule, `ReportInput.decision` is nil and they name
/// no method better than another.
package struct DecisionFacts: Sendable, Hashable, Codable {
    /// `f1`, `average_precision`, `precision` or `recall`.
    package var primaryMetric: String
    package var minDifference: Double
    /// False positives per 1,000 legitimate accounts.
    package var harmBudget: Double
    /// Budgets per kind of legitimate coordination, per 1,000; empty when kinds are not checked.
    package var kindBudgets: [NamedDecimal]
    /// The budget of a kind the list does not name; nil when kinds are not checked.
    package var kindBudgetDefault: Double?
    package var alpha: Double
    /// Whether the figures are design-weighted (population estimates).
    package var designWeighted: Bool
    /// `best`, `only-recommendable`, `none-shown-better` or `none-recommendable`.
    package var outcome: String
    /// The method named best, or the only recommendable one.
    package var method: String?
    /// The leading recommendable method, when none is shown better.
    package var leader: String?
    package var notShownBetterThan: [String]
    package var standings: [StandingFacts]
    /// The verdict of each compared pair on the primary metric.
    package var pairs: [PairVerdictFacts]
    package var tooFewReplicates: Bool
    /// Accounts of kinds too small to publish, whose harm could not be checked separately.
    package var kindsNotChecked: Int

    package init(primaryMetric: String, minDifference: Double, harmBudget: Double, kindBudgets: [NamedDecimal] = [],
                 kindBudgetDefault: Double? = nil, alpha: Double, designWeighted: Bool, outcome: String, method: String?,
                 leader: String? = nil, notShownBetterThan: [String] = [], standings: [StandingFacts],
                 pairs: [PairVerdictFacts] = [], tooFewReplicates: Bool = false, kindsNotChecked: Int = 0) {
        self.primaryMetric = primaryMetric
        self.minDifference = minDifference
        self.harmBudget = harmBudget
        self.kindBudgets = kindBudgets
        self.kindBudgetDefault = kindBudgetDefault
        self.alpha = alpha
        self.designWeighted = designWeighted
        self.outcome = outcome
        self.method = method
        self.leader = leader
        self.notShownBetterThan = notShownBetterThan
        self.standings = standings
        self.pairs = pairs
        self.tooFewReplicates = tooFewReplicates
        self.kindsNotChecked = kindsNotChecked
    }

    package func standing(_ method: String) -> StandingFacts? { standings.first { $0.method == method } }
}

/// One method against the decision rule.
package struct StandingFacts: Sendable, Hashable, Codable {
    package var method: String
    /// Accounts it flagged, labelled or not.
    package var flags: Int
    /// False positives per 1,000 legitimate accounts, with the interval shown.
    package var falsePositivesPerThousand: Estimate
    /// `within`, `over`, `not-shown-within` or `undefined`.
    package var harm: String
    /// Kinds of legitimate coordination over their budget, or not shown within it.
    package var kindsOver: [String]
    package var recommendable: Bool
    /// Why it cannot be recommended (the results' reason codes).
    package var reasons: [String]

    package init(method: String, flags: Int, falsePositivesPerThousand: Estimate, harm: String, kindsOver: [String] = [],
                 recommendable: Bool, reasons: [String]) {
        self.method = method
        self.flags = flags
        self.falsePositivesPerThousand = falsePositivesPerThousand
        self.harm = harm
        self.kindsOver = kindsOver
        self.recommendable = recommendable
        self.reasons = reasons
    }
}

/// A compared pair's verdict on the primary metric.
package struct PairVerdictFacts: Sendable, Hashable, Codable {
    package var first: String
    package var second: String
    /// `first-better`, `second-better`, `difference-below-minimum`, `not-significant` or `undefined`.
    package var verdict: String

    package init(first: String, second: String, verdict: String) {
        self.first = first
        self.second = second
        self.verdict = verdict
    }
}

/// A name with a decimal value.
package struct NamedDecimal: Sendable, Hashable, Codable {
    package var name: String
    package var value: Double

    package init(_ name: String, _ value: Double) {
        self.name = name
        self.value = value
    }
}

/// Design-weighted estimates of a method at its own flag.
package struct PopulationFacts: Sendable, Hashable, Codable {
    package var precision: Estimate
    package var recall: Estimate
    package var f1: Estimate
    package var falsePositiveRate: Estimate

    package init(precision: Estimate, recall: Estimate, f1: Estimate, falsePositiveRate: Estimate) {
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.falsePositiveRate = falsePositiveRate
    }
}

/// How precision moves if the unlabelled accounts a method flagged were all legitimate, or all
/// campaign accounts.
package struct UnknownsFacts: Sendable, Hashable, Codable {
    /// Unlabelled accounts it flagged.
    package var flagged: Int
    package var precisionIfLegitimate: Estimate
    package var precisionIfCampaign: Estimate

    package init(flagged: Int, precisionIfLegitimate: Estimate, precisionIfCampaign: Estimate) {
        self.flagged = flagged
        self.precisionIfLegitimate = precisionIfLegitimate
        self.precisionIfCampaign = precisionIfCampaign
    }
}

/// The labelled sample by inclusion probability (the sampling design).
package struct DesignLevel: Sendable, Hashable, Codable {
    package var inclusionProbability: Double
    package var accounts: Int
    package var campaignAccounts: Int

    package init(inclusionProbability: Double, accounts: Int, campaignAccounts: Int) {
        self.inclusionProbability = inclusionProbability
        self.accounts = accounts
        self.campaignAccounts = campaignAccounts
    }
}

/// The disclosure ledger: what was held back so that no person and no label can be recovered.
package struct DisclosureFacts: Sendable, Hashable, Codable {
    package var minCell: Int
    package var smallestPublishedCell: Int?
    package var suppressedCells: Int
    /// Published sets of a method's accounts whose labelled accounts are all of one label: the
    /// method, and `own-flag`, `top-K` or `fp-budget`.
    package var pureSets: [NamedValue]

    package init(minCell: Int, smallestPublishedCell: Int?, suppressedCells: Int, pureSets: [NamedValue]) {
        self.minCell = minCell
        self.smallestPublishedCell = smallestPublishedCell
        self.suppressedCells = suppressedCells
        self.pureSets = pureSets
    }
}
