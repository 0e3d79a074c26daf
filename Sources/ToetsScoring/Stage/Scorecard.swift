/// A number as the results show it: its value or the reason there is none, and its intervals.
package struct Figure: Sendable {
    package var value: Double?
    package var note: MetricNote?
    /// The Wilson interval, for proportions of counts.
    package var wilson: ConfidenceInterval?
    /// The bootstrap intervals, where the figure was bootstrapped.
    package var bootstrap: BootstrapResult?

    package init(value: Double?, note: MetricNote? = nil, wilson: ConfidenceInterval? = nil,
                 bootstrap: BootstrapResult? = nil) {
        self.value = value.flatMap { $0.isFinite ? $0 : nil }
        self.note = note
        self.wilson = wilson
        self.bootstrap = bootstrap
    }
}

/// Everything the score stage found, before it is written.
package struct Scorecard: Sendable {
    /// The figures of one method at one cell (all items, or a stratum cell), at its own flag.
    package struct CellScore: Sendable {
        package var counts: ConfusionCounts
        package var precision: Figure
        package var recall: Figure
        package var f1: Figure
        package var falsePositiveRate: Figure
        /// This cell's false-positive rate over the method's overall rate.
        package var falsePositiveRateRatio: Figure
        package var averagePrecision: Figure
        package var rocAUC: Figure
    }

    /// Precision among the k highest-scored labelled accounts.
    package struct TopK: Sendable {
        package var k: Int
        package var precision: Figure
        /// Expected unknown accounts among the method's k highest-scored detections.
        package var unknownInTopK: Double
    }

    /// The operating point with the best recall within the false-positive budget.
    package struct Budget: Sendable {
        package var rate: Double
        package var threshold: Double?
        package var counts: ConfusionCounts
        package var precision: Figure
        package var recall: Figure
        package var note: MetricNote?
    }

    /// Agreement of the method's groups with the labelled campaigns.
    package struct Groups: Sendable {
        package var adjustedRandIndex: Figure
        package var normalizedMutualInformation: Figure
        package var bCubedPrecision: Figure
        package var bCubedRecall: Figure
        package var bCubedF1: Figure
        package var campaignRecall: [(row: CampaignRecall, interval: ConfidenceInterval)]
    }

    /// Precision at the own flag if the unknown accounts were all negatives, or all positives.
    package struct Unknowns: Sendable {
        package var detected: Int
        package var flagged: Int
        package var precisionIfNegative: Figure
        package var precisionIfPositive: Figure
    }

    package struct MethodScore: Sendable {
        package var name: String
        package var detected: Int
        package var missing: Int
        package var probabilities: Bool
        package var overall: CellScore
        package var topK: [TopK]
        package var budget: Budget
        package var brier: Figure
        package var reliability: ReliabilityTable
        package var precisionRecall: PrecisionRecallCurve
        package var roc: ROCCurve
        package var groups: Groups
        package var unknowns: Unknowns
    }

    /// Two methods on the same accounts.
    package struct Pair: Sendable {
        package var first: String
        package var second: String
        package var mcNemar: McNemarTest
        package var holmAdjusted: Double
        package var holmRejected: Bool
        package var f1Difference: Figure
        package var averagePrecisionDifference: Figure
    }

    /// A Friedman test of the methods over the cells of one stratum dimension.
    package struct Ranking: Sendable {
        package var dimension: String
        package var metric: String
        package var blocks: [String]
        package var friedman: FriedmanTest?
        package var nemenyi: NemenyiTest?
        package var note: MetricNote?
    }

    /// One shown stratum cell.
    package struct Stratum: Sendable {
        package var dimension: String
        package var cell: String
        package var size: Int
        package var positives: Int
        /// Per method, in the order of `methods`.
        package var scores: [CellScore]
    }

    /// What a stratum dimension showed and pooled.
    package struct Dimension: Sendable {
        package var name: String
        package var cells: Int
        package var pooledValues: Int
        package var suppressed: Bool
    }

    /// What the labels say and how far the annotators agree.
    package struct Labels: Sendable {
        package var rows: Int
        package var annotators: [String]
        package var labelled: Int
        package var positives: Int
        package var negatives: Int
        package var undecided: Int
        package var unlabelled: Int
        /// Labelled campaign accounts per campaign id, sorted.
        package var campaigns: [(campaign: String, accounts: Int)]
        package var alphaLabel: Metric
        package var alphaCampaign: Metric
        package var fleissKappa: Metric
        /// Accounts and ratings per account behind Fleiss' kappa.
        package var fleissSubjects: Int
        package var fleissRaters: Int
    }

    package var settings: ScoreSettings
    package var labels: Labels
    package var methods: [MethodScore]
    package var pairs: [Pair]
    package var rankings: [Ranking]
    package var dimensions: [Dimension]
    package var strata: [Stratum]
    package var uncarried: [String]
    /// False positives by kind of legitimate coordination, and the overlap between methods.
    package var errors: ErrorAnalysis
    package var resamplingUnits: Int
    package var jackknifeGroups: Int
}
