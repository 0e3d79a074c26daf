import ToetsModel

/// The accounts every method is scored on, with their truth, each method's column, and strata.
///
/// Items are the labelled accounts whose label the rule decides, sorted by id. Unlabelled
/// accounts (and those the rule leaves undecided) are unknown, not negative: they are not
/// items, and are only counted. A labelled account missing from a method's detections was not
/// flagged by it and ranks below everything it scored, so that all methods are judged on the
/// same items, which paired comparisons need.
package struct EvaluationSet: Sendable {
    /// One method's view of the items.
    package struct Column: Sendable {
        package var name: String
        package var scores: [Double]
        package var flagged: [Bool]
        package var groups: [String?]
        /// Rows in the method's detections.
        package var detected: Int
        /// Items the method did not score.
        package var missing: Int
        /// Detections of unknown accounts, and how many of those it flagged.
        package var unknownDetected: Int
        package var unknownFlagged: Int
        /// Expected unknown accounts among the method's k highest-scored detections, per k.
        package var unknownInTopK: [Double]
        /// Whether every score lies in [0, 1].
        package var probabilities: Bool
    }

    package var accounts: [String]
    package var truth: [Bool]
    /// The campaign of each campaign item (nil for the others, or when none was named).
    package var campaigns: [String?]
    /// The kind of legitimate coordination of each other item (nil for campaign items, or when
    /// none was named).
    package var coordination: [String?]
    package var columns: [Column]
    /// Labelled accounts the rule leaves undecided.
    package var undecided: Int
    /// Accounts in the detections or the posts that carry no label.
    package var unlabelled: Int
    /// One plan per stratum dimension the posts carry, in the settings' order.
    package var strata: [StratumPlan]
    /// Requested dimensions that the posts do not carry (or all, without posts).
    package var uncarried: [String]
    /// Each item's inclusion probability in the labelled sample, when the labels carry a
    /// sampling design; its design weight is the inverse.
    package var inclusionProbabilities: [Double]?

    package init(methods: [(name: String, detections: [Detection])], truth groundTruth: GroundTruth,
                 strata accountStrata: AccountStrata?, settings: ScoreSettings) {
        let (labels, undecidedAccounts) = groundTruth.decide(settings.labelRule)
        accounts = labels.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        truth = accounts.map { labels[$0]!.isCampaign }
        campaigns = accounts.map { labels[$0]!.campaign }
        coordination = accounts.map { labels[$0]!.coordination }
        inclusionProbabilities = groundTruth.hasDesign ? accounts.map { labels[$0]!.inclusionProbability ?? 1 } : nil
        undecided = undecidedAccounts.count
        let labelled = Set(groundTruth.rows.map(\.account))
        var unlabelledAccounts = Set((accountStrata?.accounts ?? []).filter { !labelled.contains($0) })

        let itemIndex = Dictionary(uniqueKeysWithValues: accounts.enumerated().map { ($1, $0) })
        columns = methods.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }.map { method in
            let count = itemIndex.count
            var scores = [Double?](repeating: nil, count: count)
            var flagged = [Bool](repeating: false, count: count)
            var groups = [String?](repeating: nil, count: count)
            var unknownDetected = 0, unknownFlagged = 0
            for detection in method.detections {
                guard let item = itemIndex[detection.accountID] else {
                    if !labelled.contains(detection.accountID) { unlabelledAccounts.insert(detection.accountID) }
                    unknownDetected += 1
                    if detection.flagged { unknownFlagged += 1 }
                    continue
                }
                scores[item] = detection.score
                flagged[item] = detection.flagged
                groups[item] = detection.flagged ? detection.group : nil
            }
            // Missing items rank below every score the method gave: probability 0 for a method
            // that gives probabilities, one below its lowest score otherwise.
            let given = method.detections.map(\.score)
            let probabilities = given.allSatisfy { $0 >= 0 && $0 <= 1 }
            let floor = probabilities ? 0 : given.min()! - 1
            let missing = scores.count { $0 == nil }
            let unknownInTopK = settings.topK.map { k in
                method.detections.isEmpty ? 0 : PrecisionAtK(truth: method.detections.map { itemIndex[$0.accountID] == nil },
                                                             scores: method.detections.map(\.score), k: k).positivesInTopK
            }
            return Column(name: method.name, scores: scores.map { $0 ?? floor }, flagged: flagged, groups: groups,
                          detected: method.detections.count, missing: missing, unknownDetected: unknownDetected,
                          unknownFlagged: unknownFlagged, unknownInTopK: unknownInTopK,
                          probabilities: probabilities)
        }

        unlabelled = unlabelledAccounts.count

        var plans: [StratumPlan] = []
        var uncarried: [String] = []
        for name in settings.strata {
            guard let dimension = AccountStrata.Dimension(rawValue: name), let accountStrata,
                  accountStrata.values[dimension] != nil else {
                uncarried.append(name)
                continue
            }
            plans.append(StratumPlan(dimension: name, itemValues: accounts.map { accountStrata.value(dimension, of: $0) },
                                     minimum: settings.minCell))
        }
        strata = plans
        self.uncarried = uncarried
    }

    /// Each item's cell per dimension, numbered across dimensions from 1 (0 is all items).
    package var itemCells: (cells: [[Int32]], cellCount: Int) {
        var offsets: [Int32] = []
        var next: Int32 = 1
        for plan in strata {
            offsets.append(next)
            next += Int32(plan.cells.count)
        }
        let cells = accounts.indices.map { item in
            strata.indices.map { dimension in
                let cell = strata[dimension].itemCells[item]
                return cell < 0 ? -1 : offsets[dimension] + cell
            }
        }
        return (cells, Int(next))
    }

    /// The resampling units: each item alone, or the items of a campaign together; with a
    /// sampling design, drawn within the design's strata (one per inclusion probability), so
    /// that every resample has the sample's composition, as the design fixed it.
    package func units(_ resampling: ScoreSettings.Resampling) -> ResamplingUnits {
        var units: ResamplingUnits = switch resampling {
        case .accounts: .items(accounts.count)
        case .campaigns: .clusters(campaigns)
        }
        if let inclusionProbabilities {
            let levels = Array(Set(inclusionProbabilities)).sorted()
            // A unit's stratum is its first item's: a campaign is sampled whole or not at all.
            units.strata = units.members.map { levels.firstIndex(of: inclusionProbabilities[$0[0]])! }
        }
        return units
    }
}
