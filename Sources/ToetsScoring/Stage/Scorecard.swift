/// A number as the results show it: its value or the reason there is none, and its intervals.
package struct Figure: Sendable {
    package var value: Double?
    package var note: MetricNote?
    /// The Wilson interval, for proportions of counts.
    package var wilson: ConfidenceInterval?
    /// The bootstrap intervals, where the figure was bootstrapped.
    package var bootstrap: BootstrapResult?
    /// The counts behind a proportion (successes of trials), for its exact interval.
    package var proportion: (successes: Int, trials: Int)?
    /// The one interval reports show, chosen by `shown(level:fewClusters:)`.
    package var shown: ShownInterval?

    package init(value: Double?, note: MetricNote? = nil, wilson: ConfidenceInterval? = nil,
                 bootstrap: BootstrapResult? = nil, proportion: (successes: Int, trials: Int)? = nil) {
        self.value = value.flatMap { $0.isFinite ? $0 : nil }
        self.note = note
        self.wilson = wilson
        self.bootstrap = bootstrap
        self.proportion = proportion
    }

    /// The figure with the interval reports show: BCa (percentile where BCa is undefined); for a
    /// proportion whose bootstrap degenerated (no event, every trial an event, a zero-width or
    /// missing interval), the exact Clopper–Pearson interval of its counts; with fewer campaign
    /// clusters than the minimum, a caveat, and for a proportion the span of both intervals
    /// (a bootstrap over few clusters tends to be too narrow). `exactWhenFew` is false for a
    /// design-weighted figure, whose counts are not its estimate's.
    package func shown(level: Double, fewClusters: Bool, exactWhenFew: Bool = true) -> Figure {
        var figure = self
        guard value != nil else { return figure }
        let bootstrapped: (ConfidenceInterval, ShownInterval.Kind)? = bootstrap.flatMap { result in
            if let lower = result.bca.lower, let upper = result.bca.upper, lower.isFinite, upper.isFinite { return (result.bca, .bca) }
            if let lower = result.percentile.lower, let upper = result.percentile.upper, lower.isFinite, upper.isFinite {
                return (result.percentile, .percentile)
            }
            return nil
        }
        let notes: [MetricNote] = fewClusters ? [.fewClusters] : []
        if let (successes, trials) = proportion, trials > 0 {
            let exact = ConfidenceInterval.clopperPearson(successes: successes, trials: trials, level: level)
            let degenerate = successes == 0 || successes == trials || bootstrapped == nil
                || bootstrapped!.0.lower == bootstrapped!.0.upper
            if degenerate {
                figure.shown = ShownInterval(kind: .clopperPearson, lower: exact.lower!, upper: exact.upper!,
                                             notes: [.bootstrapDegenerate] + notes)
                return figure
            }
            if fewClusters && exactWhenFew, let (interval, _) = bootstrapped {
                figure.shown = ShownInterval(kind: .widened, lower: min(interval.lower!, exact.lower!),
                                             upper: max(interval.upper!, exact.upper!), notes: notes + [.widenedToExact])
                return figure
            }
        }
        if let (interval, kind) = bootstrapped {
            // A zero-width interval would read as certainty: it only says the resamples could not vary.
            guard interval.lower! < interval.upper! else {
                figure.note = figure.note ?? .zeroWidthInterval
                return figure
            }
            figure.shown = ShownInterval(kind: kind, lower: interval.lower!, upper: interval.upper!, notes: notes)
        } else if let wilson, let lower = wilson.lower, let upper = wilson.upper {
            figure.shown = ShownInterval(kind: .wilson, lower: lower, upper: upper, notes: notes)
        }
        return figure
    }
}

/// The interval a report shows for a figure, which kind it is, and its caveats.
package struct ShownInterval: Sendable, Equatable {
    package enum Kind: String, Sendable {
        case bca, percentile, wilson
        case clopperPearson = "clopper-pearson"
        /// The span of the bootstrap and the Clopper–Pearson interval.
        case widened = "bootstrap-and-clopper-pearson"
    }

    package var kind: Kind
    package var lower: Double
    package var upper: Double
    package var notes: [MetricNote]
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

    /// Design-weighted estimates at the own flag (Horvitz–Thompson ratio estimators): what the
    /// figures would be over every account the sample stands for, not only the labelled ones.
    package struct Population: Sendable {
        package var precision: Figure
        package var recall: Figure
        package var f1: Figure
        package var falsePositiveRate: Figure
    }

    package struct MethodScore: Sendable {
        package var name: String
        package var detected: Int
        package var missing: Int
        /// Accounts it flagged, labelled or not.
        package var flags: Int
        /// Whether its scores lie in [0, 1] and the pipeline declares them probabilities.
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
        /// Design-weighted estimates, when the labels carry a sampling design.
        package var population: Population?
        /// The precision–recall and ROC curves at fixed grid points, as they are published.
        package var published: PublishedCurves
        /// Warnings about the method on these data (an operating point that flags nothing).
        package var warnings: [MetricNote]
    }

    /// The paired difference of one figure between two methods, and its test.
    package struct PairedDifference: Sendable {
        /// First minus second, with its paired bootstrap intervals.
        package var difference: Figure
        /// The paired bootstrap test of "no difference", two-sided, by inverting the percentile
        /// interval: it rejects at α exactly when the (1 − α) percentile interval excludes 0.
        package var pValue: Double?
        /// Holm-adjusted over every compared pair, for this figure.
        package var holmAdjusted: Double?
        /// Whether the difference holds at the family-wise level after Holm's correction.
        package var rejected: Bool
    }

    /// Two methods on the same accounts.
    package struct Pair: Sendable {
        package var first: String
        package var second: String
        /// The exact McNemar test on paired flags: a test of accuracy, which the negatives
        /// dominate; kept for reference, never the verdict.
        package var mcNemar: McNemarTest
        package var mcNemarHolmAdjusted: Double
        /// The differences in F1, average precision, precision and recall, each tested.
        package var differences: [DecisionRule.PrimaryMetric: PairedDifference]

        package var f1Difference: Figure { differences[.f1]!.difference }
        package var averagePrecisionDifference: Figure { differences[.averagePrecision]!.difference }
    }

    /// A Friedman test of the methods over the cells of one stratum dimension.
    package struct Ranking: Sendable {
        package var dimension: String
        package var metric: String
        package var blocks: [String]
        package var friedman: FriedmanTest?
        package var nemenyi: NemenyiTest?
        /// Kendall's W of the methods' ranks over the cells: how far the strata agree on the order.
        package var kendallW: Metric?
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
    /// False positives among ordinary accounts, by platform, activity and language.
    package var ordinary: OrdinaryErrors
    package var resamplingUnits: Int
    package var jackknifeGroups: Int
    /// Resampling units holding a campaign account: the independent units behind recall and precision.
    package var campaignClusters: Int
    /// Design-weighted prevalence, when the labels carry a sampling design.
    package var populationPrevalence: Figure?
    /// Labelled accounts per inclusion probability, when the labels carry a sampling design.
    package var design: [(inclusionProbability: Double, accounts: Int, campaignAccounts: Int)]
    /// The pre-registered decision rule and what it decides; nil when the pipeline declares none.
    package var decision: Decision?
    /// Each method's rank by the primary metric (the rule's, else F1) under the bootstrap.
    package var rankStability: RankStability?
    /// The metric `rankStability` ranks by.
    package var rankMetric: DecisionRule.PrimaryMetric = .f1
    /// The methods' sweep points, when the pipeline sweeps any parameter.
    package var sweep: Sweep?
    /// What the methods caught of each plant stage's campaigns.
    package var planted: [Planted] = []

    /// Whether intervals rest on fewer campaign clusters than the minimum.
    package var fewClusters: Bool { campaignClusters < settings.minClusters }
}
