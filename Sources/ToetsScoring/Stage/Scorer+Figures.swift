import ToetsModel

extension Scorer {
    /// The evaluation with its full-data figures and its resamples, turned into figures.
    struct Context: Sendable {
        typealias Statistic = WeightedEvaluator.CellStatistic

        let set: EvaluationSet
        let settings: ScoreSettings
        /// Full-data values, one row of `stride` per method.
        let full: [Double]
        let draws: ParallelBootstrap.Draws
        let stride: Int
        let cellCount: Int
        /// `cellCounts[method][cell]`.
        let cellCounts: [[ConfusionCounts]]

        /// Resampling units holding a campaign account.
        let campaignClusters: Int
        /// Where the design-weighted block starts in a row, when there is a design.
        let designBase: Int?

        var level: Double { settings.level }
        var fewClusters: Bool { campaignClusters < settings.minClusters }

        func column(method: Int, cell: Int, _ statistic: Statistic) -> Int {
            method * stride + WeightedEvaluator.index(cell: cell, statistic)
        }

        /// A bootstrapped figure; `note` says why the value is missing, or qualifies it. A
        /// proportion of counts gives them, for its exact interval where the bootstrap degenerates;
        /// `campaigns` is false for a figure of legitimate accounts alone, which few campaign
        /// clusters do not affect.
        func figure(_ column: Int, note: MetricNote?, wilson: ConfidenceInterval? = nil,
                    proportion: (successes: Int, trials: Int)? = nil, campaigns: Bool = true,
                    weighted: Bool = false) -> Figure {
            let estimate: Double? = full[column].isNaN ? nil : full[column]
            return Figure(value: estimate, note: note, wilson: wilson, bootstrap: draws.result(column, estimate: estimate),
                          proportion: proportion)
                .shown(level: level, fewClusters: campaigns && fewClusters, exactWhenFew: !weighted)
        }

        /// The design-weighted figure `statistic` of method `method`.
        func population(method: Int, _ statistic: DesignEstimates.Statistic, note: MetricNote?,
                        proportion: (successes: Int, trials: Int)?) -> Figure? {
            guard let designBase else { return nil }
            return figure(designBase + DesignEstimates.index(method: method, statistic), note: note, proportion: proportion,
                          campaigns: statistic != .falsePositiveRate, weighted: true)
        }

        /// The figures of method `method` in cell `cell` (0: all items) at its own flag.
        func cellScore(method: Int, cell: Int) -> Scorecard.CellScore {
            let counts = cellCounts[method][cell], overall = cellCounts[method][0]
            func wilson(_ successes: Int, _ trials: Int) -> ConfidenceInterval {
                .wilson(successes: successes, trials: trials, level: level)
            }
            let ratioNote: MetricNote? = if counts.negatives == 0 || overall.negatives == 0 {
                .noNegatives
            } else if overall.falsePositives == 0 {
                .zeroOverallRate
            } else {
                nil
            }
            let rankingNote: MetricNote? = counts.items == 0 ? .noItems : (counts.positives == 0 ? .noPositives : nil)
            return Scorecard.CellScore(
                counts: counts,
                precision: figure(column(method: method, cell: cell, .precision), note: counts.precision.note,
                                  wilson: wilson(counts.truePositives, counts.flagged),
                                  proportion: (counts.truePositives, counts.flagged)),
                recall: figure(column(method: method, cell: cell, .recall), note: counts.recall.note,
                               wilson: wilson(counts.truePositives, counts.positives),
                               proportion: (counts.truePositives, counts.positives)),
                f1: figure(column(method: method, cell: cell, .f1), note: counts.f1.note),
                falsePositiveRate: figure(column(method: method, cell: cell, .falsePositiveRate),
                                          note: counts.falsePositiveRate.note,
                                          wilson: wilson(counts.falsePositives, counts.negatives),
                                          proportion: (counts.falsePositives, counts.negatives), campaigns: false),
                falsePositiveRateRatio: figure(column(method: method, cell: cell, .falsePositiveRateRatio), note: ratioNote),
                averagePrecision: figure(column(method: method, cell: cell, .averagePrecision), note: rankingNote),
                rocAUC: figure(column(method: method, cell: cell, .rocAUC),
                               note: rankingNote ?? (counts.negatives == 0 ? .noNegatives : nil)))
        }

        /// Everything about one method.
        func methodScore(_ method: Int) -> Scorecard.MethodScore {
            let column = set.columns[method]
            let sample = method * stride + cellCount * Statistic.allCases.count
            let overall = cellScore(method: method, cell: 0)

            let topK = settings.topK.enumerated().map { slot, k in
                let reference = PrecisionAtK(truth: set.truth, scores: column.scores, k: k)
                return Scorecard.TopK(k: k, precision: figure(sample + WeightedEvaluator.SampleStatistic.allCases.count + slot,
                                                              note: reference.precision.note),
                                      unknownInTopK: column.unknownInTopK[slot])
            }
            let point = OperatingPoint(truth: set.truth, scores: column.scores,
                                       budget: .rate(settings.falsePositiveBudget))
            let budget = Scorecard.Budget(
                rate: settings.falsePositiveBudget, threshold: point.threshold, counts: point.counts,
                precision: figure(sample + WeightedEvaluator.SampleStatistic.budgetPrecision.rawValue,
                                  note: point.counts.precision.note,
                                  wilson: .wilson(successes: point.counts.truePositives, trials: point.counts.flagged, level: level)),
                recall: figure(sample + WeightedEvaluator.SampleStatistic.budgetRecall.rawValue, note: point.counts.recall.note,
                               wilson: .wilson(successes: point.counts.truePositives, trials: point.counts.positives, level: level)),
                note: point.note)
            let declared = settings.probabilityScores.contains(column.name)
            let brierNote: MetricNote? = set.accounts.isEmpty ? .noItems
                : (!declared ? .probabilitiesNotDeclared : (column.probabilities ? nil : .scoresOutsideUnitInterval))

            let counts = overall.counts
            func proportion(_ successes: Int, _ trials: Int, _ note: MetricNote) -> Figure {
                trials == 0 ? Figure(value: nil, note: note)
                    : Figure(value: Double(successes) / Double(trials),
                             wilson: .wilson(successes: successes, trials: trials, level: level))
            }
            let flaggedAll = counts.flagged + column.unknownFlagged
            let unknowns = Scorecard.Unknowns(
                detected: column.unknownDetected, flagged: column.unknownFlagged,
                precisionIfNegative: proportion(counts.truePositives, flaggedAll, .nothingFlagged),
                precisionIfPositive: proportion(counts.truePositives + column.unknownFlagged, flaggedAll, .nothingFlagged))

            let population = designBase.map { _ in
                Scorecard.Population(
                    precision: self.population(method: method, .precision, note: counts.precision.note,
                                               proportion: (counts.truePositives, counts.flagged))!,
                    recall: self.population(method: method, .recall, note: counts.recall.note,
                                            proportion: (counts.truePositives, counts.positives))!,
                    f1: self.population(method: method, .f1, note: counts.f1.note, proportion: nil)!,
                    falsePositiveRate: self.population(method: method, .falsePositiveRate, note: counts.falsePositiveRate.note,
                                                       proportion: (counts.falsePositives, counts.negatives))!)
            }
            let precisionRecall = PrecisionRecallCurve(truth: set.truth, scores: column.scores)
            let roc = ROCCurve(truth: set.truth, scores: column.scores)
            let flags = counts.flagged + column.unknownFlagged
            let probabilities = declared && column.probabilities
            // Calibration only for scores declared to be probabilities (and that are).
            let reliability = probabilities ? ReliabilityTable(truth: set.truth, scores: column.scores)
                : ReliabilityTable(bins: [], expectedCalibrationError: .undefined(brierNote ?? .probabilitiesNotDeclared),
                                   note: brierNote ?? .probabilitiesNotDeclared)
            return Scorecard.MethodScore(
                name: column.name, detected: column.detected, missing: column.missing, flags: flags,
                probabilities: probabilities, overall: overall, topK: topK, budget: budget,
                brier: probabilities ? figure(sample + WeightedEvaluator.SampleStatistic.brier.rawValue, note: brierNote)
                    : Figure(value: nil, note: brierNote),
                reliability: reliability, precisionRecall: precisionRecall, roc: roc,
                groups: groups(column), unknowns: unknowns, population: population,
                published: PublishedCurves(truth: set.truth, scores: column.scores, minCell: settings.minCell),
                warnings: flags == 0 ? [.operatingPointFlagsNothing] : [])
        }

        /// The method's groups against the labelled campaigns, over the labelled accounts.
        func groups(_ column: EvaluationSet.Column) -> Scorecard.Groups {
            let truth = set.campaigns
            let predicted = column.groups
            // Group scores compare the method's groups with the campaigns: without a flagged group there is nothing to compare.
            let hasGroups = column.groups.contains { $0 != nil }
            func partition(_ metric: Metric) -> Figure {
                guard hasGroups else { return Figure(value: nil, note: .noGroupsFlagged) }
                return Figure(value: metric.value, note: metric.note ?? (metric.value == nil ? nil : .noIntervalForPartitions))
            }
            let bCubed = ClusterAgreement.bCubed(truth: truth, predicted: predicted)
            let campaigns = set.truth.indices.map { set.truth[$0] ? (set.campaigns[$0] ?? "(unnamed)") : nil }
            let recall = CampaignRecall.perCampaign(campaigns: campaigns, flagged: column.flagged, groups: predicted)
            return Scorecard.Groups(
                adjustedRandIndex: partition(ClusterAgreement.adjustedRandIndex(truth: truth, predicted: predicted)),
                normalizedMutualInformation: partition(ClusterAgreement.normalizedMutualInformation(truth: truth,
                                                                                                    predicted: predicted)),
                bCubedPrecision: partition(bCubed.precision), bCubedRecall: partition(bCubed.recall),
                bCubedF1: partition(bCubed.f1),
                campaignRecall: recall.map { ($0, ConfidenceInterval.wilson(successes: $0.flagged, trials: $0.accounts,
                                                                             level: level)) })
        }
    }
}
