extension Scorer.Context {
    /// What `rule` decides on the scored methods and their compared pairs.
    func decide(_ rule: DecisionRule, methods: [Scorecard.MethodScore], pairs: [Scorecard.Pair],
                errors: ErrorAnalysis) -> Decision {
        let standings = methods.enumerated().map { index, method -> Decision.MethodStanding in
            let rate = method.population?.falsePositiveRate ?? method.overall.falsePositiveRate
            var perThousand = Figure(value: rate.value.map { $0 * 1000 }, note: rate.note)
            if let shown = rate.shown {
                perThousand.shown = ShownInterval(kind: shown.kind, lower: shown.lower * 1000, upper: shown.upper * 1000,
                                                  notes: shown.notes)
            }
            let status = Decision.status(perThousand.value, upper: perThousand.shown?.upper, budget: rule.harmBudget)
            let kinds: [Decision.KindHarm] = errors.kinds.compactMap { kind in
                guard let budget = rule.budget(kind: kind.kind) else { return nil }
                let flagged = kind.falsePositives[index]
                let exact = ConfidenceInterval.clopperPearson(successes: flagged, trials: kind.accounts, level: level)
                let estimate = Double(flagged) / Double(kind.accounts) * 1000
                return Decision.KindHarm(kind: kind.kind, accounts: kind.accounts, perThousand: estimate,
                                         upper: exact.upper! * 1000, budget: budget,
                                         status: Decision.status(estimate, upper: exact.upper! * 1000, budget: budget))
            }
            let primary = primaryFigure(rule.primaryMetric, method: method)
            var reasons: [Decision.Reason] = []
            switch status {
            case .within: break
            case .over: reasons.append(.overHarmBudget)
            case .notShownWithin: reasons.append(.notShownWithinHarmBudget)
            case .undefined: reasons.append(.harmUndefined)
            }
            if kinds.contains(where: { $0.status == .over }) { reasons.append(.kindOverHarmBudget) }
            if kinds.contains(where: { $0.status == .notShownWithin }) { reasons.append(.kindNotShownWithinHarmBudget) }
            if method.flags == 0 {
                reasons.append(.flagsNothing)
            } else if method.overall.counts.flagged == 0 {
                reasons.append(.flagsNoLabelledAccount)
            }
            if primary.value == nil { reasons.append(.primaryUndefined) }
            return Decision.MethodStanding(method: method.name, perThousand: perThousand, status: status, kinds: kinds,
                                           flags: method.flags, primary: primary, recommendable: reasons.isEmpty,
                                           reasons: reasons)
        }
        let verdicts = pairs.map { pair in
            let tested = pair.differences[rule.primaryMetric]!
            return (first: pair.first, second: pair.second,
                    verdict: Decision.verdict(difference: tested.difference.value, rejected: tested.rejected,
                                              minDifference: rule.minDifference))
        }
        // The smallest p-value the resamples can give, against Holm's strictest threshold.
        let tooFew = !pairs.isEmpty && 2 / Double(settings.replicates + 1) > rule.alpha / Double(pairs.count)
        let assessed = Set(standings.flatMap { $0.kinds.map(\.kind) })
        let unchecked = rule.harmBudgetPerKind == nil ? 0
            : errors.suppressed + errors.kinds.filter { !assessed.contains($0.kind) }.map(\.accounts).reduce(0, +)
        return Decision(rule: rule, designWeighted: designBase != nil, standings: standings, pairs: verdicts,
                        kindsNotChecked: unchecked, tooFewReplicates: tooFew)
    }

    /// The primary metric of a method, as the comparison uses it (design-weighted where it is).
    func primaryFigure(_ metric: DecisionRule.PrimaryMetric, method: Scorecard.MethodScore) -> Figure {
        switch metric {
        case .f1: method.population?.f1 ?? method.overall.f1
        case .precision: method.population?.precision ?? method.overall.precision
        case .recall: method.population?.recall ?? method.overall.recall
        case .averagePrecision: method.overall.averagePrecision
        }
    }
}
