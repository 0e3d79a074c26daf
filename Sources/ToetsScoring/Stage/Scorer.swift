import ToetsModel

/// Computes a scorecard: every method against the ground truth, with intervals, pairwise
/// comparisons, strata and annotator agreement.
package enum Scorer {
    /// Scores `methods` (name and detections) against `truth`, stratified by `strata` when given.
    package static func score(methods: [(name: String, detections: [Detection])], truth: GroundTruth,
                              strata: AccountStrata?, settings: ScoreSettings,
                              rule: DecisionRule? = nil,
                              variants: [(name: String, detections: [Detection])] = [],
                              progress: StageProgress? = nil) async throws(ScoreError) -> Scorecard {
        let set = EvaluationSet(methods: methods, truth: truth, strata: strata, settings: settings)
        let pairs = try pairsToCompare(set.columns.map(\.name), settings.comparisons)
        let (context, statistics, units) = await evaluate(set, settings: settings, progress: progress)
        progress?.begin("curves, strata and comparisons", unit: "")
        let campaignClusters = context.campaignClusters
        let draws = context.draws

        // Each method's curves, operating points and group scores sort its items: one task each.
        let scores = await withTaskGroup(of: (Int, Scorecard.MethodScore).self) { group in
            for method in set.columns.indices { group.addTask { (method, context.methodScore(method)) } }
            var scores: [Scorecard.MethodScore?] = Array(repeating: nil, count: set.columns.count)
            for await (method, score) in group { scores[method] = score }
            return scores.map { $0! }
        }
        var shownStrata: [Scorecard.Stratum] = []
        var dimensions: [Scorecard.Dimension] = []
        var offset = 1
        for plan in set.strata {
            dimensions.append(Scorecard.Dimension(name: plan.dimension, cells: plan.cells.count,
                                                  pooledValues: plan.pooledValues, suppressed: plan.suppressed))
            for (index, cell) in plan.cells.enumerated() {
                let global = offset + index
                shownStrata.append(Scorecard.Stratum(
                    dimension: plan.dimension, cell: cell, size: plan.sizes[index],
                    positives: context.cellCounts[0][global].positives,
                    scores: set.columns.indices.map { context.cellScore(method: $0, cell: global) }))
            }
            offset += plan.cells.count
        }
        let compared = context.compare(pairs, alpha: rule?.alpha ?? settings.alpha)
        let errors = ErrorAnalysis(set, minimum: settings.minCell)
        var design: [(inclusionProbability: Double, accounts: Int, campaignAccounts: Int)] = []
        if let probabilities = set.inclusionProbabilities {
            for level in Set(probabilities).sorted(by: >) {
                let items = probabilities.indices.filter { probabilities[$0] == level }
                design.append((level, items.count, items.count { set.truth[$0] }))
            }
        }
        let rankMetric = rule?.primaryMetric ?? .f1
        let sweep = await sweep(variants, declared: scores, declaredPrimary: scores.map { context.primaryFigure(rankMetric, method: $0) },
                                truth: truth, settings: settings, metric: rankMetric, progress: progress)
        return Scorecard(
            settings: settings, labels: labelSummary(truth, set: set), methods: scores,
            pairs: compared, rankings: context.rankings(strata: shownStrata),
            dimensions: dimensions, strata: shownStrata, uncarried: set.uncarried, errors: errors,
            ordinary: OrdinaryErrors(set, errors: errors, strata: strata, minimum: settings.minCell, level: settings.level),
            resamplingUnits: units.members.count, jackknifeGroups: draws.jackknifeGroups, campaignClusters: campaignClusters,
            populationPrevalence: statistics.design.map { design in
                context.figure(statistics.designBase + design.prevalenceIndex, note: nil,
                               proportion: (set.truth.count { $0 }, set.accounts.count), weighted: true)
            },
            design: design,
            decision: rule.map { context.decide($0, methods: scores, pairs: compared, errors: errors) },
            rankStability: context.rankStability(rankMetric), rankMetric: rankMetric, sweep: sweep)
    }

    /// Every method of `set` on the full data and on the resamples (the same resamples for the
    /// same labels and settings, so that figures of separate sets are paired).
    static func evaluate(_ set: EvaluationSet, settings: ScoreSettings, progress: StageProgress? = nil,
                         subject: String? = nil) async -> (Context, AllMethods, ResamplingUnits) {
        let (itemCells, cellCount) = set.itemCells
        let statistics = AllMethods(
            evaluators: set.columns.map { column in
                WeightedEvaluator(truth: set.truth, scores: column.scores, flagged: column.flagged, itemCells: itemCells,
                                  cellCount: cellCount, topK: settings.topK, budget: settings.falsePositiveBudget)
            },
            negativeItems: set.truth.indices.filter { !set.truth[$0] }.map { Int32($0) }, cellCount: cellCount,
            design: set.inclusionProbabilities.map { probabilities in
                DesignEstimates(inclusionProbabilities: probabilities, truth: set.truth, flagged: set.columns.map(\.flagged))
            })
        let full = ParallelBootstrap.full(itemCount: set.accounts.count, statistics: statistics)
        let units = set.units(settings.resampling)
        let campaignClusters = units.members.count { $0.contains { set.truth[$0] } }
        let draws = await ParallelBootstrap.run(units: units, plan: BootstrapPlan(resamples: settings.replicates,
                                                                                  seed: settings.seed, level: settings.level),
                                                statistics: statistics, progress: progress, subject: subject)
        let context = Context(set: set, settings: settings, full: full, draws: draws, stride: statistics.stride, cellCount: cellCount,
                              cellCounts: cellConfusion(set, itemCells: itemCells, cellCount: cellCount),
                              campaignClusters: campaignClusters,
                              designBase: statistics.design == nil ? nil : statistics.designBase)
        return (context, statistics, units)
    }

    /// The pairs `comparisons` asks for, as indices into the sorted methods.
    static func pairsToCompare(_ names: [String], _ comparisons: ScoreSettings.Comparisons) throws(ScoreError) -> [(Int, Int)] {
        switch comparisons {
        case .none: return []
        case .all:
            return names.indices.flatMap { first in ((first + 1)..<names.count).map { (first, $0) } }
        case .pairs(let pairs):
            var result: [(Int, Int)] = []
            for pair in pairs {
                guard let first = names.firstIndex(of: pair[0]), let second = names.firstIndex(of: pair[1]) else {
                    let unknown = pair.filter { !names.contains($0) }
                    throw .comparisons("no method stage named \(unknown.joined(separator: " or ")) among the inputs ("
                        + names.joined(separator: ", ") + ")")
                }
                if !result.contains(where: { $0 == (first, second) || $0 == (second, first) }) { result.append((first, second)) }
            }
            return result
        }
    }

    /// `counts[method][cell]`: the confusion counts at each method's own flag, per cell.
    static func cellConfusion(_ set: EvaluationSet, itemCells: [[Int32]], cellCount: Int) -> [[ConfusionCounts]] {
        set.columns.map { column in
            var counts = [ConfusionCounts](repeating: ConfusionCounts(truePositives: 0, falsePositives: 0,
                                                                      falseNegatives: 0, trueNegatives: 0),
                                           count: cellCount)
            for item in set.accounts.indices {
                for cell in [0] + itemCells[item].map(Int.init) where cell >= 0 {
                    switch (set.truth[item], column.flagged[item]) {
                    case (true, true): counts[cell].truePositives += 1
                    case (false, true): counts[cell].falsePositives += 1
                    case (true, false): counts[cell].falseNegatives += 1
                    case (false, false): counts[cell].trueNegatives += 1
                    }
                }
            }
            return counts
        }
    }

    /// Counts of the labels and the annotators' agreement.
    static func labelSummary(_ truth: GroundTruth, set: EvaluationSet) -> Scorecard.Labels {
        var perCampaign: [String: Int] = [:]
        for (item, campaign) in set.campaigns.enumerated() where set.truth[item] {
            perCampaign[campaign ?? "(unnamed)", default: 0] += 1
        }
        let label = Agreement.layouts(rows: truth.rows.map { ($0.account, $0.annotator, $0.isCampaign ? "campaign" : "none") })
        let campaign = Agreement.layouts(rows: truth.rows.map {
            ($0.account, $0.annotator, $0.isCampaign ? "campaign:" + ($0.campaign ?? "") : "none")
        })
        // Fleiss' kappa needs the same number of ratings per account: the accounts with the most
        // common number of two or more.
        let ratings = label.counts.map { $0.reduce(0, +) }
        var frequency: [Int: Int] = [:]
        for count in ratings where count >= 2 { frequency[count, default: 0] += 1 }
        let raters = frequency.max { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }?.key ?? 0
        let subjects = label.counts.indices.filter { ratings[$0] == raters }.map { label.counts[$0] }
        return Scorecard.Labels(
            rows: truth.rows.count, annotators: truth.annotators, labelled: set.accounts.count,
            positives: set.truth.count { $0 }, negatives: set.truth.count { !$0 }, undecided: set.undecided,
            unlabelled: set.unlabelled,
            campaigns: perCampaign.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { ($0, perCampaign[$0]!) },
            alphaLabel: Agreement.krippendorffAlpha(ratings: label.ratings),
            alphaCampaign: Agreement.krippendorffAlpha(ratings: campaign.ratings),
            fleissKappa: raters == 0 ? .undefined(.tooFewRaters) : Agreement.fleissKappa(counts: subjects),
            fleissSubjects: subjects.count, fleissRaters: raters)
    }
}

/// Every method's weighted evaluator side by side, then the design-weighted figures when the
/// labels carry a sampling design: one row of figures per sample.
struct AllMethods: WeightedStatistics {
    let evaluators: [WeightedEvaluator]
    let negativeItems: [Int32]
    let cellCount: Int
    let design: DesignEstimates?

    var stride: Int { evaluators.first?.width ?? 0 }
    /// Where the design-weighted block starts.
    var designBase: Int { evaluators.count * stride }
    var width: Int { designBase + (design?.width ?? 0) }

    func makeScratch() -> WeightedEvaluator.Scratch { WeightedEvaluator.Scratch(cellCount: cellCount) }

    func evaluate(weights: UnsafeBufferPointer<Int32>, scratch: inout WeightedEvaluator.Scratch,
                  into out: UnsafeMutableBufferPointer<Double>) {
        var negatives = 0
        for item in negativeItems { negatives += Int(weights[Int(item)]) }
        for (method, evaluator) in evaluators.enumerated() {
            evaluator.evaluate(weights: weights, negatives: negatives, scratch: &scratch,
                               into: UnsafeMutableBufferPointer(rebasing: out[(method * stride)..<((method + 1) * stride)]))
        }
        design?.evaluate(multiplicity: weights, into: UnsafeMutableBufferPointer(rebasing: out[designBase..<width]))
    }
}
