/// What the pre-registered decision rule decides on a run's figures: which methods keep within
/// their harm budget, how the paired tests of the primary metric come out, and whether one
/// method is shown to be better than every other it could be recommended over.
///
/// A method is recommendable only when it flags a labelled account, its primary metric is defined and
/// the upper bound of the interval of its false positives per 1,000 legitimate accounts (and of
/// each kind of legitimate coordination the rule budgets) is within the budget: a method over
/// its budget, or not shown to be within it, is never recommended. One recommendable method is
/// named best when, against every other recommendable method, the paired test of the primary
/// metric (Holm-corrected over all compared pairs) rejects "no difference" in its favour and
/// the estimated difference is at least the smallest difference that matters. The only
/// recommendable method is named as such, never as better than methods it was not shown to beat.
package struct Decision: Sendable {
    /// Where a method stands against the harm budget.
    package enum HarmStatus: String, Sendable {
        /// The interval's upper bound is within the budget.
        case within
        /// The estimate itself is over the budget.
        case over
        /// The estimate is within the budget, but the interval reaches beyond it.
        case notShownWithin = "not-shown-within"
        /// No false-positive rate can be computed (no legitimate accounts).
        case undefined
    }

    /// One kind of legitimate coordination against its budget.
    package struct KindHarm: Sendable {
        package var kind: String
        package var accounts: Int
        /// False positives per 1,000 accounts of the kind, and the exact interval's bounds.
        package var perThousand: Double
        package var upper: Double
        package var budget: Double
        package var status: HarmStatus
    }

    /// One method against the rule.
    package struct MethodStanding: Sendable {
        package var method: String
        /// False positives per 1,000 legitimate accounts (design-weighted when the labels carry a
        /// design), with the interval shown.
        package var perThousand: Figure
        package var status: HarmStatus
        package var kinds: [KindHarm]
        /// Accounts it flagged, labelled or not.
        package var flags: Int
        /// The primary metric, as the comparison uses it.
        package var primary: Figure
        package var recommendable: Bool
        /// Why it cannot be recommended; empty when it can.
        package var reasons: [Reason]
    }

    /// Why a method cannot be recommended, or why no method is named best.
    package enum Reason: String, Sendable {
        case overHarmBudget = "over-harm-budget"
        case notShownWithinHarmBudget = "not-shown-within-harm-budget"
        case kindOverHarmBudget = "kind-over-harm-budget"
        case kindNotShownWithinHarmBudget = "kind-not-shown-within-harm-budget"
        case harmUndefined = "harm-undefined"
        case flagsNothing = "flags-nothing"
        /// It flags only unlabelled accounts: nothing it flags can be checked.
        case flagsNoLabelledAccount = "flags-no-labelled-account"
        case primaryUndefined = "primary-metric-undefined"
    }

    /// The outcome of a pair, for the primary metric.
    package enum PairVerdict: String, Sendable {
        case firstBetter = "first-better"
        case secondBetter = "second-better"
        /// The test rejects, but the estimated difference is below the smallest that matters.
        case belowMinimum = "difference-below-minimum"
        case notSignificant = "not-significant"
        case undefined
    }

    /// What the rule decides overall.
    package enum Outcome: String, Sendable {
        /// One method is shown better than every other recommendable method.
        case best
        /// Exactly one method is recommendable; it is not thereby better than the others.
        case onlyRecommendable = "only-recommendable"
        /// Several are recommendable, and none is shown better than all the others.
        case noneShownBetter = "none-shown-better"
        /// No method is recommendable.
        case noneRecommendable = "none-recommendable"
    }

    package var rule: DecisionRule
    /// Whether the figures are design-weighted (the labels carry a sampling design).
    package var designWeighted: Bool
    package var standings: [MethodStanding]
    /// The pairs compared on the primary metric, in the order of the scorecard's pairs.
    package var pairs: [(first: String, second: String, verdict: PairVerdict)]
    package var outcome: Outcome
    /// The method named: the best, or the only recommendable one.
    package var method: String?
    /// For `noneShownBetter`: the recommendable method with the highest primary metric, and the
    /// recommendable methods it is not shown to beat.
    package var leader: String?
    package var notShownBetterThan: [String]
    /// Accounts of kinds too small to publish, whose harm the rule cannot check separately.
    package var kindsNotChecked: Int
    /// Whether the resamples are too few for any test to reach Holm's threshold.
    package var tooFewReplicates: Bool

    /// The verdict of a pair, given its primary-metric difference and its Holm decision.
    static func verdict(difference: Double?, rejected: Bool, minDifference: Double) -> PairVerdict {
        guard let difference else { return .undefined }
        guard rejected, difference != 0 else { return .notSignificant }
        guard difference.magnitude >= minDifference else { return .belowMinimum }
        return difference > 0 ? .firstBetter : .secondBetter
    }

    /// The harm status of an estimate and its upper bound against `budget` (all per 1,000).
    static func status(_ estimate: Double?, upper: Double?, budget: Double) -> HarmStatus {
        guard let estimate else { return .undefined }
        if estimate > budget { return .over }
        guard let upper else { return .notShownWithin }
        return upper <= budget ? .within : .notShownWithin
    }

    /// Decides on `standings` (recommendability already set) and the pair verdicts.
    init(rule: DecisionRule, designWeighted: Bool, standings: [MethodStanding],
         pairs: [(first: String, second: String, verdict: PairVerdict)], kindsNotChecked: Int, tooFewReplicates: Bool) {
        self.rule = rule
        self.designWeighted = designWeighted
        self.standings = standings
        self.pairs = pairs
        self.kindsNotChecked = kindsNotChecked
        self.tooFewReplicates = tooFewReplicates
        leader = nil
        notShownBetterThan = []
        let candidates = standings.filter(\.recommendable)
        switch candidates.count {
        case 0:
            outcome = .noneRecommendable
            method = nil
        case 1:
            outcome = .onlyRecommendable
            method = candidates[0].method
        default:
            // The leader by the primary metric (ties: the first by name); it must beat every other candidate.
            let leader = candidates.max { ($0.primary.value ?? -1, $1.method) < ($1.primary.value ?? -1, $0.method) }!
            let beaten: [String] = candidates.filter { $0.method != leader.method }.compactMap { other in
                let pair = pairs.first { ($0.first, $0.second) == (leader.method, other.method) }
                    ?? pairs.first { ($0.first, $0.second) == (other.method, leader.method) }
                guard let pair else { return other.method }
                let wins = pair.first == leader.method ? pair.verdict == .firstBetter : pair.verdict == .secondBetter
                return wins ? nil : other.method
            }
            self.leader = leader.method
            notShownBetterThan = beaten
            outcome = beaten.isEmpty ? .best : .noneShownBetter
            method = beaten.isEmpty ? leader.method : nil
        }
    }
}
