import ToetsModel

extension Scorecard {
    /// One sweep point of a method: its figures at the swept value, on the same resamples as
    /// the declared methods.
    package struct SweepPoint: Sendable {
        /// The declared method stage, the swept parameter and the value as written.
        package var method: String
        package var parameter: String
        package var value: String
        /// The point's own stage.
        package var stage: String
        /// Accounts it flagged, labelled or not.
        package var flags: Int
        package var overall: CellScore
        /// The primary metric as comparisons use it (design-weighted where the labels carry a design).
        package var primary: Figure
        /// The rank the method would have among the declared methods at this point, the others at theirs.
        package var rankAtPoint: Double?
    }

    /// Every method's sweep: a sensitivity analysis; the declared operating points are judged.
    package struct Sweep: Sendable {
        package var points: [SweepPoint]
        /// Kendall's W of the methods' ranks over the declared configuration and each one-point change.
        package var agreement: Metric
        /// Configurations behind `agreement`: the declared one and one per point.
        package var configurations: Int
        /// Each swept method's primary figure at its declared operating point, the one judged.
        package var declared: [String: Figure]
    }
}

extension Scorer {
    /// Scores each sweep point (`stage@parameter=value`) beside the declared methods' `declared`
    /// scores; nil without points.
    static func sweep(_ variants: [(name: String, detections: [Detection])], declared: [Scorecard.MethodScore],
                      declaredPrimary: [Figure], truth: GroundTruth, settings: ScoreSettings,
                      metric: DecisionRule.PrimaryMetric, progress: StageProgress? = nil) async -> Scorecard.Sweep? {
        guard !variants.isEmpty else { return nil }
        let set = EvaluationSet(methods: variants, truth: truth, strata: nil, settings: settings)
        let (context, _, _) = await evaluate(set, settings: settings, progress: progress, subject: "the sweep points")
        let base = declaredPrimary.map(\.value)
        var blocks: [[Double]] = base.allSatisfy { $0 != nil } ? [base.map { $0! }] : []
        var undefined = blocks.isEmpty
        var points: [Scorecard.SweepPoint] = []
        for (index, column) in set.columns.enumerated() {
            guard let parsed = SweepVariant.parse(column.name),
                  let position = declared.firstIndex(where: { $0.name == parsed.stage }) else { continue }
            let overall = context.cellScore(method: index, cell: 0)
            let primary = context.primary(method: index, metric, counts: overall.counts)
            var rank: Double?
            if let value = primary.value, !undefined {
                var configuration = blocks[0]
                configuration[position] = value
                blocks.append(configuration)
                rank = RankStability.ranks(configuration)[position]
            } else {
                undefined = true
            }
            points.append(Scorecard.SweepPoint(
                method: parsed.stage, parameter: parsed.parameter, value: parsed.value, stage: column.name,
                flags: overall.counts.flagged + column.unknownFlagged, overall: overall, primary: primary, rankAtPoint: rank))
        }
        let agreement: Metric = undefined ? .undefined(.undefinedEstimate) : kendallW(scores: blocks)
        let swept = Set(points.map(\.method))
        return Scorecard.Sweep(points: points, agreement: agreement, configurations: undefined ? 0 : blocks.count,
                               declared: Dictionary(uniqueKeysWithValues: declared.indices.filter { swept.contains(declared[$0].name) }
                                   .map { (declared[$0].name, declaredPrimary[$0]) }))
    }
}

extension Scorer.Context {
    /// Method `method`'s figure `metric` as comparisons use it, with its interval.
    func primary(method: Int, _ metric: DecisionRule.PrimaryMetric, counts: ConfusionCounts) -> Figure {
        let weighted = designBase != nil && metric != .averagePrecision
        let note: MetricNote? = switch metric {
        case .f1: counts.f1.note
        case .precision: counts.precision.note
        case .recall: counts.recall.note
        case .averagePrecision: counts.positives == 0 ? .noPositives : nil
        }
        let proportion: (Int, Int)? = switch metric {
        case .precision: (counts.truePositives, counts.flagged)
        case .recall: (counts.truePositives, counts.positives)
        default: nil
        }
        return figure(comparisonColumn(method: method, metric), note: note, proportion: proportion, weighted: weighted)
    }
}
