/// A computed figure, or the reason there is none.
///
/// Scoring never returns NaN or an infinity: where the definition breaks down (no positives,
/// a single class, a zero denominator) `value` is nil and `note` says why, so a report can print
/// "not defined: no positives in the ground truth" instead of a number nobody should quote.
/// A few figures are defined by convention on degenerate input (McNemar with no discordant
/// pairs has p = 1); those carry both a value and a note.
package struct Metric: Sendable, Hashable, Codable {
    /// The figure; nil when it is not defined for this input.
    package var value: Double?
    /// Why the figure is missing or needs a caveat; nil for an ordinary value.
    package var note: MetricNote?

    package init(_ value: Double?, note: MetricNote? = nil) {
        self.value = value
        self.note = note
    }

    /// A figure that is not defined, for the given reason.
    package static func undefined(_ note: MetricNote) -> Metric {
        Metric(nil, note: note)
    }

    /// `numerator / denominator`, or undefined with `note` when the denominator is zero.
    static func ratio(_ numerator: Double, _ denominator: Double, else note: MetricNote) -> Metric {
        denominator == 0 ? .undefined(note) : Metric(numerator / denominator)
    }

    /// `numerator / denominator`, or undefined with `note` when the denominator is zero.
    static func ratio(_ numerator: Int, _ denominator: Int, else note: MetricNote) -> Metric {
        ratio(Double(numerator), Double(denominator), else: note)
    }
}

/// Why a figure is missing or comes with a caveat. Raw values are stable: they go into
/// persisted scores.
package enum MetricNote: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case noItems = "no-items"
    case noPositives = "no-positives"
    case noNegatives = "no-negatives"
    case nothingFlagged = "nothing-flagged"
    case noPositivesAndNothingFlagged = "no-positives-and-nothing-flagged"
    case invalidK = "invalid-k"
    case kExceedsItems = "k-exceeds-items"
    case tiesAtCutoff = "ties-at-cutoff"
    case budgetBelowFirstThreshold = "budget-below-first-threshold"
    case scoresOutsideUnitInterval = "scores-outside-unit-interval"
    case nonFiniteInput = "non-finite-input"
    case invalidLevel = "invalid-level"
    case tooFewUnits = "too-few-units"
    case undefinedEstimate = "undefined-estimate"
    case undefinedResamples = "undefined-resamples"
    case allResamplesUndefined = "all-resamples-undefined"
    case estimateOutsideBootstrapDistribution = "estimate-outside-bootstrap-distribution"
    case zeroJackknifeVariance = "zero-jackknife-variance"
    case groupedJackknife = "grouped-jackknife"
    case noDiscordantPairs = "no-discordant-pairs"
    case tooFewMethods = "too-few-methods"
    case tooFewBlocks = "too-few-blocks"
    case allRanksTied = "all-ranks-tied"
    case raggedInput = "ragged-input"
    case singleCluster = "single-cluster"
    case noPairableValues = "no-pairable-values"
    case singleValueInDomain = "single-value-in-domain"
    case unequalRaterCounts = "unequal-rater-counts"
    case tooFewRaters = "too-few-raters"
    case perfectChanceAgreement = "perfect-chance-agreement"
    case noIntervalForPartitions = "no-interval-for-partitions"
    case fewBlocks = "few-blocks"
    case zeroOverallRate = "zero-overall-rate"
    case bootstrapDegenerate = "bootstrap-degenerate"
    case zeroWidthInterval = "zero-width-interval"
    case fewClusters = "few-clusters"
    case widenedToExact = "widened-to-exact"
    case noGroupsFlagged = "no-groups-flagged"
    case probabilitiesNotDeclared = "probabilities-not-declared"
    case suppressedSmallCell = "suppressed-small-cell"
    case operatingPointFlagsNothing = "operating-point-flags-nothing"

    package var description: String {
        switch self {
        case .noItems: "no items to score"
        case .noPositives: "no positives in the ground truth"
        case .noNegatives: "no negatives in the ground truth"
        case .nothingFlagged: "the method flagged nothing"
        case .noPositivesAndNothingFlagged: "no positives in the ground truth and nothing flagged"
        case .invalidK: "k must be at least 1"
        case .kExceedsItems: "k exceeds the number of items; the denominator is the number of items"
        case .tiesAtCutoff: "tied scores straddle the cutoff; their positives are counted in proportion"
        case .budgetBelowFirstThreshold: "no threshold keeps within the false-positive budget; nothing is flagged"
        case .scoresOutsideUnitInterval: "scores are not probabilities in [0, 1]"
        case .nonFiniteInput: "the input holds NaN or an infinity"
        case .invalidLevel: "the confidence level must lie strictly between 0 and 1"
        case .tooFewUnits: "too few resampling units"
        case .undefinedEstimate: "the statistic is not defined on the full data"
        case .undefinedResamples: "the statistic was undefined on some resamples; they were left out"
        case .allResamplesUndefined: "the statistic was undefined on every resample"
        case .estimateOutsideBootstrapDistribution: "the estimate lies outside the bootstrap distribution; no bias correction is possible"
        case .zeroJackknifeVariance: "the jackknife values do not vary; acceleration set to 0"
        case .groupedJackknife: "the acceleration comes from a delete-a-group jackknife (many units)"
        case .noDiscordantPairs: "the two methods never disagree; p is 1 by convention"
        case .tooFewMethods: "too few methods to compare"
        case .tooFewBlocks: "too few blocks (data sets or strata)"
        case .allRanksTied: "every block ties all methods"
        case .raggedInput: "rows differ in length"
        case .singleCluster: "both labellings put everything in one cluster"
        case .noPairableValues: "no unit has two or more values"
        case .singleValueInDomain: "only one value was ever given"
        case .unequalRaterCounts: "subjects were rated by different numbers of raters"
        case .tooFewRaters: "each subject needs at least two ratings"
        case .perfectChanceAgreement: "chance agreement is 1: every rating falls in one category"
        case .noIntervalForPartitions: "no bootstrap interval: a resample repeats accounts, which distorts a comparison of partitions"
        case .fewBlocks: "fewer than 10 blocks: the chi-square approximation of the Friedman test is rough"
        case .zeroOverallRate: "the overall false-positive rate is 0, so no ratio to it is defined"
        case .bootstrapDegenerate:
            "the bootstrap interval collapsed (no such event, every item one, or zero width): a resample cannot create an "
                + "error that never happened, so the exact Clopper–Pearson interval is shown"
        case .zeroWidthInterval:
            "the resamples never varied, so no interval is shown: an interval of zero width would read as certainty"
        case .fewClusters:
            "fewer campaign clusters than the minimum: bootstrap intervals rest on few independent units and may be too narrow"
        case .widenedToExact:
            "with few campaign clusters the interval shown spans both the bootstrap and the exact Clopper–Pearson interval"
        case .noGroupsFlagged: "the method flagged no account in a group, so there are no groups to compare"
        case .probabilitiesNotDeclared:
            "the method's scores are not declared to be probabilities (score parameter probability_scores), so no "
                + "calibration or Brier score is computed"
        case .suppressedSmallCell: "fewer accounts than the minimum cell size: not published"
        case .operatingPointFlagsNothing: "the method's declared operating point flags no account on these data"
        }
    }
}

extension MetricNote {
    /// The warning this note gives about a method, for the score's summary and for `toets run`'s
    /// notes after a run (which read it from the results' `warnings`); nil for a note that is
    /// not a warning.
    package func warning(method: String) -> String? {
        switch self {
        case .operatingPointFlagsNothing:
            "\(method)'s declared operating point flags no account on these data: its precision is undefined and it "
                + "cannot be recommended."
        default:
            nil
        }
    }
}
