/// The sentences that say what the decision rule decided, for the klankbord report and the
/// Kamerbrief alike: each follows from `ReportInput.decision` alone, so no document can
/// conclude more than the rule does.
enum DecisionSentences {
    /// The rule in words, or that there is none.
    static func rule(_ input: ReportInput, _ language: Language) -> String {
        guard let decision = input.decision else { return DecisionText.noRule(language) }
        let numbers = language.numbers
        var kinds = ""
        if let budget = decision.kindBudgetDefault {
            // Budgets named per kind are listed after the one every other kind is held to.
            let named = decision.kindBudgets.map { CoordinationKind.label($0.name)(language) + " " + budgetText($0.value, numbers) }
            kinds = DecisionText.ruleKinds.filled(["budget": ([budgetText(budget, numbers)] + named).joined(separator: "; ")])(language)
        }
        return DecisionText.ruleIntro.filled([
            "metric": DecisionText.metric(decision.primaryMetric)(language), "min": numbers.decimal(decision.minDifference, digits: 2),
            "budget": budgetText(decision.harmBudget, numbers), "kinds": kinds, "alpha": numbers.decimal(decision.alpha, digits: 2),
        ])(language)
    }

    static func budgetText(_ budget: Double, _ numbers: NumberFormat) -> String {
        budget == budget.rounded() ? numbers.integer(Int(budget)) : numbers.decimal(budget, digits: 1)
    }

    /// What the rule decides; nil without a rule.
    static func outcome(_ input: ReportInput, _ language: Language) -> String? {
        guard let decision = input.decision else { return nil }
        let numbers = language.numbers
        let metric = DecisionText.metric(decision.primaryMetric)(language)
        let min = numbers.decimal(decision.minDifference, digits: 2)
        switch decision.outcome {
        case "best":
            return DecisionText.outcomeBest.filled(["method": decision.method ?? "", "min": min, "metric": metric])(language)
        case "only-recommendable":
            return DecisionText.outcomeOnly.filled(["method": decision.method ?? "", "metric": metric])(language)
        case "none-shown-better":
            return DecisionText.outcomeNoneBetter.filled([
                "leader": decision.leader ?? "", "metric": metric, "min": min,
                "others": list(decision.notShownBetterThan, language),
            ])(language)
        default:
            return DecisionText.outcomeNone(language)
        }
    }

    /// Why each method that cannot be recommended cannot be.
    static func reasons(_ input: ReportInput, _ language: Language) -> [String] {
        guard let decision = input.decision else { return [] }
        let numbers = language.numbers
        let metric = DecisionText.metric(decision.primaryMetric)(language)
        return decision.standings.filter { !$0.recommendable }.map { standing in
            let rate = standing.falsePositivesPerThousand
            let reasons: [String] = standing.reasons.compactMap { reason in
                switch reason {
                case "over-harm-budget":
                    DecisionText.reasonOver.filled(["n": numbers.perBase(rate.value, base: 1),
                                                    "budget": budgetText(decision.harmBudget, numbers)])(language)
                case "not-shown-within-harm-budget":
                    DecisionText.reasonNotShownWithin.filled([
                        "n": numbers.perBase(rate.value, base: 1), "upper": numbers.perBase(rate.upper, base: 1),
                        "budget": budgetText(decision.harmBudget, numbers),
                    ])(language)
                case "kind-over-harm-budget", "kind-not-shown-within-harm-budget":
                    reason == "kind-over-harm-budget" || !standing.reasons.contains("kind-over-harm-budget")
                        ? DecisionText.reasonKinds.filled(["kinds": list(standing.kindsOver.map { CoordinationKind.label($0)(language) },
                                                                          language)])(language)
                        : nil
                case "harm-undefined": DecisionText.reasonHarmUndefined(language)
                case "flags-nothing": DecisionText.reasonFlagsNothing(language)
                case "flags-no-labelled-account": DecisionText.reasonNoLabelledFlags(language)
                case "primary-metric-undefined": DecisionText.reasonPrimaryUndefined.filled(["metric": metric])(language)
                default: nil
                }
            }
            return DecisionText.notRecommendable.filled(["method": standing.method,
                                                         "reasons": reasons.joined(separator: "; ")])(language)
        }
    }

    /// `a`, `a and b`, `a, b and c` (`en`, `a en b` in Dutch).
    static func list(_ items: [String], _ language: Language) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + (language == .nl ? " en " : " and ") + items.last!
    }
}
